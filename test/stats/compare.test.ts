import { describe, expect, it } from 'vitest';
import {
  bootstrapRatioCi,
  compareSamples,
  mannWhitneyU,
  roundsShiftHalfWidth,
  runToRunHalfWidth,
} from '../../src/stats/compare.js';
import { lognormalTimes } from './synthetic.js';

describe('mannWhitneyU', () => {
  it('matches the scipy documentation example, checked by hand', () => {
    // Ages: males [19,22,16,29,24], females [20,11,17,12]. Pooled ranks of the males are
    // 3,5,7,8,9: R = 32, U = 32 - 5*6/2 = 17. Exact null: P(U >= 17) = P(U <= 3) = 7/126
    // (partitions of 0..3 into at most 4 parts <= 5: 1+1+2+3), two-sided p = 14/126 = 0.1111.
    const result = mannWhitneyU([20, 11, 17, 12], [19, 22, 16, 29, 24]);
    expect(result.u).toBe(17);
    expect(result.method).toBe('exact');
    expect(result.pValue).toBeCloseTo(14 / 126, 12);
  });

  it('matches scipy.stats.mannwhitneyu with ties (normal approximation)', () => {
    // scipy: mannwhitneyu(next, base) -> statistic 137, pvalue 0.0064835458501574265;
    // z = (137 - 84 - 0.5) / sqrt(12*14/12 * (27 - 282/(26*25))) = 2.722268412416845 (tie term 282)
    const base = [10, 11, 11, 12, 12, 12, 13, 13, 14, 15, 15, 16];
    const next = [12, 13, 13, 14, 14, 15, 15, 15, 16, 17, 18, 18, 19, 20];
    const result = mannWhitneyU(base, next);
    expect(result.u).toBe(137);
    expect(result.method).toBe('normal');
    expect(result.z).toBeCloseTo(2.722268412416845, 12);
    expect(result.pValue).toBeCloseTo(0.0064835458501574265, 8);
  });

  it('matches scipy exact p-values for small samples without ties', () => {
    // scipy mannwhitneyu([1.5,7.2,3.3], base, method='exact') -> U 7, p 0.2167832167832168
    const base = [2.1, 2.2, 4.4, 5.5, 6.1, 8.8, 9.9, 10.5, 11.1, 12.3];
    const small = mannWhitneyU(base, [1.5, 7.2, 3.3]);
    expect(small).toMatchObject({ u: 7, method: 'exact' });
    expect(small.pValue).toBeCloseTo(0.2167832167832168, 12);
    // 8 against 64 (numpy default_rng(1) normals rounded to 6 places): U 164, p 0.10185898446945432
    const eight = [0.345584, 0.821618, 0.330437, -1.303157, 0.905356, 0.446375, -0.536953, 0.581118];
    const sixtyFour = [
      1.164572, 1.094132, 0.828422, 1.346713, 0.063546, 0.63709, 0.317881, 1.398846, 0.839722, 0.507543, 0.018092,
      0.542808, 0.808142, 0.524397, 2.094064, 1.806724, -1.911162, -1.089013, 0.625228, 0.37781, 1.013643, 1.017322,
      2.917839, -0.312021, 0.422395, 2.842772, 1.446703, 1.463063, 0.285994, -0.848075, 0.967465, 0.909014, -0.427352,
      0.116773, 0.727956, -0.144752, 0.70173, 0.895483, 0.835586, 0.293708, 1.393748, 1.691167, 1.120848, -0.01823,
      1.531652, 0.29856, 1.679161, -0.271787, 1.714467, 0.779937, -0.448749, 0.486101, 0.854102, 1.072791, -0.182188,
      -0.307373, 0.999585, 0.33325, 1.035506, 1.55952, -0.848787, 1.054388, 2.024647, 0.502473,
    ];
    const large = mannWhitneyU(sixtyFour, eight);
    expect(large).toMatchObject({ u: 164, method: 'exact' });
    expect(large.pValue).toBeCloseTo(0.10185898446945432, 12);
  });

  it('is antisymmetric: swapping the runs gives U -> n1 n2 - U, z -> -z, the same p', () => {
    const base = lognormalTimes(40, 1000, 0.05, 1);
    const next = lognormalTimes(30, 1030, 0.05, 2);
    const forward = mannWhitneyU(base, next);
    const backward = mannWhitneyU(next, base);
    expect(backward.u).toBe(40 * 30 - forward.u);
    expect(backward.z).toBeCloseTo(-forward.z, 12);
    expect(backward.pValue).toBeCloseTo(forward.pValue, 12);
    expect(forward.z).toBeGreaterThan(0); // next is slower: positive z
  });

  it('says p = 1 when every value is tied', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5, 5])).toMatchObject({ u: 6, z: 0, pValue: 1 });
  });
});

