/** The reference-peak options (--gpu, --peak-tflops, --peak-bandwidth), read into one PeakRequest. */
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { parseBandwidthGbPerS, parseHumanNumber } from '../flops/units.js';
import { findGpu } from '../specs/match.js';
import type { PeakRequest } from '../specs/reference.js';

/** Adds --gpu, --peak-tflops and --peak-bandwidth. */
export function withPeakOptions<T>(y: Argv<T>) {
  return y
    .option('gpu', {
      type: 'string',
      describe: 'the GPU, for vendor peaks, when the browser hides its name (e.g. "RTX 4090")',
    })
    .option('peak-tflops', {
      type: 'string',
      describe: 'f32 peak in TFLOP/s to take MFU against (overrides the table)',
    })
    .option('peak-bandwidth', {
      type: 'string',
      describe: 'memory bandwidth in GB/s (or 3.35TB/s) for the roofline (overrides the table)',
    });
}

/** Runs a parser, prefixing its UsageError with the option it read. */
function withOption<T>(option: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${option}: ${error.message}`);
    throw error;
  }
}

/** --gpu / --peak-tflops / --peak-bandwidth, validated before anything is launched. */
export function peakRequestFromArgs(args: {
  gpu?: string | undefined;
  'peak-tflops'?: string | undefined;
  'peak-bandwidth'?: string | undefined;
}): PeakRequest {
  if (args.gpu !== undefined) findGpu(args.gpu);
  const request: PeakRequest = { gpu: args.gpu };
  if (args['peak-tflops'] !== undefined) {
    const tflops = withOption('--peak-tflops', () => parseHumanNumber(args['peak-tflops']!));
    if (!(tflops > 0))
      throw new UsageError(
        `--peak-tflops ${args['peak-tflops']} must be above 0: give the f32 peak in TFLOP/s, e.g. --peak-tflops 82.6`,
      );
    request.peakTflops = tflops;
  }
  if (args['peak-bandwidth'] !== undefined)
    request.peakBandwidthGbPerS = withOption('--peak-bandwidth', () => parseBandwidthGbPerS(args['peak-bandwidth']!));
  return request;
}
