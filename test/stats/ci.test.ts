import { describe, expect, it } from 'vitest';
import { bootstrapMedians } from '../../src/stats/bootstrap.js';
import {
  bootstrapMedianCi,
  medianCi,
  medianCiRanks,
  minSamplesForConfidence,
  relativeHalfWidth,
  roundsHalfWidth,
} from '../../src/stats/ci.js';
import { regularizedBeta } from '../../src/stats/distributions.js';
import { createRng } from '../../src/stats/rng.js';
import { sortSamples } from '../../src/stats/sorted.js';
import { median } from '../../src/stats/summary.js';
import { lognormalTimes } from './synthetic.js';

// P(B <= k) for B ~ Binomial(n, 1/2), through the incomplete beta: an independent path from the
// pmf sum inside medianCiRanks. P(B <= k) = I_{1/2}(n - k, k + 1).
function binomialHalfCdf(k: number, n: number): number {
  return k < 0 ? 0 : k >= n ? 1 : regularizedBeta(0.5, n - k, k + 1);
}

describe('medianCiRanks', () => {
  it('matches the binomial table (scipy.stats.binom) at 95%', () => {
    // Largest j with 1 - 2 P(B <= j-1) >= 0.95; by hand for n = 10: P(B <= 1) = 11/1024, coverage
    // 1 - 22/1024 = 0.978515625; j = 3 gives 1 - 2 * 56/1024 = 0.890625 < 0.95.
    const table: [number, number, number, number][] = [
      [6, 1, 6, 0.96875],
      [10, 2, 9, 0.978515625],
      [11, 2, 10, 0.98828125],
      [20, 6, 15, 0.9586105346679688],
      [21, 6, 16, 127585 / 131072],
      [50, 18, 33, 0.9671608624357315],
      [100, 40, 61, 0.9647997997822951],
      [101, 41, 61, 0.9539559330706572],
      [1000, 469, 532, 0.9537088026395019],
      [10000, 4902, 5099, 0.9511670501036188],
    ];
    for (const [n, lowRank, highRank, coverage] of table) {
      const ranks = medianCiRanks(n);
      expect(ranks).toMatchObject({ lowRank, highRank });
      // Up to n = 1000 the coverage is summed from the tail in exact dyadic steps; beyond, the
      // centre pmf carries log-gamma round-off (~1e-11 at n = 10,000).
      expect(Math.abs(ranks.confidence - coverage)).toBeLessThan(n <= 1000 ? 1e-14 : 1e-10);
    }
  });

  it('matches the binomial table at 99%', () => {
    expect(medianCiRanks(10, 0.99)).toMatchObject({ lowRank: 1, highRank: 10 });
    expect(medianCiRanks(10, 0.99).confidence).toBeCloseTo(0.998046875, 12);
    expect(medianCiRanks(100, 0.99)).toMatchObject({ lowRank: 37, highRank: 64 });
    expect(medianCiRanks(1000, 0.99)).toMatchObject({ lowRank: 459, highRank: 542 });
  });

  it('picks the narrowest interval that reaches the level, for every n up to 400', () => {
    for (let n = minSamplesForConfidence(0.95); n <= 400; n++) {
      const { lowRank: j, highRank, confidence } = medianCiRanks(n);
      expect(highRank).toBe(n - j + 1);
      const coverage = 1 - 2 * binomialHalfCdf(j - 1, n);
      expect(confidence).toBeCloseTo(coverage, 9);
      expect(coverage).toBeGreaterThanOrEqual(0.95);
      if (j + 1 <= n - j) expect(1 - 2 * binomialHalfCdf(j, n)).toBeLessThan(0.95);
    }
  });

  it('stays exact for a million samples (its cost is in bench/stats-cost.bench.ts)', () => {
    const { lowRank, highRank, confidence } = medianCiRanks(1_000_000);
    // scipy: 1 - 2 binom.cdf(499019, 1e6, .5) = 0.9501210313476314, and rank 499,021 gives
    // 0.94989 < 0.95. (The normal approximation n/2 - 1.96 √n / 2 also lands on 499,020.)
    expect(lowRank).toBe(499_020);
    expect(highRank).toBe(500_981);
    // log-gamma of 1e6 carries ~1e-9 of round-off into the centre pmf
    expect(Math.abs(confidence - 0.9501210313476314)).toBeLessThan(1e-8);
  });

  it('returns [1, n] with its true, smaller coverage when n is too small', () => {
    // [min, max] misses the median only when all n fall on one side: coverage 1 - 2^(1-n)
    const expected = [0, 0.5, 0.75, 0.875, 0.9375];
    for (let n = 1; n <= 5; n++) {
      expect(medianCiRanks(n)).toEqual({ lowRank: 1, highRank: n, confidence: expected[n - 1] });
    }
    expect(minSamplesForConfidence(0.95)).toBe(6);
    expect(minSamplesForConfidence(0.99)).toBe(8); // 1 - 2^-7 = 0.992; n = 7 gives 0.984
  });

  it('rejects a bad n or level', () => {
    expect(() => medianCiRanks(0)).toThrow(RangeError);
    expect(() => medianCiRanks(2.5)).toThrow(RangeError);
    expect(() => medianCiRanks(10, 1)).toThrow(RangeError);
    expect(() => medianCiRanks(10, 95)).toThrow(RangeError);
  });
});

