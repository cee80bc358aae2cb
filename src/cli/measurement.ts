/**
 * What `run`, `tune` and `peaks` hand to runCases alike: the timing, the reference peaks, the
 * browser (or Dawn), where the results go, and the progress reporter, all from their options.
 */
import type { Argv } from 'yargs';
import { runCases, type RunOptions } from '../host/run.js';
import { progressReporter } from '../report/progress.js';
import { browserChoiceFromArgs, withBrowserOptions } from './browser-options.js';
import { dawnRunner, peakRequestFromArgs, resultsOut, timingFromArgs, withPeakOptions, withTimingOptions } from './options.js';
import { colourAllowed, logLine } from './output.js';

/** Elements of an output checked against the CPU reference (a larger output is sampled). */
const MAX_CHECKED_ELEMENTS = 65_536;

/** Adds the options measure() reads: timing, results, Dawn, reference peaks and the browser. */
export function withMeasurementOptions<T>(y: Argv<T>) {
  return withBrowserOptions(withPeakOptions(withTimingOptions(y)));
}

type MeasurementArgs = Parameters<typeof timingFromArgs>[0] &
  Parameters<typeof peakRequestFromArgs>[0] &
  Parameters<typeof browserChoiceFromArgs>[0] &
  Parameters<typeof dawnRunner>[0] & { out?: string | undefined };

/** The options shared by every measuring command; `own` adds the command's cases and may refine `timing`. */
type OwnOptions = Omit<RunOptions, 'peakRequest' | 'extraFlags' | 'browser' | 'out' | 'reporter' | 'runner' | 'maxCheckedElements' | 'timing'> & {
  timing?: Partial<RunOptions['timing']>;
  /** Added to the default results file name, e.g. `-peaks`. */
  outSuffix?: string;
};

/**
 * Validates the shared options (before anything is launched or written), measures, and says
 * where the results went.
 */
export async function measure(args: MeasurementArgs, own: OwnOptions): ReturnType<typeof runCases> {
  const { timing: timingOverrides, outSuffix, ...rest } = own;
  const timing = { ...timingFromArgs(args), ...timingOverrides };
  const peakRequest = peakRequestFromArgs(args);
  const browser = browserChoiceFromArgs(args);
  const out = resultsOut(args.out, outSuffix);
  const reporter = progressReporter(process.stderr, colourAllowed(process.stderr));
  const outcome = await runCases({
    ...rest,
    timing,
    peakRequest,
    maxCheckedElements: MAX_CHECKED_ELEMENTS,
    extraFlags: args['browser-flag'] ?? [],
    browser,
    out,
    reporter,
    runner: await dawnRunner(args, (event) => reporter.caseProgress(event)),
  });
  logLine(`flopscope: results written to ${outcome.path}`);
  return outcome;
}
