/**
 * Comparing two runs of the same case (base, then next), for the regression tracker. Samples are
 * TIMES: a ratio median(next) / median(base) above 1 means next is slower.
 */

import { bootstrapMedians, percentileInterval, requireConfidence } from './bootstrap.js';
import { logSd, minSamplesForConfidence, type BootstrapOptions } from './ci.js';
import { normalCdf, studentTQuantile } from './distributions.js';
import { createRng, DEFAULT_SEED } from './rng.js';
import { sortSamples, type SortedSamples } from './sorted.js';
import { median } from './summary.js';

function sortTimes(samples: readonly number[], which: string): SortedSamples {
  const sorted = sortSamples(samples);
  if (sorted.length === 0) throw new RangeError(`${which} has no samples`);
  if (sorted[0]! <= 0) {
    throw new RangeError(
      `${which} has a time <= 0 (${sorted[0]}): times must be positive; zero times mean the ` +
        'timer is coarser than the work (see detectQuantization)',
    );
  }
  return sorted;
}

/** A bootstrap interval of median(next) / median(base), with the point estimate. */
export interface RatioInterval {
  /** median(next) / median(base) of the samples themselves. */
  ratio: number;
  low: number;
  high: number;
  /** The nominal coverage asked for. */
  confidence: number;
  method: 'bootstrap-percentile';
}

/**
 * Percentile-bootstrap interval of median(next) / median(base): each side resampled on its own
 * (the runs are independent), `resamples` ratios of the resample medians. Seeded: the same
 * inputs and seed give the same interval. Draw order: all base resamples, then all next ones.
 * Times must be positive.
 */
export function bootstrapRatioCi(
  base: readonly number[],
  next: readonly number[],
  { confidence = 0.95, resamples = 2000, seed = DEFAULT_SEED }: BootstrapOptions = {},
): RatioInterval {
  requireConfidence(confidence);
  const sortedBase = sortTimes(base, 'base');
  const sortedNext = sortTimes(next, 'next');
  const rng = createRng(seed);
  const ratios = bootstrapMedians(sortedBase, resamples, rng);
  const nextMedians = bootstrapMedians(sortedNext, resamples, rng);
  for (let b = 0; b < resamples; b++) ratios[b] = nextMedians[b]! / ratios[b]!;
  return {
    ratio: median(sortedNext) / median(sortedBase),
    ...percentileInterval(ratios, confidence),
    confidence,
    method: 'bootstrap-percentile',
  };
}

/** The result of a two-sided Mann-Whitney U (Wilcoxon rank-sum) test. */
export interface MannWhitneyResult {
  /** U of `next`: pairs (b, x) with x from next greater than b from base, ties counting 1/2. */
  u: number;
  /** U standardized, with tie and continuity corrections; > 0 when next tends to be slower. */
  z: number;
  /** Two-sided p-value. */
  pValue: number;
  /** 'exact' null distribution (small samples, no ties) or 'normal' approximation. */
  method: 'exact' | 'normal';
}

// Exact P(U >= k) under the null, for samples of sizes s (small) and b without ties, by the
// Mann & Whitney (1947) recurrence f(s, b, u) = f(s-1, b, u-b) + f(s, b-1, u): the largest value
// belongs to one sample or the other. Counts only ever add, so doubles stay accurate.
function exactUpperTail(s: number, b: number, k: number): number {
  const size = s * b + 1;
  const rows: Float64Array[] = [];
  for (let i = 0; i <= s; i++) {
    const row = new Float64Array(size);
    row[0] = 1; // with no values of the other sample, U = 0 in exactly one way
    rows.push(row);
  }
  for (let bb = 1; bb <= b; bb++) {
    for (let ss = 1; ss <= s; ss++) {
      const row = rows[ss]!;
      const shorter = rows[ss - 1]!;
      // Descending u, so row[u] still holds f(ss, bb-1, u) when read; shorter is already at bb.
      for (let u = ss * bb; u >= bb; u--) row[u] = row[u]! + shorter[u - bb]!;
    }
  }
  const counts = rows[s]!;
  let total = 0;
  let tail = 0;
  for (let u = 0; u < size; u++) {
    total += counts[u]!;
    if (u >= k) tail += counts[u]!;
  }
  return tail / total;
}

