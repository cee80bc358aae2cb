/**
 * Descriptive statistics of one set of timing samples. Order statistics (quantiles, MAD) take
 * `SortedSamples`; moments take any array. Every function is O(n) on sorted input.
 */

import { studentTQuantile } from './distributions.js';
import { sortSamples, type SortedSamples } from './sorted.js';

/** 1.4826 ≈ 1 / Φ⁻¹(3/4): scales the MAD to estimate σ for normal data (Rousseeuw & Croux 1993). */
export const MAD_TO_SIGMA = 1.482602218505602;

function requireSamples(samples: readonly number[], what: string): void {
  if (samples.length === 0) throw new RangeError(`${what} of no samples is undefined`);
}

/**
 * The q-quantile, 0 <= q <= 1, by linear interpolation between order statistics: Hyndman & Fan
 * type 7, the default of R's quantile() and numpy.quantile:
 * h = (n-1)q, result x[⌊h⌋] + (h-⌊h⌋)(x[⌊h⌋+1] - x[⌊h⌋]) with 0-based x.
 */
export function quantile(sorted: SortedSamples, q: number): number {
  requireSamples(sorted, 'a quantile');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile needs 0 <= q <= 1, got ${q}`);
  const h = (sorted.length - 1) * q;
  const i = Math.floor(h);
  const lower = sorted[i]!;
  const fraction = h - i;
  if (fraction === 0) return lower;
  const upper = sorted[i + 1]!;
  return lower + fraction * (upper - lower);
}

/** The median: the middle value, or the mean of the two middle values for even n. */
export function median(sorted: SortedSamples): number {
  return quantile(sorted, 0.5);
}

/** The smallest sample. */
export function min(sorted: SortedSamples): number {
  requireSamples(sorted, 'the minimum');
  return sorted[0]!;
}

/** The largest sample. */
export function max(sorted: SortedSamples): number {
  requireSamples(sorted, 'the maximum');
  return sorted[sorted.length - 1]!;
}

// Welford's one-pass update: no catastrophic cancellation when the spread is tiny next to the
// mean, which is the normal case for timings (e.g. 1,000,123 ns ± 40 ns).
function meanAndSumOfSquares(samples: readonly number[]): { mean: number; m2: number } {
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]!;
    const d = x - mean;
    mean += d / (i + 1);
    m2 += d * (x - mean);
  }
  return { mean, m2 };
}

/** The arithmetic mean. */
export function mean(samples: readonly number[]): number {
  requireSamples(samples, 'the mean');
  return meanAndSumOfSquares(samples).mean;
}

/** The sample variance (n-1 denominator); NaN for n = 1: one sample says nothing of spread. */
export function variance(samples: readonly number[]): number {
  requireSamples(samples, 'the variance');
  if (samples.length < 2) return Number.NaN;
  return meanAndSumOfSquares(samples).m2 / (samples.length - 1);
}

/** The sample standard deviation, √variance; NaN for n = 1. */
export function stddev(samples: readonly number[]): number {
  return Math.sqrt(variance(samples));
}

/**
 * The raw median absolute deviation, median(|x - median(x)|), not scaled (see `madSigma`).
 * O(n): the deviations below and above the median are two already-sorted runs, merged up to
 * their middle.
 */
export function mad(sorted: SortedSamples): number {
  const n = sorted.length;
  requireSamples(sorted, 'the MAD');
  const m = median(sorted);
  // First index at or above the median; deviations run outward from here on both sides.
  let split = n >> 1;
  while (split > 0 && sorted[split - 1]! >= m) split--;
  while (split < n && sorted[split]! < m) split++;
  let left = split - 1; // next deviation below: m - sorted[left], ascending as left falls
  let right = split; // next deviation above: sorted[right] - m, ascending as right rises
  const lowRank = (n - 1) >> 1;
  const highRank = n >> 1;
  let lowValue = 0;
  for (let rank = 0; rank <= highRank; rank++) {
    let deviation: number;
    if (right >= n || (left >= 0 && m - sorted[left]! <= sorted[right]! - m)) {
      deviation = m - sorted[left--]!;
    } else {
      deviation = sorted[right++]! - m;
    }
    if (rank === lowRank) lowValue = deviation;
    if (rank === highRank) return (lowValue + deviation) / 2;
  }
  return lowValue; // not reached: the loop returns at highRank
}

/** The MAD scaled by 1.4826 to estimate σ: equals the standard deviation for normal data. */
export function madSigma(sorted: SortedSamples): number {
  return MAD_TO_SIGMA * mad(sorted);
}

/**
 * The headline spread: madSigma / median, a robust coefficient of variation. For well-behaved
 * (normal) data it equals stddev / mean, the figure nvbench prints as "Noise", but one slow
 * outlier does not move it. Infinity (or NaN) if the median is 0.
 */
export function relativeSpread(sorted: SortedSamples): number {
  return madSigma(sorted) / median(sorted);
}

/** The interquartile range over the median, (p75 - p25) / p50: 1.349 × σ/μ for normal data. */
export function relativeIqr(sorted: SortedSamples): number {
  return (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / median(sorted);
}

/** How outliers are fenced: Tukey's 1.5 IQR past the quartiles, or 3.5 madSigma off the median. */
export type OutlierMethod = 'tukey' | 'mad';

/** Outliers found by a fence rule. `indices` point into the array that was passed in. */
export interface Outliers {
  method: OutlierMethod;
  /** Values strictly below this are low outliers. */
  lowFence: number;
  /** Values strictly above this are high outliers. */
  highFence: number;
  /** How many are below lowFence. */
  low: number;
  /** How many are above highFence. */
  high: number;
  /** low + high. */
  count: number;
  /** Positions of the outliers in the array passed in, ascending. */
  indices: number[];
}

/**
 * The fences of an outlier rule. 'tukey' (default): [p25 - 1.5 IQR, p75 + 1.5 IQR] (Tukey 1977, the
 * box-plot whiskers); it uses each quartile for its own side, so it suits right-skewed timings.
 * 'mad': median ± 3.5 madSigma, the modified z-score > 3.5 rule of Iglewicz & Hoaglin (1993).
 * Either collapses to [median, median] when over half the samples are equal (a coarse timer):
 * then every other value is flagged, which is the truth about such data.
 */
export function outlierFences(
  sorted: SortedSamples,
  method: OutlierMethod = 'tukey',
): { lowFence: number; highFence: number } {
  if (method === 'mad') {
    const m = median(sorted);
    const reach = 3.5 * madSigma(sorted);
    return { lowFence: m - reach, highFence: m + reach };
  }
  const p25 = quantile(sorted, 0.25);
  const p75 = quantile(sorted, 0.75);
  const reach = 1.5 * (p75 - p25);
  return { lowFence: p25 - reach, highFence: p75 + reach };
}

function collectOutliers(
  samples: readonly number[],
  method: OutlierMethod,
  fences: { lowFence: number; highFence: number },
): Outliers {
  const indices: number[] = [];
  let low = 0;
  let high = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]!;
    if (x < fences.lowFence) {
      low++;
      indices.push(i);
    } else if (x > fences.highFence) {
      high++;
      indices.push(i);
    }
  }
  return { method, ...fences, low, high, count: low + high, indices };
}

/** Outliers of sorted samples by `method` (default 'tukey'); indices are positions in `sorted`. */
export function outliers(sorted: SortedSamples, method: OutlierMethod = 'tukey'): Outliers {
  return collectOutliers(sorted, method, outlierFences(sorted, method));
}

/** What a report shows about one case's samples; values in the samples' unit unless noted. */
export interface Summary {
  n: number;
  min: number;
  max: number;
  mean: number;
  /** Sample standard deviation (n-1); NaN when n = 1. */
  stddev: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  p99: number;
  /** Raw median absolute deviation (multiply by MAD_TO_SIGMA for a σ estimate). */
  mad: number;
  /** Margin of error of the mean at 95%: t(0.975, n-1) × stddev / √n. Absent when n = 1. */
  moe?: number;
  /** moe / mean, a fraction (tinybench prints this ×100 as a percent). Absent when n = 1. */
  rme?: number;
  /** madSigma / median: robust relative spread, comparable with stddev/mean (relativeSpread). */
  relSpread: number;
  /** Tukey outliers; `indices` are positions in the samples as passed to summarize (run order). */
  outliers: Outliers;
}

/** The summary of raw samples in run order: O(n log n) for one sort, O(n) for the rest. */
export function summarize(samples: readonly number[]): Summary {
  requireSamples(samples, 'a summary');
  const sorted = sortSamples(samples);
  const n = sorted.length;
  const { mean: average, m2 } = meanAndSumOfSquares(sorted);
  const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : Number.NaN;
  const p50 = median(sorted);
  const rawMad = mad(sorted);
  const summary: Summary = {
    n,
    min: sorted[0]!,
    max: sorted[n - 1]!,
    mean: average,
    stddev: sd,
    p25: quantile(sorted, 0.25),
    p50,
    p75: quantile(sorted, 0.75),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    mad: rawMad,
    relSpread: (MAD_TO_SIGMA * rawMad) / p50,
    outliers: collectOutliers(samples, 'tukey', outlierFences(sorted, 'tukey')),
  };
  if (n > 1) {
    const moe = (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
    summary.moe = moe;
    summary.rme = moe / Math.abs(average);
  }
  return summary;
}