describe('bootstrapRatioCi', () => {
  const base = lognormalTimes(50, 1000, 0.03, 5);
  const next = lognormalTimes(50, 1100, 0.03, 6);

  it('repeats exactly for a seed and brackets the point ratio', () => {
    const a = bootstrapRatioCi(base, next, { seed: 9 });
    expect(bootstrapRatioCi(base, next, { seed: 9 })).toEqual(a);
    expect(bootstrapRatioCi(base, next, { seed: 10 })).not.toEqual(a);
    expect(a.low).toBeLessThan(a.ratio);
    expect(a.high).toBeGreaterThan(a.ratio);
    expect(a.ratio).toBeGreaterThan(1.05);
    expect(a.ratio).toBeLessThan(1.15);
  });

  it('refuses times that are not positive', () => {
    expect(() => bootstrapRatioCi([0, 1, 2], [1, 2, 3])).toThrow(/positive/);
    expect(() => bootstrapRatioCi([], [1, 2, 3])).toThrow(RangeError);
  });
});

describe('compareSamples', () => {
  it('calls two runs of the same distribution unchanged', () => {
    const result = compareSamples(lognormalTimes(100, 1000, 0.02, 21), lognormalTimes(100, 1000, 0.02, 22));
    expect(result.verdict).toBe('unchanged');
    expect(result.ci[0]).toBeGreaterThanOrEqual(1 / 1.05);
    expect(result.ci[1]).toBeLessThanOrEqual(1.05);
    expect(result.confidence).toBe(0.95);
  });

  it('calls a clear 20% shift slower, and the reverse faster', () => {
    const base = lognormalTimes(30, 1000, 0.03, 31);
    const slow = lognormalTimes(30, 1200, 0.03, 32);
    const slower = compareSamples(base, slow);
    expect(slower.verdict).toBe('slower');
    expect(slower.ratio).toBeCloseTo(1.2, 1);
    expect(slower.pValue).toBeLessThan(1e-6);
    expect(compareSamples(slow, base).verdict).toBe('faster');
    expect(compareSamples(base, lognormalTimes(30, 800, 0.03, 33)).verdict).toBe('faster');
  });

  it('calls a small shift in huge noise ambiguous', () => {
    // 50% log-sd, 3% shift, 30 samples: the ratio interval spans roughly ±25%
    const result = compareSamples(lognormalTimes(30, 1000, 0.5, 41), lognormalTimes(30, 1030, 0.5, 42));
    expect(result.verdict).toBe('ambiguous');
    expect(result.ci[0]).toBeLessThan(1 / 1.05);
    expect(result.ci[1]).toBeGreaterThan(1.05);
  });

  it('calls a significant but small shift unchanged: equivalence, not just significance', () => {
    const result = compareSamples(lognormalTimes(2000, 1000, 0.02, 51), lognormalTimes(2000, 1010, 0.02, 52));
    expect(result.pValue).toBeLessThan(1e-6);
    expect(result.verdict).toBe('unchanged');
  });

  it('calls a shift right at the threshold ambiguous: the interval straddles 1.05', () => {
    const result = compareSamples(lognormalTimes(100, 1000, 0.02, 61), lognormalTimes(100, 1050, 0.02, 62));
    expect(result.ci[0]).toBeLessThan(1.05);
    expect(result.ci[1]).toBeGreaterThan(1.05);
    expect(result.verdict).toBe('ambiguous');
  });

  it('will not decide on fewer samples than a 95% interval of a median needs', () => {
    // Five samples a side, 50% apart: clear to the eye, but n < 6 gives no 95% statement
    expect(compareSamples([10, 11, 12, 13, 14], [15, 16, 17, 18, 19]).verdict).toBe('ambiguous');
    expect(compareSamples([10, 11, 12, 13, 14, 15], [16, 17, 18, 19, 20, 21]).verdict).toBe('slower');
  });

  it('follows thresholdFraction', () => {
    const base = lognormalTimes(200, 1000, 0.01, 71);
    const next = lognormalTimes(200, 1030, 0.01, 72);
    expect(compareSamples(base, next).verdict).toBe('unchanged');
    expect(compareSamples(base, next, { thresholdFraction: 0.01 }).verdict).toBe('slower');
  });

  it('adds the run-to-run spread to the interval: an 8% shift that one run calls slower is undecided against launches 4% apart', () => {
    const base = lognormalTimes(60, 1000, 0.01, 81);
    const next = lognormalTimes(60, 1080, 0.01, 82);
    const alone = compareSamples(base, next);
    expect(alone.verdict).toBe('slower');
    const spread = runToRunHalfWidth([1000, 1040, 960]);
    const withRuns = compareSamples(base, next, { runToRun: spread });
    expect(withRuns.ratio).toBe(alone.ratio);
    expect(Math.log(withRuns.ci[1] / withRuns.ratio)).toBeGreaterThanOrEqual(spread);
    expect(Math.log(withRuns.ratio / withRuns.ci[0])).toBeGreaterThanOrEqual(spread);
    expect(withRuns.verdict).toBe('ambiguous');
    // A 2x slowdown stands out of that spread.
    expect(compareSamples(base, lognormalTimes(60, 2000, 0.01, 83), { runToRun: spread }).verdict).toBe('slower');
    expect(() => compareSamples(base, next, { runToRun: -1 })).toThrow(RangeError);
  });
});