/** The smaller sample at or below this size (and no ties) gets the exact test, as in scipy. */
const EXACT_MAX_SMALL = 8;
/** ...provided the larger is at most this: the exact recurrence costs O(s² b²). */
const EXACT_MAX_LARGE = 64;

/**
 * Two-sided Mann-Whitney U test of base against next. Normal approximation with tie correction
 * and continuity correction (as R's wilcox.test and scipy.stats.mannwhitneyu by default); exact
 * when there are no ties, the smaller sample has <= 8 values and the larger <= 64.
 * `u` equals scipy.stats.mannwhitneyu(next, base).statistic. O((n + m) log(n + m)).
 */
export function mannWhitneyU(base: readonly number[], next: readonly number[]): MannWhitneyResult {
  const x = sortSamples(next);
  const y = sortSamples(base);
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('Mann-Whitney needs samples on both sides');
  const total = n1 + n2;
  // Merge the two sorted runs, giving each group of equal values its mean rank.
  let i = 0;
  let j = 0;
  let rank = 0;
  let rankSumNext = 0;
  let tieTerm = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && x[i]! <= y[j]!) ? x[i]! : y[j]!;
    let fromNext = 0;
    let fromBase = 0;
    while (i < n1 && x[i] === v) {
      fromNext++;
      i++;
    }
    while (j < n2 && y[j] === v) {
      fromBase++;
      j++;
    }
    const t = fromNext + fromBase;
    rankSumNext += fromNext * (rank + (t + 1) / 2);
    tieTerm += t * t * t - t;
    rank += t;
  }
  const u = rankSumNext - (n1 * (n1 + 1)) / 2;
  const mu = (n1 * n2) / 2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (total + 1 - tieTerm / (total * (total - 1))));
  const d = u - mu;
  const z = sigma > 0 ? (Math.sign(d) * Math.max(Math.abs(d) - 0.5, 0)) / sigma : 0;
  const small = Math.min(n1, n2);
  const large = Math.max(n1, n2);
  if (tieTerm === 0 && small <= EXACT_MAX_SMALL && large <= EXACT_MAX_LARGE) {
    const k = Math.max(u, n1 * n2 - u);
    return { u, z, pValue: Math.min(1, 2 * exactUpperTail(small, large, k)), method: 'exact' };
  }
  return { u, z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))), method: 'normal' };
}

/** What a comparison concludes; see compareSamples for the rule. */
export type Verdict = 'faster' | 'slower' | 'unchanged' | 'ambiguous';

/** Options of compareSamples. */
export interface CompareOptions {
  /** A change smaller than this fraction does not matter; default 0.05 (5%). */
  thresholdFraction?: number;
  /** Significance level of the test; the ratio interval is at 1 - alpha. Default 0.05. */
  alpha?: number;
  /** Bootstrap resamples for the ratio interval; default 2000. */
  resamples?: number;
  /** Bootstrap seed; default DEFAULT_SEED. */
  seed?: number;
  /**
   * Widens the ratio interval (in log space, around the ratio) for samples that are not
   * independent, e.g. autocorrelationInflation of the two runs; default 1.
   */
  inflation?: number;
  /**
   * Run-to-run spread to add, as a half-width in log-ratio at 1 - alpha (runToRunHalfWidth of
   * several baseline runs): combined with the interval's own half-widths in quadrature. Default 0.
   */
  runToRun?: number;
}

/**
 * Half-width, in log units, of the 1 - alpha prediction interval for the log-median of one more
 * run, from the log-medians of k >= 2 earlier runs of the same case: t(1 - alpha/2, k - 1) x s x
 * sqrt(1 + 1/k), s their standard deviation. What separates two launches of the same code (the
 * browser, the driver, the machine's state) and no single run's samples can show. Wide with few
 * runs (k = 2: 12.7 s x 1.22), as it should be.
 */
export function runToRunHalfWidth(medians: readonly number[], alpha = 0.05): number {
  const s = logSd(medians, 'run-to-run spread', 'runs');
  const k = medians.length;
  return studentTQuantile(1 - alpha / 2, k - 1) * s * Math.sqrt(1 + 1 / k);
}

