/** `flopscope peaks`: measure this device's compute and bandwidth peaks and show them beside its vendor figures. */
import type { Argv } from 'yargs';
import { runCases } from '../host/run.js';
import { formatPeaks, peakRows } from '../report/peaks.js';
import { progressReporter } from '../report/progress.js';
import { dawnRunner, peakRequestFromArgs, resultsOut, timingFromArgs, withPeakOptions, withTimingOptions } from './options.js';
import { browserChoiceFromArgs, withBrowserOptions } from './browser-options.js';
import { colourAllowed, logLine, writeStdout } from './output.js';

/** Registers `peaks` on a yargs instance. */
export function registerPeaks<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'peaks',
    "measure this device's f32/f16 compute peak and bandwidth, beside its vendor figures",
    (y) =>
      withBrowserOptions(withPeakOptions(withTimingOptions(y)))
        .example('$0 peaks', 'measured peaks and the vendor table row matched from the adapter')
        .example('$0 peaks --gpu "RTX 4090" --json', 'when the browser hides the GPU name'),
    async (args) => {
      const timing = timingFromArgs(args);
      const peakRequest = peakRequestFromArgs(args);
      const reporter = progressReporter(process.stderr, colourAllowed(process.stderr));
      const { results, path } = await runCases({
        cases: [],
        suiteName: 'peaks',
        sizes: null,
        timing,
        peakRequest,
        seed: 1,
        maxCheckedElements: 65_536,
        measurePeak: true,
        includeUnsupportedPeaks: true,
        extraFlags: args['browser-flag'] ?? [],
        browser: browserChoiceFromArgs(args),
        out: resultsOut(args.out, '-peaks'),
        reporter,
        runner: await dawnRunner(args, (event) => reporter.caseProgress(event)),
      });
      logLine(`flopscope: results written to ${path}`);
      const summary = { adapter: results.env.adapter, measured: results.peaks.measured, reference: results.peaks.reference ?? null, peaks: peakRows(results) };
      await writeStdout(args.json ? JSON.stringify(summary, null, 2) + '\n' : formatPeaks(results) + '\n');
      process.exitCode = results.cases.some((c) => c.status === 'incorrect' || c.status === 'error') ? 1 : 0;
    },
  );
}
