/**
 * One run, whole, on an open runner: the plan checked against the adapter, the results started
 * (env, suite, reference peaks), the peaks and cases measured, workloads summed and the results
 * finished. Every command that measures (run, tune, peaks, serve's page, ab) comes through here;
 * what needs Node (opening the runner, writing files, reading the CPU) is given by the caller.
 */
import { RESULTS_SCHEMA, type Results, type RunEnvironment } from '../results/schema.js';
import { summarizeWorkloads } from '../results/workloads.js';
import { isSoftwareAdapter } from '../specs/match.js';
import { withImplementation } from '../results/implementation.js';
import { resolveReferencePeaks, type HostCpu, type PeakRequest } from '../specs/reference.js';
import { SOFTWARE_SCALE, type Workload } from '../suites/workloads.js';
import { measureCases, type MeasureHooks, type MeasureOptions } from './measure-cases.js';
import { resumable } from './resume.js';
import { adapterKey, SavedConfigurations, type SavedFile } from './saved-configurations.js';
import { assertCasesFit, planWorkload, resolveForAdapter, type PlannedCase } from './plan.js';
import type { Runner } from './runner.js';

/** A run, as every command describes it. */
export interface RunPlan extends MeasureOptions {
  /** The cases (none for a model workload, which is planned once the adapter is known). */
  cases: readonly PlannedCase[];
  /** What was asked for, as the results record it: the suite's name (null for --kernel), the sizes (null: its own). */
  suite: { name: string | null; sizes: readonly number[] | null; scale?: number | undefined };
  /**
   * A model workload instead of `cases`; `scale` null = full size on hardware, SOFTWARE_SCALE on a software
   * adapter.
   */
  workload?: { workload: Workload; scale: number | null } | undefined;
  /** What the user said about reference peaks (--gpu, --peak-tflops, --peak-bandwidth). */
  peakRequest: PeakRequest;
  /** Configurations `tune --save` recorded, taken for the adapter they were tuned on. */
  saved?: SavedFile | null | undefined;
  /** Adds to the finished results before they are saved (tune's ranking). */
  finalize?: ((results: Results) => void) | undefined;
}

/** The saved configurations of this adapter, if any were saved. */
function savedFor(
  saved: SavedFile | null | undefined,
  adapter: Runner['device']['adapter'],
): SavedConfigurations | undefined {
  return saved ? new SavedConfigurations(saved, adapterKey(adapter)) : undefined;
}

/** Facts about where the run happens that only the caller can know. */
export interface RunContext {
  harness: RunEnvironment['harness'];
  /** The machine the harness runs on (a runner on another machine describes its own). */
  host: RunEnvironment['host'];
  /** The CPU behind a software adapter on this machine, for its estimated peak; null when unknown. */
  cpu: HostCpu | null;
}

/**
 * The cases of `plan` on this runner's adapter: a workload planned, configurations chosen for its class,
 * buffers checked against its limits.
 */
export function casesForAdapter(
  plan: Pick<RunPlan, 'cases' | 'workload' | 'saved'>,
  runner: Pick<Runner, 'device'>,
): { cases: PlannedCase[]; workloadScale: number | null } {
  const { device } = runner;
  const workloadScale = plan.workload
    ? (plan.workload.scale ?? (isSoftwareAdapter(device.adapter) ? SOFTWARE_SCALE : 1))
    : null;
  const planned = plan.workload ? planWorkload(plan.workload.workload, device.features, workloadScale!) : plan.cases;
  const cases = resolveForAdapter(planned, device.adapter, savedFor(plan.saved, device.adapter));
  assertCasesFit(cases, device.limits);
  return { cases, workloadScale };
}

/** The results of a run before its first case: env, suite and reference peaks, no cases. */
export function startResults(
  runner: Runner,
  plan: RunPlan,
  cases: readonly PlannedCase[],
  context: RunContext,
): Results {
  const { device } = runner;
  // A software adapter's peak is estimated from the CPU it runs on: unknown for a browser on another machine.
  const reference = resolveReferencePeaks(
    device.adapter,
    plan.peakRequest,
    runner.machine ? null : context.cpu,
    runner.adapterInferred,
  );
  const rounds = plan.moreCases ? 1 : (plan.rounds ?? 1);
  return {
    schema: RESULTS_SCHEMA,
    complete: false,
    env: {
      harness: context.harness,
      browser: withImplementation(runner.browser),
      adapter: device.adapter,
      ...(runner.adapterInferred ? { adapterInferred: runner.adapterInferred } : {}),
      features: device.features,
      limits: device.limits,
      host: runner.machine ?? context.host,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    },
    suite: {
      name: plan.suite.name,
      kernels: [...new Set(cases.map((c) => c.kernel.name))],
      sizes: plan.suite.sizes ? [...plan.suite.sizes] : null,
      seed: plan.seed,
      timing: plan.timing,
      ...(plan.suite.scale !== undefined ? { scale: plan.suite.scale } : {}),
      ...(rounds > 1 ? { rounds } : {}),
      ...((plan.launches ?? 1) > 1 ? { launches: plan.launches } : {}),
    },
    peaks: {
      measured: { computeGflops: null, computeCaseId: null },
      reference: reference.reference,
      ...(reference.missing !== undefined ? { referenceMissing: reference.missing } : {}),
    },
    cases: [],
  };
}

/**
 * Measures `plan` on `runner`: returns the finished results, saved through `hooks.save` after
 * every change. With `resume` (the partial results of an interrupted run of the same plan on the
 * same browser and adapter: src/measure/resume.ts), its finished cases are kept and the rest measured.
 */
export async function measureRun(
  runner: Runner,
  plan: RunPlan,
  context: RunContext,
  hooks: MeasureHooks,
  resume?: { results: Results; path: string },
): Promise<Results> {
  const { cases, workloadScale } = casesForAdapter(plan, runner);
  const fresh = startResults(runner, plan, cases, context);
  const results = resume ? resumable(resume.results, fresh, resume.path) : fresh;
  results.complete = false;
  hooks.save(results);
  // An A/B run's pairs get each side's configuration for this adapter, as plain cases do.
  const ab = plan.ab && {
    ...plan.ab,
    pairs: plan.ab.pairs.map((pair) => ({
      base: resolveForAdapter([pair.base], runner.device.adapter)[0]!,
      candidate: resolveForAdapter(
        [pair.candidate],
        runner.device.adapter,
        savedFor(plan.saved, runner.device.adapter),
      )[0]!,
    })),
  };
  if (ab)
    assertCasesFit(
      ab.pairs.map((pair) => pair.base),
      runner.device.limits,
    );
  await measureCases(runner, cases, { ...plan, ab }, results, hooks);
  if (plan.workload) {
    const { name, description } = plan.workload.workload;
    results.suite.scale = workloadScale!;
    results.workloads = summarizeWorkloads(
      [{ name, description, scale: workloadScale! }],
      results.cases,
      results.peaks,
    );
  }
  results.complete = true;
  results.env.finishedAt = new Date().toISOString();
  plan.finalize?.(results);
  hooks.save(results);
  return results;
}
