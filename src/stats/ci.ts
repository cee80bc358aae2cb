/**
 * Confidence intervals for the median of one run's samples.
 *
 * The headline is distribution-free: for continuous data, the number of samples below the true
 * median is Binomial(n, 1/2), so [x(j), x(n-j+1)] (1-based order statistics) covers the median
 * with probability 1 - 2 P(B <= j-1), B ~ Binomial(n, 1/2), whatever the distribution (the
 * confidence interval for a quantile in Conover, "Practical Nonparametric Statistics"). It is
 * deterministic and costs O(√n) once sorted (at most ~500 steps up to n = 1000). Ties (a coarse
 * timer) only make it more conservative.
 * The percentile bootstrap is offered for comparison; it is approximate and undercovers at small n.
 */

import { bootstrapMedians, percentileInterval, requireConfidence } from './bootstrap.js';
import { logChoose, studentTQuantile } from './distributions.js';
import { createRng, DEFAULT_SEED } from './rng.js';
import { sortSamples, type SortedSamples } from './sorted.js';
import { stddev } from './summary.js';

/** An interval estimate: low <= high, in the samples' unit. */
export interface ConfidenceInterval {
  low: number;
  high: number;
  /**
   * The coverage the interval has: for order statistics the exact binomial coverage, at least the
   * level asked for when n allows it (and below it only when n is too small: see medianCi); for
   * the bootstrap, the nominal level asked for.
   */
  confidence: number;
  method: 'order-statistics' | 'bootstrap-percentile';
}

/** An order-statistic interval, with the 1-based ranks of its ends in the sorted samples. */
export interface OrderStatisticInterval extends ConfidenceInterval {
  method: 'order-statistics';
  lowRank: number;
  highRank: number;
}

/** The ranks of the median interval for n samples, and its exact coverage. */
export interface MedianRanks {
  /** 1-based rank of the lower end, x(lowRank). */
  lowRank: number;
  /** 1-based rank of the upper end, x(highRank) = x(n - lowRank + 1). */
  highRank: number;
  /** Exact coverage 1 - 2 P(B <= lowRank - 1) for B ~ Binomial(n, 1/2). */
  confidence: number;
}

function requireCount(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
}

/** The fewest samples whose [min, max] covers the median with at least `confidence` (6 for 95%). */
export function minSamplesForConfidence(confidence = 0.95): number {
  requireConfidence(confidence);
  // [x(1), x(n)] misses the median only if all n samples fall on one side: coverage 1 - 2^(1-n).
  let n = 1;
  while (1 - 2 ** (1 - n) < confidence) n++;
  return n;
}

/**
 * The narrowest symmetric ranks [j, n-j+1] whose exact coverage is at least `confidence` (0.95).
 * When n < minSamplesForConfidence(confidence) no such pair exists: the answer is then [1, n],
 * the widest interval, with its own smaller coverage 1 - 2^(1-n), which callers must check.
 * Exact for every n: the Binomial(n, 1/2) pmf is summed outward from its centre, O(√n) terms
 * (and, for n <= 1000, the tail once more for an exactly rounded coverage).
 */
export function medianCiRanks(n: number, confidence = 0.95): MedianRanks {
  requireCount(n);
  requireConfidence(confidence);
  const widest = 1 - 2 ** (1 - n);
  if (widest < confidence) return { lowRank: 1, highRank: n, confidence: widest };
  // mass(j) = P(j <= B <= n-j) is the coverage of [x(j), x(n-j+1)]; it is 0 for j > n/2 and grows
  // by pmf(j) + pmf(n-j) = 2 pmf(j) as j steps down. pmf(j-1) = pmf(j) * j / (n-j+1).
  let j = Math.floor(n / 2);
  let pmf = Math.exp(logChoose(n, j) - n * Math.LN2);
  let mass = 0;
  for (;;) {
    mass += j === n - j ? pmf : 2 * pmf;
    if (mass >= confidence || j === 1) break;
    pmf *= j / (n - j + 1);
    j--;
  }
  if (j === 1) {
    // The closed form, so round-off in the sum cannot push [min, max] below the level.
    mass = widest;
  } else if (n <= 1000) {
    // Report 1 - 2 P(B <= j-1) summed up from the tail, 2^-n C(n, i): exact in doubles while
    // C(n, i) has 53 bits or fewer, so the figure matches a binomial table (n = 10: 0.978515625).
    let term = 2 ** -n;
    let tail = 0;
    for (let i = 0; i < j; i++) {
      tail += term;
      term = (term * (n - i)) / (i + 1);
    }
    mass = 1 - 2 * tail;
  }
  return { lowRank: j, highRank: n - j + 1, confidence: Math.min(mass, 1) };
}

