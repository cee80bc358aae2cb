/**
 * Bootstrap resampling of the median, shared by the one-sample interval (ci.ts) and the ratio of
 * two runs (compare.ts). A resample's median is found without sorting: draw n ranks with
 * replacement, count how often each is drawn, and walk the counts to the middle: O(n) a resample.
 */

import { quantile } from './summary.js';
import { assertSorted, type SortedSamples } from './sorted.js';
import type { Rng } from './rng.js';

/** Medians of `resamples` bootstrap resamples of `sorted`, in draw order; n draws of `rng` each. */
export function bootstrapMedians(sorted: SortedSamples, resamples: number, rng: Rng): Float64Array {
  const n = sorted.length;
  if (n === 0) throw new RangeError('cannot resample no samples');
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  }
  const medians = new Float64Array(resamples);
  const counts = new Uint32Array(n);
  const lowRank = (n - 1) >> 1; // 0-based ranks of the middle one (odd n) or two (even n)
  const highRank = n >> 1;
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[rng.nextInt(n)]!++;
    let seen = 0;
    let lowValue = Number.NaN;
    for (let i = 0; i < n; i++) {
      seen += counts[i]!;
      if (Number.isNaN(lowValue) && seen > lowRank) lowValue = sorted[i]!;
      if (seen > highRank) {
        medians[b] = (lowValue + sorted[i]!) / 2;
        break;
      }
    }
  }
  return medians;
}

/** The percentile interval of bootstrap replicates: type-7 quantiles at (1 ∓ confidence) / 2. */
export function percentileInterval(replicates: Float64Array, confidence: number): { low: number; high: number } {
  requireConfidence(confidence);
  const sorted = Array.from(replicates.slice().sort());
  assertSorted(sorted);
  return {
    low: quantile(sorted, (1 - confidence) / 2),
    high: quantile(sorted, (1 + confidence) / 2),
  };
}

/** RangeError unless 0 < confidence < 1. */
export function requireConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1 (e.g. 0.95), got ${confidence}`);
  }
}