describe('runToRunHalfWidth', () => {
  it('is the t prediction half-width of one more run from the log-medians of earlier runs', () => {
    // Log-medians 0 and ln 1.1: s = ln(1.1)/sqrt(2), t(0.975, 1) = 12.706, sqrt(1 + 1/2).
    expect(runToRunHalfWidth([1, 1.1])).toBeCloseTo(12.7062047 * (Math.log(1.1) / Math.SQRT2) * Math.sqrt(1.5), 6);
    // Three runs: t(0.975, 2) = 4.302653.
    const logs = [1, 1.04, 0.96].map(Math.log);
    const m = (logs[0]! + logs[1]! + logs[2]!) / 3;
    const s = Math.sqrt(logs.reduce((sum, x) => sum + (x - m) ** 2, 0) / 2);
    expect(runToRunHalfWidth([1, 1.04, 0.96])).toBeCloseTo(4.3026527 * s * Math.sqrt(4 / 3), 6);
    expect(runToRunHalfWidth([5, 5, 5])).toBe(0);
  });

  it('needs two positive medians', () => {
    expect(() => runToRunHalfWidth([1])).toThrow(/at least 2 runs/);
    expect(() => runToRunHalfWidth([1, 0])).toThrow(/positive/);
  });
});

describe('roundsShiftHalfWidth', () => {
  it('is the Welch t half-width of the shift between two sets of log round medians', () => {
    // Equal sizes and spreads: df = 2(n - 1) = 4 for n = 3; v = 2 s² / 3.
    const base = [1, 1.1, 1.2];
    const next = [2, 2.2, 2.4];
    const logs = base.map(Math.log);
    const m = (logs[0]! + logs[1]! + logs[2]!) / 3;
    const s2 = logs.reduce((sum, x) => sum + (x - m) ** 2, 0) / 2;
    expect(roundsShiftHalfWidth(base, next)).toBeCloseTo(2.7764451 * Math.sqrt((2 * s2) / 3), 6);
    expect(roundsShiftHalfWidth([1, 1], [2, 2])).toBe(0);
  });

  it('needs two positive rounds a side', () => {
    expect(() => roundsShiftHalfWidth([1], [1, 2])).toThrow(/at least 2 rounds a side/);
    expect(() => roundsShiftHalfWidth([1, 0], [1, 2])).toThrow(/positive/);
  });
});
