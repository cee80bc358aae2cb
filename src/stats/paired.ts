/**
 * Judging an A/B run from its paired ratios: each block of interleaved samples gives one ratio of
 * the candidate's time to the base's (src/runner/interleave.ts), the drift of the machine
 * cancelled within the block. The verdict is on the median ratio's distribution-free interval
 * (widened for the ratios' own autocorrelation) against a band of no practical change, as
 * compareSamples judges two sets of samples, and a Wilcoxon signed-rank test on the log ratios
 * (normal approximation with ties corrected) says whether the shift is significant. Pure.
 */
import { autocorrelationInflation, widenInterval } from './autocorrelation.js';
import { medianCi, minSamplesForConfidence, relativeHalfWidth } from './ci.js';
import type { Verdict } from './compare.js';
import { normalCdf } from './distributions.js';
import { sortSamples } from './sorted.js';
import { median } from './summary.js';

/** The judgement of a set of paired ratios (candidate time / base time: above 1 is slower). */
export interface PairedComparison {
  /** Median ratio. */
  ratio: number;
  /** Its interval at `confidence`, [low, high]; null with too few ratios. */
  ci: [number, number] | null;
  /** Half the interval's width over the ratio. */
  relHalfWidth: number | null;
  confidence: number;
  /** Two-sided Wilcoxon signed-rank p-value of the log ratios against 0. */
  pValue: number;
  /** Ratios judged (blocks). */
  pairs: number;
  verdict: Verdict;
}

/**
 * Two-sided Wilcoxon signed-rank p-value of `values` against 0 (zeros dropped; normal approximation,
 * tie-corrected).
 */
export function wilcoxonSignedRank(values: readonly number[]): number {
  const nonzero = values.filter((v) => v !== 0);
  const n = nonzero.length;
  if (n === 0) return 1;
  const order = nonzero.map((v, i) => ({ abs: Math.abs(v), positive: v > 0, i })).sort((a, b) => a.abs - b.abs);
  const ranks = new Array<number>(n);
  let tieTerm = 0;
  for (let start = 0; start < n;) {
    let end = start;
    while (end + 1 < n && order[end + 1]!.abs === order[start]!.abs) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[k] = rank;
    const t = end - start + 1;
    tieTerm += t ** 3 - t;
    start = end + 1;
  }
  const wPlus = order.reduce((sum, item, k) => sum + (item.positive ? ranks[k]! : 0), 0);
  const mean = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48;
  if (variance <= 0) return 1;
  // Continuity correction of half a rank toward the mean.
  const z = (Math.abs(wPlus - mean) - 0.5) / Math.sqrt(variance);
  return Math.min(1, 2 * (1 - normalCdf(Math.max(0, z))));
}

/**
 * The verdict on ratios with `thresholdFraction` t: 'slower' when p < alpha and the whole
 * interval is above 1 + t; 'faster' when p < alpha and it is below 1 / (1 + t); 'unchanged' when
 * it lies within [1 / (1 + t), 1 + t]; else 'ambiguous' (too few ratios, or too noisy to say).
 */
export function judgeRatios(ratios: readonly number[], thresholdFraction: number, alpha = 0.05): PairedComparison {
  if (ratios.some((r) => !(r > 0))) throw new RangeError('ratios must be positive');
  if (!(thresholdFraction >= 0)) throw new RangeError(`thresholdFraction must be >= 0, got ${thresholdFraction}`);
  const confidence = 1 - alpha;
  const sorted = sortSamples(ratios);
  const ratio = ratios.length > 0 ? median(sorted) : Number.NaN;
  const pValue = wilcoxonSignedRank(ratios.map(Math.log));
  if (ratios.length < minSamplesForConfidence(confidence))
    return { ratio, ci: null, relHalfWidth: null, confidence, pValue, pairs: ratios.length, verdict: 'ambiguous' };
  const interval = widenInterval(medianCi(sorted, confidence), ratio, autocorrelationInflation(ratios));
  const upper = 1 + thresholdFraction;
  const lower = 1 / upper;
  const significant = pValue < alpha;
  let verdict: Verdict = 'ambiguous';
  if (significant && interval.low > upper) verdict = 'slower';
  else if (significant && interval.high < lower) verdict = 'faster';
  else if (interval.low >= lower && interval.high <= upper) verdict = 'unchanged';
  return {
    ratio,
    ci: [interval.low, interval.high],
    relHalfWidth: relativeHalfWidth(interval, ratio),
    confidence,
    pValue,
    pairs: ratios.length,
    verdict,
  };
}
