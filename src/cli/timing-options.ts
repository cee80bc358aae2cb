/** The timing options (stopping rule, clock, cache mode) of the measuring commands, read into one TimingOptions. */
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { DEFAULT_TIMING } from '../measure/defaults.js';
import type { TimingOptions } from '../protocol/messages.js';
import { parseCount, parseDurationMs, parseNoise } from './arguments.js';

/** Adds the timing options: clock, noise target, budget, samples, cold caches. */
export function withTimingOptions<T>(y: Argv<T>) {
  return y
    .option('clock', {
      choices: ['auto', 'gpu-timestamp', 'wall'] as const,
      default: DEFAULT_TIMING.clock,
      describe: 'timer: GPU timestamps when available (auto), or wall clock',
    })
    .option('noise', {
      type: 'string',
      default: `${DEFAULT_TIMING.noiseTarget * 100}%`,
      describe: 'stop a case once the 95% interval of its median is within ± this',
    })
    .option('max-time', {
      type: 'string',
      default: `${DEFAULT_TIMING.maxTimeMs / 1000}s`,
      describe: "time budget of one case's samples (5, 500ms, 2min)",
    })
    .option('min-samples', {
      type: 'number',
      default: DEFAULT_TIMING.minSamples,
      describe: 'fewest samples before the noise target may stop a case',
    })
    .option('max-samples', { type: 'number', default: DEFAULT_TIMING.maxSamples, describe: 'most samples of one case' })
    .option('cold', {
      type: 'boolean',
      default: false,
      describe: 'evict the GPU caches before every sample (one run per sample)',
    });
}

/** The timing options of a command's arguments, validated. */
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
  if (maxSamples < minSamples)
    throw new UsageError(
      `--max-samples ${maxSamples} is below --min-samples ${minSamples}: raise --max-samples or lower --min-samples`,
    );
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