/**
 * The distribution-free interval of the median at `confidence` (default 0.95): n = 10 gives
 * [x(2), x(9)] at 97.85%, n = 100 gives [x(40), x(61)] at 96.48%. For n below
 * minSamplesForConfidence (n < 6 at 95%) it returns [min, max] with its smaller true coverage
 * in `confidence` (0, 50%, 75%, 87.5%, 93.75% for n = 1..5) rather than null, so that callers
 * still get the range and can tell it from a real 95% interval by comparing `confidence`.
 */
export function medianCi(sorted: SortedSamples, confidence = 0.95): OrderStatisticInterval {
  const { lowRank, highRank, confidence: coverage } = medianCiRanks(sorted.length, confidence);
  return {
    low: sorted[lowRank - 1]!,
    high: sorted[highRank - 1]!,
    confidence: coverage,
    method: 'order-statistics',
    lowRank,
    highRank,
  };
}

/** Options of the bootstrap functions. */
export interface BootstrapOptions {
  /** Nominal coverage, 0 < confidence < 1; default 0.95. */
  confidence?: number;
  /** Number of resamples; default 2000 (percentile ends settle to ~1% of the width). */
  resamples?: number;
  /** PRNG seed (integer, taken mod 2^32); default DEFAULT_SEED, so results repeat run to run. */
  seed?: number;
}

/**
 * Percentile-bootstrap interval of the median (Efron & Tibshirani 1993, ch. 13), seeded and so
 * reproducible. O(resamples × n). Approximate: at small n the bootstrap median takes few
 * distinct values and the interval is too narrow; prefer medianCi for a single run.
 */
export function bootstrapMedianCi(
  samples: readonly number[],
  { confidence = 0.95, resamples = 2000, seed = DEFAULT_SEED }: BootstrapOptions = {},
): ConfidenceInterval {
  requireConfidence(confidence);
  const medians = bootstrapMedians(sortSamples(samples), resamples, createRng(seed));
  return { ...percentileInterval(medians, confidence), confidence, method: 'bootstrap-percentile' };
}

/** (high - low) / 2 / median: the interval's half-width as a fraction of the median. */
export function relativeHalfWidth(ci: { low: number; high: number }, median: number): number {
  return (ci.high - ci.low) / 2 / median;
}

/**
 * Half-width, in log units, of the t interval at `confidence` for the typical (geometric-mean)
 * median of k >= 2 rounds of the same case, from the rounds' medians: t(1 - alpha/2, k - 1) x s /
 * sqrt(k), s the standard deviation of their logs. What the drift between stretches of one run
 * adds to the uncertainty of its median, which no stretch's own samples show.
 */
export function roundsHalfWidth(medians: readonly number[], confidence = 0.95): number {
  requireConfidence(confidence);
  const s = logSd(medians, 'roundsHalfWidth', 'rounds');
  return (studentTQuantile(1 - (1 - confidence) / 2, medians.length - 1) * s) / Math.sqrt(medians.length);
}

/**
 * Half-width, in log units, of the t interval at `confidence` in which the typical median of
 * another run of k launches would fall, from this run's k >= 2 launch medians (each launch a
 * fresh browser process): t(1 - alpha/2, k - 1) x s x sqrt(2 / k). Not an interval for this run's
 * own mean: one launch's offset (its clocks, its thread placement) repeats in none of the others,
 * so what a rerun can give is the question (pyperf's, across processes).
 */
export function rerunHalfWidth(medians: readonly number[], confidence = 0.95): number {
  requireConfidence(confidence);
  const s = logSd(medians, 'rerunHalfWidth', 'launches');
  return studentTQuantile(1 - (1 - confidence) / 2, medians.length - 1) * s * Math.sqrt(2 / medians.length);
}

/**
 * The standard deviation of the logs of at least 2 positive medians (of runs or rounds), the
 * spread the between-run intervals are built on; `what` and `unit` name them in errors.
 */
export function logSd(medians: readonly number[], what: string, unit: string): number {
  if (medians.length < 2) throw new RangeError(`${what} needs at least 2 ${unit}, got ${medians.length}`);
  if (medians.some((m) => !(m > 0))) throw new RangeError(`${what} needs positive medians`);
  return stddev(medians.map(Math.log));
}
