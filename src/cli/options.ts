/**
 * Options that several commands share: timing (the stopping rule, clock, cache mode), reference
 * peaks (--gpu, --peak-tflops, --peak-bandwidth), browser flags, and where results go.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { parseBandwidthGbPerS, parseHumanNumber } from '../flops/units.js';
import { openDawnRunner } from '../host/dawn.js';
import type { RunnerHandle } from '../host/run.js';
import type { DeviceReport, ProgressEvent, TimingOptions } from '../protocol/messages.js';
import { assertWritable } from '../results/store.js';
import { findGpu } from '../specs/match.js';
import { UNNAMED_ADAPTER } from '../specs/unnamed-adapter.js';
import type { PeakRequest } from '../specs/reference.js';
import { parseCount, parseDurationMs, parseNoise } from './arguments.js';

/** `results/2026-11-24T18-30-05-swiftshader-device-subzero.json`, unique in `dir`. */
export function defaultResultsPath(device: DeviceReport, now = new Date(), dir = 'results', suffix = ''): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  const { description, vendor, architecture } = device.adapter;
  const adapter = (description || `${vendor} ${architecture}`.trim() || UNNAMED_ADAPTER)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
  let path = join(dir, `${stamp}-${adapter}${suffix}.json`);
  for (let n = 2; existsSync(path); n++) path = join(dir, `${stamp}-${adapter}${suffix}-${n}.json`);
  return path;
}

/** Timing defaults of a run; the stopping rule's options refine them. */
export const DEFAULT_TIMING: TimingOptions = {
  clock: 'auto',
  mode: 'hot',
  warmupMs: 100,
  minSampleMs: 1,
  noiseTarget: 0.01,
  minSamples: 10,
  maxSamples: 1000,
  maxTimeMs: 5000,
};

/** The timing options of `run`'s arguments, validated. */
export function timingFromArgs(args: {
  clock: TimingOptions['clock'];
  noise: string;
  'max-time': string;
  'min-samples': number;
  'max-samples': number;
  cold: boolean;
}): TimingOptions {
  const minSamples = parseCount(args['min-samples'], '--min-samples');
  const maxSamples = parseCount(args['max-samples'], '--max-samples');
  if (maxSamples < minSamples) throw new UsageError(`--max-samples ${maxSamples} is below --min-samples ${minSamples}: raise --max-samples or lower --min-samples`);
  return {
    ...DEFAULT_TIMING,
    clock: args.clock,
    mode: args.cold ? 'cold' : 'hot',
    noiseTarget: parseNoise(args.noise),
    maxTimeMs: parseDurationMs(args['max-time'], '--max-time'),
    minSamples,
    maxSamples,
  };
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
export function peakRequestFromArgs(args: { gpu?: string | undefined; 'peak-tflops'?: string | undefined; 'peak-bandwidth'?: string | undefined }): PeakRequest {
  if (args.gpu !== undefined) findGpu(args.gpu);
  const request: PeakRequest = { gpu: args.gpu };
  if (args['peak-tflops'] !== undefined) {
    const tflops = withOption('--peak-tflops', () => parseHumanNumber(args['peak-tflops']!));
    if (!(tflops > 0)) throw new UsageError(`--peak-tflops ${args['peak-tflops']} must be above 0: give the f32 peak in TFLOP/s, e.g. --peak-tflops 82.6`);
    request.peakTflops = tflops;
  }
  if (args['peak-bandwidth'] !== undefined) request.peakBandwidthGbPerS = withOption('--peak-bandwidth', () => parseBandwidthGbPerS(args['peak-bandwidth']!));
  return request;
}

/** Adds the timing options (clock, noise target, budget, samples, cold caches) and --out/--json. */
export function withTimingOptions<T>(y: Argv<T>) {
  return withDawnOptions(y)
    .option('clock', { choices: ['auto', 'gpu-timestamp', 'wall'] as const, default: 'auto' as const, describe: 'timer: GPU timestamps when available (auto), or wall clock' })
    .option('noise', { type: 'string', default: '1%', describe: 'stop a case once the 95% interval of its median is within ± this' })
    .option('max-time', { type: 'string', default: '5s', describe: "time budget of one case's samples (5, 500ms, 2min)" })
    .option('min-samples', { type: 'number', default: DEFAULT_TIMING.minSamples, describe: 'fewest samples before the noise target may stop a case' })
    .option('max-samples', { type: 'number', default: DEFAULT_TIMING.maxSamples, describe: 'most samples of one case' })
    .option('cold', { type: 'boolean', default: false, describe: 'evict the GPU caches before every sample (one run per sample)' })
    .option('out', { type: 'string', describe: 'results file (default results/<date>-<adapter>.json)' })
    .option('json', { type: 'boolean', default: false, describe: 'print JSON on stdout instead of the table' })
    .option('browser-flag', { type: 'string', array: true, describe: 'extra Chromium flag (repeatable)' });
}

/** Adds --dawn and --dawn-flag: run on Dawn in Node instead of a browser. */
export function withDawnOptions<T>(y: Argv<T>) {
  return y
    .option('dawn', { type: 'string', describe: 'run on Dawn in Node (the webgpu npm package) instead of Chromium; optional path to its index.js' })
    .option('dawn-flag', { type: 'string', array: true, describe: 'Dawn option for --dawn, e.g. disable-dawn-features=timestamp_quantization (repeatable)' });
}

/** The Dawn runner when --dawn was given (the browser is not launched then), else undefined. */
export async function dawnRunner(args: { dawn?: string | undefined; 'dawn-flag'?: string[] | undefined }, onProgress: (event: ProgressEvent) => void): Promise<RunnerHandle | undefined> {
  if (args.dawn === undefined) return undefined;
  return openDawnRunner({ path: args.dawn || null, flags: args['dawn-flag'] ?? [], onProgress });
}

/** Adds --gpu, --peak-tflops and --peak-bandwidth. */
export function withPeakOptions<T>(y: Argv<T>) {
  return y
    .option('gpu', { type: 'string', describe: 'the GPU, for vendor peaks, when the browser hides its name (e.g. "RTX 4090")' })
    .option('peak-tflops', { type: 'string', describe: 'f32 peak in TFLOP/s to take MFU against (overrides the table)' })
    .option('peak-bandwidth', { type: 'string', describe: 'memory bandwidth in GB/s (or 3.35TB/s) for the roofline (overrides the table)' });
}

/** Where results go: --out (checked writable now, before anything runs) or a default name once the adapter is known. */
export function resultsOut(out: string | undefined, suffix = ''): string | ((device: DeviceReport) => string) {
  if (out !== undefined) {
    assertWritable(out);
    return out;
  }
  return (device) => {
    const path = defaultResultsPath(device, new Date(), 'results', suffix);
    assertWritable(path);
    return path;
  };
}
