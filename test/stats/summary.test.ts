import { describe, expect, it } from 'vitest';
import { sortSamples } from '../../src/stats/sorted.js';
import {
  MAD_TO_SIGMA,
  mad,
  madSigma,
  max,
  mean,
  median,
  min,
  outlierFences,
  outliers,
  quantile,
  relativeIqr,
  relativeSpread,
  stddev,
  summarize,
  variance,
} from '../../src/stats/summary.js';

const oneToTen = sortSamples([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);

describe('quantile (type 7)', () => {
  it('matches numpy.quantile on 1..10', () => {
    // numpy.quantile(np.arange(1, 11), [.25, .5, .75, .9, .99]) = [3.25, 5.5, 7.75, 9.1, 9.91]:
    // h = 9q, e.g. q = .25: h = 2.25, x[2] + .25 (x[3] - x[2]) = 3 + .25
    expect(quantile(oneToTen, 0.25)).toBeCloseTo(3.25, 12);
    expect(quantile(oneToTen, 0.5)).toBeCloseTo(5.5, 12);
    expect(quantile(oneToTen, 0.75)).toBeCloseTo(7.75, 12);
    expect(quantile(oneToTen, 0.9)).toBeCloseTo(9.1, 12);
    expect(quantile(oneToTen, 0.99)).toBeCloseTo(9.91, 12);
    expect(quantile(oneToTen, 0)).toBe(1);
    expect(quantile(oneToTen, 1)).toBe(10);
  });

  it('returns the one sample for n = 1 and rejects bad q or no samples', () => {
    expect(quantile(sortSamples([42]), 0.73)).toBe(42);
    expect(() => quantile(oneToTen, 1.5)).toThrow(RangeError);
    expect(() => quantile(oneToTen, Number.NaN)).toThrow(RangeError);
    expect(() => quantile(sortSamples([]), 0.5)).toThrow(RangeError);
  });

  it('takes the middle value for odd n and the mean of the two middle ones for even n', () => {
    expect(median(sortSamples([5, 1, 3]))).toBe(3);
    expect(median(sortSamples([4, 1, 3, 2]))).toBe(2.5);
    expect(min(oneToTen)).toBe(1);
    expect(max(oneToTen)).toBe(10);
  });
});

describe('moments', () => {
  it('gives the textbook variance of [2,4,4,4,5,5,7,9]', () => {
    // mean 5, squared deviations sum to 32: sample variance 32/7, population 4
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(variance(xs)).toBeCloseTo(32 / 7, 12);
    expect(stddev(xs)).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('keeps precision when the spread is tiny next to the mean', () => {
    // Naive sum-of-squares loses every digit here; Welford keeps them: var of 1e9 + [1,2,3] is 1
    expect(variance([1e9 + 1, 1e9 + 2, 1e9 + 3])).toBeCloseTo(1, 9);
  });

  it('says NaN, not 0, for the spread of one sample', () => {
    expect(variance([3])).toBeNaN();
    expect(stddev([3])).toBeNaN();
  });
});

describe('mad', () => {
  it('matches the Wikipedia example [1,1,2,2,4,6,9]', () => {
    // median 2, |x - 2| = [1,1,0,0,2,4,7], median of those = 1 (scipy median_abs_deviation: 1.0)
    const xs = sortSamples([1, 1, 2, 2, 4, 6, 9]);
    expect(mad(xs)).toBe(1);
    // scipy.stats.median_abs_deviation(..., scale='normal') = 1.482602218505602
    expect(madSigma(xs)).toBeCloseTo(1.482602218505602, 14);
    expect(MAD_TO_SIGMA).toBeCloseTo(1.4826, 4);
  });

  it('averages the two middle deviations for even n', () => {
    // median 3.5, deviations [2.5,1.5,.5,.5,96.5,196.5]: middle pair 1.5, 2.5 -> 2 (scipy: 2.0)
    expect(mad(sortSamples([1, 2, 3, 4, 100, 200]))).toBe(2);
  });

  it('agrees with a brute-force MAD on awkward data', () => {
    const sets = [[7], [1, 2], [5, 5, 5, 5], [0, 0, 0, 1, 100], [-3, -1, 0, 0.5, 2, 2, 2, 9, 40], [1, 10, 11, 12, 13]];
    for (const set of sets) {
      const sorted = sortSamples(set);
      const m = median(sorted);
      const expected = median(sortSamples(set.map((x) => Math.abs(x - m))));
      expect(mad(sorted)).toBe(expected);
    }
  });
});

describe('spread', () => {
  it('relativeSpread is madSigma / median and relativeIqr is (p75 - p25) / median', () => {
    // 1..10: median 5.5, |x - 5.5| = .5,.5,1.5,1.5,...,4.5,4.5 -> MAD 2.5; IQR 7.75 - 3.25 = 4.5
    expect(mad(oneToTen)).toBe(2.5);
    expect(relativeSpread(oneToTen)).toBeCloseTo((MAD_TO_SIGMA * 2.5) / 5.5, 14);
    expect(relativeIqr(oneToTen)).toBeCloseTo(4.5 / 5.5, 14);
  });
});

describe('outliers', () => {
  const data = sortSamples([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50]);

  it("flags by Tukey's fences: outside [p25 - 1.5 IQR, p75 + 1.5 IQR]", () => {
    // n = 11: p25 = x[2.5] = 3.5, p75 = x[7.5] = 8.5, IQR 5 -> fences [-4, 16]: only 50 is out
    const found = outliers(data);
    expect(found).toMatchObject({
      method: 'tukey',
      lowFence: -4,
      highFence: 16,
      low: 0,
      high: 1,
      count: 1,
    });
    expect(found.indices).toEqual([10]);
  });

  it('flags by the modified z-score > 3.5 rule', () => {
    // median 6, |x - 6| = 5,4,3,2,1,0,1,2,3,4,44 -> MAD 3, reach 3.5 * 1.4826 * 3 = 15.56
    const fences = outlierFences(data, 'mad');
    expect(fences.lowFence).toBeCloseTo(6 - 3.5 * MAD_TO_SIGMA * 3, 12);
    expect(fences.highFence).toBeCloseTo(6 + 3.5 * MAD_TO_SIGMA * 3, 12);
    expect(outliers(data, 'mad').indices).toEqual([10]);
  });

  it('flags low outliers too', () => {
    const found = outliers(sortSamples([-100, 10, 11, 12, 13, 14, 15]));
    expect(found).toMatchObject({ low: 1, high: 0, count: 1, indices: [0] });
  });
});

describe('summarize', () => {
  it('summarizes 1..10 with the numpy / R values and run-order outlier indices', () => {
    // Run order puts the slow outlier first, as a cold first dispatch would be.
    const s = summarize([100, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1]);
    expect(s.n).toBe(11);
    expect(s.min).toBe(1);
    expect(s.max).toBe(100);
    expect(s.p50).toBe(6);
    expect(s.outliers.indices).toEqual([0]);
    expect(s.outliers.high).toBe(1);
  });

  it('matches hand-computed values on 1..10', () => {
    const s = summarize([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(s).toMatchObject({ n: 10, min: 1, max: 10, mean: 5.5, p50: 5.5, mad: 2.5 });
    expect(s.p25).toBeCloseTo(3.25, 12);
    expect(s.p75).toBeCloseTo(7.75, 12);
    expect(s.p90).toBeCloseTo(9.1, 12);
    expect(s.p99).toBeCloseTo(9.91, 12);
    // var(1..10, ddof=1) = 55/6; moe = t(.975, 9) * sd / sqrt(10), t = 2.262157162798205 (scipy)
    expect(s.stddev).toBeCloseTo(Math.sqrt(55 / 6), 12);
    const moe = (2.262157162798205 * Math.sqrt(55 / 6)) / Math.sqrt(10);
    expect(s.moe).toBeCloseTo(moe, 9);
    expect(s.rme).toBeCloseTo(moe / 5.5, 9);
    expect(s.relSpread).toBeCloseTo((MAD_TO_SIGMA * 2.5) / 5.5, 12);
    expect(s.outliers.count).toBe(0);
  });

  it('leaves moe and rme out for one sample', () => {
    const s = summarize([7]);
    expect(s).toMatchObject({ n: 1, min: 7, max: 7, p50: 7, p99: 7, mad: 0 });
    expect(s.stddev).toBeNaN();
    expect(s.rme).toBeUndefined();
    expect(s.moe).toBeUndefined();
  });

  it('rejects no samples', () => {
    expect(() => summarize([])).toThrow(RangeError);
  });
});
