/**
 * Is the GPU timer too coarse for this work? WebGPU timestamps are integer nanoseconds, but in
 * Chrome without "WebGPU Developer Features" Dawn masks the low 16 bits of every timestamp
 * (kTimestampQuantizationMask = 0xFFFF0000, src/dawn/common/Constants.h; Chrome's docs round it
 * to "100 microseconds"), so every delta is a multiple of 65,536 ns. Unmasked, the grid is the
 * GPU's tick: 1 ns or a few tens of ns; a tick that is not a whole number of ns (Intel's 83.3 ns,
 * Apple's 41.7 ns) is rounded to whole ns by Dawn and shows no integer grid at all.
 */

import { sortSamples } from './sorted.js';
import { median } from './summary.js';

/** Timer steps seen in the wild, in ns: Dawn's 16-bit mask, and the 100 µs Chrome documents. */
export const KNOWN_TIMER_QUANTA_NS: readonly number[] = [65_536, 100_000];

/**
 * A grid is reported only when a fine (1 ns) timer would put the deltas on it by chance with
 * probability below this: d distinct deltas all multiples of g happen by chance about g^-(d-1)
 * times when g is read off the data (its gcd), g^-d when g is a known quantum.
 */
export const GRID_CHANCE = 1e-4;

/** What detectQuantization found. Counts are of the deltas given; values in whole ns. */
export interface QuantizationReport {
  /** The deltas sit on a grid coarser than 1 ns, or no delta was positive but some were 0. */
  quantized: boolean;
  /**
   * The grid step: the gcd of the positive deltas (the largest step the data support; with few
   * distinct values it may be a multiple of the true one) or a known quantum that divides all of
   * them; 1 when no coarser grid is shown; null when no delta was positive.
   */
  stepNs: number | null;
  /** Distinct positive deltas. */
  distinctValues: number;
  positive: number;
  /** Zero deltas: the work took less than one step (webgpu-samples drops and counts these). */
  zero: number;
  /** Negative deltas: timestamps out of order, a harness or driver fault. */
  negative: number;
  /** Median of the positive deltas; null when none. */
  medianNs: number | null;
  /** stepNs / medianNs: the most one typical reading can be off by from the grid alone. */
  relativeStep: number | null;
  /** Some deltas are 0, or relativeStep > targetRelativeError: batch more work per reading. */
  coarse: boolean;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * Looks for a timer grid in raw timestamp deltas (end - begin of one timed interval, in ns, not
 * divided by a batch size). Deltas are rounded to whole ns. The gcd is exact, not robust: one
 * delta off the grid shows that this data has no common grid, which is then the truth about it
 * (Dawn's mask puts every timestamp on the grid). O(n log n).
 */
export function detectQuantization(
  deltasNs: readonly number[],
  { targetRelativeError = 0.001 }: { targetRelativeError?: number } = {},
): QuantizationReport {
  if (deltasNs.length === 0) throw new RangeError('detectQuantization needs at least one delta');
  const positives: number[] = [];
  let zero = 0;
  let negative = 0;
  for (const delta of deltasNs) {
    const ns = Math.round(delta);
    if (ns > 0) positives.push(ns);
    else if (ns === 0) zero++;
    else if (Number.isNaN(ns)) throw new RangeError('a delta is NaN');
    else negative++;
  }
  const sorted = sortSamples(positives);
  let distinctValues = 0;
  let step = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) continue;
    distinctValues++;
    step = gcd(sorted[i]!, step);
  }
  if (sorted.length === 0) {
    return {
      quantized: zero > 0,
      stepNs: null,
      distinctValues,
      positive: 0,
      zero,
      negative,
      medianNs: null,
      relativeStep: null,
      coarse: zero > 0,
    };
  }
  // Evidence for the gcd: every distinct value past the first, and a zero if any (0 is on every
  // grid, but a fine timer never reads 0 for real work).
  const evidence = distinctValues - 1 + (zero > 0 ? 1 : 0);
  let stepNs = 1;
  if (step >= 2 && step ** evidence >= 1 / GRID_CHANCE) {
    stepNs = step;
  } else {
    for (const quantum of KNOWN_TIMER_QUANTA_NS) {
      if (step % quantum === 0 && quantum ** distinctValues >= 1 / GRID_CHANCE) {
        stepNs = quantum;
        break;
      }
    }
  }
  const medianNs = median(sorted);
  const relativeStep = stepNs / medianNs;
  return {
    quantized: stepNs > 1,
    stepNs,
    distinctValues,
    positive: sorted.length,
    zero,
    negative,
    medianNs,
    relativeStep,
    coarse: zero > 0 || relativeStep > targetRelativeError,
  };
}

