/**
 * What `run`, `tune` and `peaks` share: their options (timing, reference peaks, runner, --out,
 * --json), read once into a RunPlan and a RunnerChoice, then the run through the core, written
 * to a results file, with progress on stderr.
 */
import type { Argv } from 'yargs';
import { MAX_CHECKED_ELEMENTS } from '../measure/defaults.js';
import type { RunPlan } from '../measure/measure-run.js';
import { runToFile, type RunOutput } from '../host/run-to-file.js';
import type { LoadedConfig } from '../host/config-loader.js';
import type { Results } from '../results/schema.js';
import { progressReporter } from '../report/progress.js';
import { peakRequestFromArgs, withPeakOptions } from './peak-options.js';
import { resultsOut } from './results-path.js';
import { runnerChoiceFromArgs, withRunnerOptions, type RunnerArgs } from './runner-options.js';
import { timingFromArgs, withTimingOptions } from './timing-options.js';
import { colourAllowed, logLine } from './output.js';

/** Adds the options runMeasurement reads: timing, reference peaks, the runner, --out and --json. */
export function withMeasurementOptions<T>(y: Argv<T>) {
  return withConfigOption(withRunnerOptions(withPeakOptions(withTimingOptions(y))))
    .option('out', { type: 'string', describe: 'results file (default results/<date>-<adapter>.json)' })
    .option('json', { type: 'boolean', default: false, describe: 'print JSON on stdout instead of the table' });
}

type MeasurementArgs = Parameters<typeof timingFromArgs>[0] &
  Parameters<typeof peakRequestFromArgs>[0] &
  RunnerArgs & { out?: string | undefined };

/** Adds --config: the user's config file (default: flopscope.config.ts or .mts/.js/.mjs found from here upwards). */
export function withConfigOption<T>(y: Argv<T>) {
  return y.option('config', {
    type: 'string',
    describe: 'your config (kernels, suites); default: flopscope.config.{ts,mts,js,mjs} here or in a folder above',
  });
}

/** What a command adds to the shared options: its cases and how it measures them (timing refined, not replaced). */
export type CommandPlan = Omit<RunPlan, 'timing' | 'peakRequest' | 'maxCheckedElements'> & {
  timing?: Partial<RunPlan['timing']> | undefined;
  /** Added to the default results file name, e.g. `-peaks`. */
  outSuffix?: string | undefined;
  resume?: RunOutput['resume'];
};

/**
 * Validates the shared options (before anything is launched or written), measures, and says
 * where the results went.
 */
export async function runMeasurement(
  args: MeasurementArgs,
  command: CommandPlan,
  config: LoadedConfig & { features?: readonly string[] },
): Promise<{ results: Results; path: string }> {
  const { timing: timingOverrides, outSuffix, resume, ...rest } = command;
  const plan: RunPlan = {
    ...rest,
    timing: { ...timingFromArgs(args), ...timingOverrides },
    peakRequest: peakRequestFromArgs(args),
    maxCheckedElements: MAX_CHECKED_ELEMENTS,
    saved: config.saved,
  };
  const choice = { ...runnerChoiceFromArgs(args), features: config.features ?? config.registry.features() };
  const out = resume ? resume.path : resultsOut(args.out, outSuffix);
  const outcome = await runToFile(
    plan,
    choice,
    { out, resume },
    progressReporter(process.stderr, colourAllowed(process.stderr)),
  );
  logLine(`flopscope: results written to ${outcome.path}`);
  return outcome;
}
