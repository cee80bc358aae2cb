/**
 * Start-up transients: samples at the start of a case that come from another regime than the
 * rest (a device or browser still settling after warm-up, clocks ramping, a GPU that throttles
 * once hot). The median of a mixture is no one's time, and its interval is falsely narrow, so the
 * timing loop drops such a start and samples on.
 */
import { mannWhitneyU } from './compare.js';
import { sortSamples } from './sorted.js';
import { median } from './summary.js';

/** Options of findStartTransient. */
export interface TransientOptions {
  /** A shift smaller than this fraction of the median does not count (the noise target). */
  minShift: number;
  /** Significance level of the rank test; default 0.001: dropping samples must be well founded. */
  alpha?: number;
}

/** A start that differs from the rest: how many leading samples to drop, and by how much they differ. */
export interface StartTransient {
  /** Leading samples to drop. */
  count: number;
  /** median(start) / median(rest) - 1: above 0 when the start was slower. */
  shift: number;
  pValue: number;
}

/** Fewest samples in the start for the test to mean anything. */
const MIN_START = 6;

/**
 * Looks at the first quarter of `samples` (in the order taken) against the rest, then at the
 * first eighth (a shorter transient is diluted in a quarter): a transient when a two-sided
 * Mann-Whitney test says they differ (p < alpha) and their medians differ by more than minShift.
 * Null when neither does, or with too few samples (the start needs 6). Both directions count: a
 * slow start is a device still settling, a fast one a device that slowed once hot; either way
 * the rest is the steady state.
 */
export function findStartTransient(
  samples: readonly number[],
  { minShift, alpha = 0.001 }: TransientOptions,
): StartTransient | null {
  if (!(minShift >= 0)) throw new RangeError(`minShift must be >= 0, got ${minShift}`);
  for (const count of [Math.floor(samples.length / 4), Math.floor(samples.length / 8)]) {
    if (count < MIN_START) continue;
    const start = samples.slice(0, count);
    const rest = samples.slice(count);
    const shift = median(sortSamples(start)) / median(sortSamples(rest)) - 1;
    if (!(Math.abs(shift) > minShift)) continue;
    const { pValue } = mannWhitneyU(rest, start);
    if (pValue < alpha) return { count, shift, pValue };
  }
  return null;
}
