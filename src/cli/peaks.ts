/** `flopscope peaks`: measure this device's compute and bandwidth peaks and show them beside its vendor figures. */
import type { Argv } from 'yargs';
import { builtinConfig } from '../host/config-loader.js';
import { DEFAULT_SEED } from '../measure/defaults.js';
import { formatPeaks, peakRows } from '../report/peaks.js';
import { runMeasurement, withMeasurementOptions } from './measurement.js';
import { exitCodeOf, writeStdout } from './output.js';

/** Registers `peaks` on a yargs instance. */
export function registerPeaks<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'peaks',
    "measure this device's f32/f16 compute peak and bandwidth, beside its vendor figures",
    (y) =>
      withMeasurementOptions(y)
        .example('$0 peaks', 'measured peaks and the vendor table row matched from the adapter')
        .example('$0 peaks --gpu "RTX 4090" --json', 'when the browser hides the GPU name'),
    async (args) => {
      const { results } = await runMeasurement(
        args,
        {
          cases: [],
          suite: { name: 'peaks', sizes: null },
          seed: DEFAULT_SEED,
          measurePeak: true,
          includeUnsupportedPeaks: true,
          outSuffix: '-peaks',
        },
        builtinConfig(),
      );
      const summary = {
        adapter: results.env.adapter,
        measured: results.peaks.measured,
        reference: results.peaks.reference ?? null,
        peaks: peakRows(results),
      };
      await writeStdout(args.json ? JSON.stringify(summary, null, 2) + '\n' : formatPeaks(results) + '\n');
      process.exitCode = exitCodeOf(results, ['incorrect', 'error']);
    },
  );
}
