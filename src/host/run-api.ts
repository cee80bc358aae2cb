/**
 * `run` for scripts and tests: `import { run } from 'flopscope'` measures kernels (the user's
 * config's and the built-in ones) as `flopscope run` does, and returns the same typed results
 * object its JSON holds; nothing is written unless `out` is given.
 */
import type { Params } from '../api/types.js';
import { DEFAULT_ROUNDS, DEFAULT_SEED, DEFAULT_TIMING, MAX_CHECKED_ELEMENTS } from '../measure/defaults.js';
import type { MeasureHooks } from '../measure/measure-cases.js';
import { measureRun, type RunPlan } from '../measure/measure-run.js';
import { defaultSuiteName, planCases } from '../measure/plan.js';
import type { ProgressEvent, TimingOptions } from '../protocol/messages.js';
import type { CaseRecord, Results } from '../results/schema.js';
import type { PeakRequest } from '../specs/reference.js';
import { loadConfig } from './config-loader.js';
import { openRunner, type RunnerChoice } from './open-runner.js';
import { localContext, runToFile } from './run-to-file.js';

/** What `run` measures, and how; everything is optional. */
export interface RunRequest {
  /** Kernel names (the config's or built-in); with `suite`, they narrow it. */
  kernels?: readonly string[] | undefined;
  /** A suite (the config's or built-in); default the config's defaultSuite, else 'quick'. */
  suite?: string | undefined;
  /** One-number sizes (a matmul's M = N = K). */
  sizes?: readonly number[] | undefined;
  /** Parameter values for every case (as --param). */
  params?: Params | undefined;
  /** The config file; default: found from `cwd` upwards. */
  config?: string | undefined;
  cwd?: string | undefined;
  /** Timing, over the defaults of `flopscope run`. */
  timing?: Partial<TimingOptions> | undefined;
  /** Rounds per case (default 5). */
  rounds?: number | undefined;
  /** Measure the device's peaks first (default true). */
  peak?: boolean | undefined;
  seed?: number | undefined;
  /** Reference peaks, as --gpu / --peak-tflops / --peak-bandwidth. */
  peaks?: PeakRequest | undefined;
  /** Which browser (or Dawn, or a remote endpoint), as the CLI's runner options. */
  runner?: RunnerChoice | undefined;
  /** Also write the results file here (`<out>.partial.json` while it runs). */
  out?: string | undefined;
  /** Told as each case finishes. */
  onCase?: ((record: CaseRecord) => void) | undefined;
  onProgress?: ((event: ProgressEvent) => void) | undefined;
  onLog?: ((line: string) => void) | undefined;
}

/** Measures what `request` asks for; resolves to the results (what a results file holds). */
export async function run(request: RunRequest = {}): Promise<Results> {
  const config = await loadConfig({ path: request.config, cwd: request.cwd });
  const cases = planCases(
    { suite: request.suite, kernels: request.kernels, sizes: request.sizes, params: request.params },
    config,
  );
  const plan: RunPlan = {
    cases,
    suite: {
      name: request.kernels && !request.suite ? null : (request.suite ?? defaultSuiteName(config)),
      sizes: request.sizes ?? null,
    },
    timing: { ...DEFAULT_TIMING, ...request.timing },
    seed: request.seed ?? DEFAULT_SEED,
    maxCheckedElements: MAX_CHECKED_ELEMENTS,
    measurePeak: request.peak ?? true,
    rounds: request.rounds ?? DEFAULT_ROUNDS,
    peakRequest: request.peaks ?? {},
    saved: config.saved,
  };
  const log = request.onLog ?? (() => undefined);
  const hooks: Omit<MeasureHooks, 'save'> = {
    log,
    caseStarted: () => undefined,
    caseProgress: (event) => request.onProgress?.(event),
    caseFinished: (record) => request.onCase?.(record),
  };
  const choice = { ...request.runner, features: config.registry.features() };
  if (request.out !== undefined) return (await runToFile(plan, choice, { out: request.out }, hooks)).results;
  const runner = await openRunner(choice, { log, onProgress: hooks.caseProgress });
  try {
    return await measureRun(runner, plan, await localContext(), { ...hooks, save: () => undefined });
  } finally {
    await runner.close();
  }
}