describe('medianCi', () => {
  it('gives [x(2), x(9)] for n = 10', () => {
    const ci = medianCi(sortSamples([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]));
    expect(ci).toMatchObject({
      low: 20,
      high: 90,
      lowRank: 2,
      highRank: 9,
      method: 'order-statistics',
    });
    expect(ci.confidence).toBe(0.978515625); // 1 - 22/1024, exactly
    // half-width 35 over median 55
    expect(relativeHalfWidth(ci, 55)).toBeCloseTo(35 / 55, 12);
  });

  it('gives [min, max] at 93.75% for n = 5', () => {
    expect(medianCi(sortSamples([5, 1, 4, 2, 3]))).toMatchObject({
      low: 1,
      high: 5,
      confidence: 0.9375,
    });
  });

  it('covers the true median as often as it says (simulation, n = 20)', () => {
    // Log-normal with median 1000: 2000 seeded data sets. Claimed coverage 0.9586; the binomial
    // sd of the hit rate is sqrt(.0414 * .9586 / 2000) = 0.0045, so allow ±3.5 sd.
    let hits = 0;
    for (let k = 0; k < 2000; k++) {
      const ci = medianCi(sortSamples(lognormalTimes(20, 1000, 0.1, 1000 + k)));
      if (ci.low <= 1000 && 1000 <= ci.high) hits++;
    }
    expect(Math.abs(hits / 2000 - 0.9586)).toBeLessThan(0.016);
  });
});

describe('bootstrapMedians', () => {
  it('draws resample medians with the exact bootstrap distribution', () => {
    // For odd n, median* <= x(k) iff at least (n+1)/2 draws land on ranks 1..k, each with
    // probability k/n: P(median* <= x(k)) = P(Binomial(n, k/n) >= (n+1)/2)
    //   = I_{k/n}((n+1)/2, (n+1)/2).
    const n = 11;
    const sorted = sortSamples(Array.from({ length: n }, (_, i) => i + 1));
    const draws = 40_000;
    const medians = bootstrapMedians(sorted, draws, createRng(3));
    const counts = new Array<number>(n + 1).fill(0);
    for (const m of medians) counts[m]!++;
    const half = (n + 1) / 2;
    for (let k = 1; k <= n; k++) {
      const p = regularizedBeta(k / n, half, half) - (k > 1 ? regularizedBeta((k - 1) / n, half, half) : 0);
      const sd = Math.sqrt(draws * p * (1 - p)) + 1;
      expect(Math.abs(counts[k]! - draws * p)).toBeLessThan(5 * sd);
    }
  });

  it('averages the two middle draws for even n', () => {
    const medians = bootstrapMedians(sortSamples([1, 2]), 1000, createRng(1));
    // Resamples of [1, 2] are {1,1}, {1,2}, {2,2}: medians 1, 1.5, 2 with chances 1/4, 1/2, 1/4
    const values = new Set(medians);
    expect([...values].sort()).toEqual([1, 1.5, 2]);
  });
});

describe('bootstrapMedianCi', () => {
  const samples = lognormalTimes(200, 1000, 0.05, 11);

  it('repeats exactly with the same seed and moves a little with another', () => {
    const a = bootstrapMedianCi(samples, { seed: 1 });
    const b = bootstrapMedianCi(samples, { seed: 1 });
    const c = bootstrapMedianCi(samples, { seed: 2 });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(Math.abs(c.low - a.low)).toBeLessThan(0.01 * 1000);
    expect(a).toMatchObject({ confidence: 0.95, method: 'bootstrap-percentile' });
  });

  it('brackets the median and roughly agrees with the order-statistic interval', () => {
    const sorted = sortSamples(samples);
    const boot = bootstrapMedianCi(samples);
    const exact = medianCi(sorted);
    const m = median(sorted);
    expect(boot.low).toBeLessThan(m);
    expect(boot.high).toBeGreaterThan(m);
    // Both estimate the same ±~0.9% interval (1.25 σ √(π/2) / √n for σ = 5%, n = 200)
    const bootWidth = relativeHalfWidth(boot, m);
    const exactWidth = relativeHalfWidth(exact, m);
    expect(bootWidth / exactWidth).toBeGreaterThan(0.7);
    expect(bootWidth / exactWidth).toBeLessThan(1.3);
  });
});

describe('roundsHalfWidth', () => {
  it('is t(1 - alpha/2, k - 1) x sd(log medians) / sqrt(k)', () => {
    // ln 1 and ln 1.21: s = ln(1.21) / sqrt(2); t(0.975, 1) = 12.7062; / sqrt(2).
    expect(roundsHalfWidth([1, 1.21])).toBeCloseTo((12.7062047 * (Math.log(1.21) / Math.SQRT2)) / Math.SQRT2, 5);
    expect(roundsHalfWidth([2, 2, 2, 2])).toBe(0);
  });

  it('needs two positive medians', () => {
    expect(() => roundsHalfWidth([1])).toThrow(/at least 2 rounds/);
    expect(() => roundsHalfWidth([1, -1])).toThrow(/positive/);
  });
});
