/**
 * How many runs of a kernel one timed sample holds: enough that the timer's step costs at most
 * a tenth of the noise target, and at least `minSampleMs` of work; lengthened when the first
 * batches show a coarser timer grid than calibration did. Pure (no WebGPU), so it is unit-tested.
 */
import type { TimingOptions } from '../protocol/messages.js';
import { chooseBatchSize, detectQuantization } from '../stats/timer.js';

/** Most runs batched into one sample, so a tiny kernel cannot make a sample take forever to encode. */
export const MAX_BATCH = 4096;

/**
 * The error the timer's step may add to one reading: a tenth of the noise target, kept within
 * [0.01%, 1%] so that a tiny target cannot ask for absurd batches, nor a loose one for a sloppy timer.
 */
export function timerErrorTarget(noiseTarget: number): number {
  return Math.min(0.01, Math.max(1e-4, noiseTarget / 10));
}

/** The batch size for hot samples of a kernel whose single run takes `singleRunNs`. */
export function batchFor(
  singleRunNs: number,
  stepNs: number,
  options: Pick<TimingOptions, 'noiseTarget' | 'minSampleMs'>,
): number {
  const run = Math.max(singleRunNs, 1);
  return chooseBatchSize({
    singleRunNs: run,
    stepNs,
    targetRelativeError: timerErrorTarget(options.noiseTarget),
    minBatch: Math.min(MAX_BATCH, Math.max(1, Math.ceil((options.minSampleMs * 1e6) / run))),
    maxBatch: MAX_BATCH,
  });
}

/** What a look at the first batches decided. */
export interface Regrid {
  /** The timer step now believed (never below the one given). */
  stepNs: number;
  /** The new batch size when the samples so far must be discarded and retaken, else null. */
  lengthenTo: number | null;
}

/**
 * Looks for a timer grid in the raw durations of the first batches (ns, whole batches) and
 * decides whether the batch must grow for the grid to cost at most a tenth of the noise target.
 */
export function regrid(
  batchNs: readonly number[],
  batchSize: number,
  stepNs: number,
  options: Pick<TimingOptions, 'noiseTarget' | 'minSampleMs'>,
): Regrid {
  const found = detectQuantization(batchNs, { targetRelativeError: timerErrorTarget(options.noiseTarget) });
  const step = Math.max(stepNs, found.stepNs ?? 0);
  const positives = batchNs.filter((ns) => ns > 0).sort((a, b) => a - b);
  if (!found.coarse || positives.length === 0) return { stepNs: step, lengthenTo: null };
  const singleRunNs = positives[positives.length >> 1]! / batchSize;
  const needed = batchFor(singleRunNs, step, options);
  return { stepNs: step, lengthenTo: needed > batchSize ? needed : null };
}