/**
 * Half-width, in log units, of the Welch t interval at 1 - alpha for the shift between two sets
 * of round medians (src/measure/rounds.ts) of the same case, >= 2 each: t(1 - alpha/2, df) x
 * sqrt(s1²/n1 + s2²/n2), s the standard deviations of their logs, df Welch-Satterthwaite's. The
 * rounds are the unit of replication: what the drift within and between runs does to a whole
 * run's median.
 */
export function roundsShiftHalfWidth(base: readonly number[], next: readonly number[], alpha = 0.05): number {
  const v1 = logSd(base, 'the shift between rounds', 'rounds a side') ** 2 / base.length;
  const v2 = logSd(next, 'the shift between rounds', 'rounds a side') ** 2 / next.length;
  const variance = v1 + v2;
  if (variance === 0) return 0;
  const df = variance ** 2 / (v1 ** 2 / (base.length - 1) + v2 ** 2 / (next.length - 1));
  return studentTQuantile(1 - alpha / 2, df) * Math.sqrt(variance);
}

/** A comparison of two runs' times. */
export interface SampleComparison {
  /** median(next) / median(base); > 1 means slower. */
  ratio: number;
  /** Bootstrap interval of the ratio at `confidence`. */
  ci: [low: number, high: number];
  /** 1 - alpha. */
  confidence: number;
  /** Two-sided Mann-Whitney p-value. */
  pValue: number;
  verdict: Verdict;
}

/**
 * Compares two runs' times. With t = thresholdFraction, the band of no practical change is
 * [1/(1+t), 1+t] in ratio (symmetric in log-ratio, so swapping base and next swaps faster and
 * slower exactly), and CI is the bootstrap interval of the ratio at 1 - alpha:
 * - 'slower': p < alpha (Mann-Whitney) and CI entirely above 1+t;
 * - 'faster': p < alpha and CI entirely below 1/(1+t);
 * - 'unchanged': CI entirely inside [1/(1+t), 1+t] (an equivalence test: a significant but
 *   small shift is still 'unchanged');
 * - 'ambiguous': anything else: the noise is too large to decide, the test and the interval
 *   disagree, or either side has fewer samples than a distribution-free interval of a median
 *   needs at 1 - alpha (6 at 95%). Collect more samples or reduce noise.
 * Caveat: both the test and the bootstrap assume independent samples; drift within a run
 * (clocks, heat) makes them overconfident.
 */
export function compareSamples(
  base: readonly number[],
  next: readonly number[],
  {
    thresholdFraction = 0.05,
    alpha = 0.05,
    resamples = 2000,
    seed = DEFAULT_SEED,
    inflation = 1,
    runToRun = 0,
  }: CompareOptions = {},
): SampleComparison {
  if (!(inflation >= 1)) throw new RangeError(`inflation must be >= 1, got ${inflation}`);
  if (!(runToRun >= 0)) throw new RangeError(`runToRun must be >= 0, got ${runToRun}`);
  if (!(thresholdFraction >= 0)) {
    throw new RangeError(`thresholdFraction must be >= 0, got ${thresholdFraction}`);
  }
  const confidence = 1 - alpha;
  requireConfidence(confidence);
  const raw = bootstrapRatioCi(base, next, { confidence, resamples, seed });
  // Each end moves away from the ratio: its own distance x inflation, and the run-to-run
  // half-width beside it in quadrature.
  const widen = (end: number, side: -1 | 1) =>
    Math.exp(
      Math.log(raw.ratio) + side * Math.hypot(Math.abs(Math.log(end) - Math.log(raw.ratio)) * inflation, runToRun),
    );
  const interval = { ratio: raw.ratio, low: widen(raw.low, -1), high: widen(raw.high, 1) };
  const { pValue } = mannWhitneyU(base, next);
  const upper = 1 + thresholdFraction;
  const lower = 1 / upper;
  const enough = Math.min(base.length, next.length) >= minSamplesForConfidence(confidence);
  const significant = pValue < alpha;
  let verdict: Verdict = 'ambiguous';
  if (!enough) verdict = 'ambiguous';
  else if (significant && interval.low > upper) verdict = 'slower';
  else if (significant && interval.high < lower) verdict = 'faster';
  else if (interval.low >= lower && interval.high <= upper) verdict = 'unchanged';
  return { ratio: interval.ratio, ci: [interval.low, interval.high], confidence, pValue, verdict };
}