/**
 * How long one timed reading must last for the timer grid to cost at most `targetRelativeError`
 * (default 0.001, a tenth of the default 1% noise target): a delta of two gridded timestamps is
 * off by less than one step, so a reading of D ns errs by under stepNs / D. 65,536 ns → 65.5 ms.
 */
export function minBatchDurationNs(stepNs: number, targetRelativeError = 0.001): number {
  if (!(stepNs >= 0)) throw new RangeError(`stepNs must be >= 0, got ${stepNs}`);
  if (!(targetRelativeError > 0)) {
    throw new RangeError(`targetRelativeError must be > 0, got ${targetRelativeError}`);
  }
  return stepNs / targetRelativeError;
}

/** What chooseBatchSize needs to know; all times in ns. */
export interface BatchSizeInput {
  /** One run (dispatch) of the work, as measured so far. */
  singleRunNs: number;
  /** Timer step (detectQuantization's stepNs; 1 when fine). */
  stepNs: number;
  /** Fixed cost inside each timed interval, once per batch (pass begin/end, submit); default 0. */
  overheadNs?: number;
  /** Default 0.001. */
  targetRelativeError?: number;
  /** Default 1. */
  minBatch?: number;
  /** Default no cap. */
  maxBatch?: number;
}

/** (stepNs + overheadNs) / (batchSize × singleRunNs): the worst relative error per reading. */
export function batchRelativeError({
  batchSize,
  singleRunNs,
  stepNs,
  overheadNs = 0,
}: {
  batchSize: number;
  singleRunNs: number;
  stepNs: number;
  overheadNs?: number;
}): number {
  return (stepNs + overheadNs) / (batchSize * singleRunNs);
}

/**
 * Runs per timed reading so that the reading dwarfs both the timer step and the fixed per-batch
 * overhead: both are absolute errors of each reading (the step as rounding, the overhead as a
 * bias per run of overhead / batch), so batch ≥ (stepNs + overheadNs) / (target × singleRunNs),
 * clamped to [minBatch, maxBatch]. A cost paid per dispatch cannot be amortized and belongs in
 * singleRunNs. Check batchRelativeError afterwards: maxBatch can keep the target out of reach.
 */
export function chooseBatchSize({
  singleRunNs,
  stepNs,
  overheadNs = 0,
  targetRelativeError = 0.001,
  minBatch = 1,
  maxBatch = Number.POSITIVE_INFINITY,
}: BatchSizeInput): number {
  if (!(singleRunNs > 0)) throw new RangeError(`singleRunNs must be > 0, got ${singleRunNs}`);
  if (!(overheadNs >= 0)) throw new RangeError(`overheadNs must be >= 0, got ${overheadNs}`);
  if (!(minBatch >= 1 && maxBatch >= minBatch)) {
    throw new RangeError(`need 1 <= minBatch <= maxBatch, got ${minBatch}, ${maxBatch}`);
  }
  const needed = Math.ceil(minBatchDurationNs(stepNs + overheadNs, targetRelativeError) / singleRunNs);
  return Math.min(maxBatch, Math.max(minBatch, needed));
}
