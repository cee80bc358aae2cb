import { describe, expect, it } from 'vitest';
import { judgeRatios, wilcoxonSignedRank } from '../../src/stats/paired.js';
import { createRng } from '../../src/stats/rng.js';

/** `n` ratios around `center` with a lognormal-ish spread of about `spread` (seeded). */
function ratios(n: number, center: number, spread: number, seed = 7): number[] {
  const rng = createRng(seed);
  return Array.from(
    { length: n },
    () => center * Math.exp(spread * (rng.nextFloat() + rng.nextFloat() + rng.nextFloat() - 1.5)),
  );
}

describe('wilcoxonSignedRank', () => {
  it('gives the known p-value of a small sample (normal approximation, continuity-corrected)', () => {
    // 1..10 all positive: W+ = 55, mean 27.5, variance 96.25: z = (27.5 - 0.5) / 9.811 = 2.752, p = 0.00592.
    expect(wilcoxonSignedRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBeCloseTo(0.00592, 4);
    // Symmetric about 0: no evidence of a shift.
    expect(wilcoxonSignedRank([-3, -2, -1, 1, 2, 3])).toBe(1);
    expect(wilcoxonSignedRank([])).toBe(1);
  });

  it('counts tied absolute values at their mean rank', () => {
    // |values| 1, 1, 2: ranks 1.5, 1.5, 3; W+ = 1.5 + 3 = 4.5 of 6; tie term (2^3 - 2) / 48 = 0.125.
    const p = wilcoxonSignedRank([1, -1, 2]);
    const z = (Math.abs(4.5 - 3) - 0.5) / Math.sqrt(3.5 - 0.125);
    expect(p).toBeCloseTo(2 * (1 - 0.5 * (1 + erf(z / Math.SQRT2))), 6);
  });
});

/** erf by its series, for the test's own expected value. */
function erf(x: number): number {
  let sum = 0;
  let term = x;
  for (let n = 0; n < 60; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe('judgeRatios', () => {
  it('calls a 10% slowdown slower at a 5% threshold when the ratios spread 4%', () => {
    const judged = judgeRatios(ratios(40, 1.1, 0.04), 0.05);
    expect(judged.verdict).toBe('slower');
    expect(judged.ratio).toBeGreaterThan(1.08);
    expect(judged.ratio).toBeLessThan(1.12);
    expect(judged.ci![0]).toBeGreaterThan(1.05);
    expect(judged.pValue).toBeLessThan(1e-6);
  });

  it('calls the same code unchanged, and a faster candidate faster', () => {
    expect(judgeRatios(ratios(40, 1, 0.04), 0.05).verdict).toBe('unchanged');
    expect(judgeRatios(ratios(40, 0.85, 0.04), 0.05).verdict).toBe('faster');
  });

  it('is ambiguous with too few ratios or too much noise, and never calls a small shift a regression', () => {
    expect(judgeRatios([1.2, 1.3, 1.25], 0.05)).toMatchObject({ verdict: 'ambiguous', ci: null });
    expect(judgeRatios(ratios(10, 1.1, 0.6), 0.05).verdict).toBe('ambiguous');
    // 3% slower, well measured: significant, but inside the 5% band.
    expect(judgeRatios(ratios(200, 1.03, 0.02), 0.05).verdict).toBe('unchanged');
  });

  it('takes the interval of the median from the order statistics, and refuses non-positive ratios', () => {
    const judged = judgeRatios([1, 1, 1, 1, 1, 1, 1, 1], 0.05);
    expect(judged).toMatchObject({ ratio: 1, ci: [1, 1], relHalfWidth: 0, verdict: 'unchanged', pairs: 8 });
    expect(() => judgeRatios([1, 0], 0.05)).toThrow(RangeError);
  });
});
