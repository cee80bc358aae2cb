import { describe, expect, it } from 'vitest';
import {
  erfc,
  logChoose,
  logGamma,
  normalCdf,
  regularizedBeta,
  studentTCdf,
  studentTQuantile,
} from '../../src/stats/distributions.js';

// Reference values: scipy 1.17 (special.gammaln, special.betainc, stats.t, stats.norm).

describe('logGamma', () => {
  it('matches scipy.special.gammaln', () => {
    const cases: [number, number][] = [
      [0.1, 2.252712651734206],
      [0.5, 0.5723649429247], // ln √π
      [1, 0],
      [1.5, -0.12078223763524526],
      [2.5, 0.2846828704729192],
      [10, 12.801827480081469], // ln 9! = ln 362880
      [100.5, 361.43554046777757],
      [1e4, 82099.71749644238],
      [1e6, 12815504.569147611],
    ];
    for (const [x, expected] of cases) {
      expect(Math.abs(logGamma(x) - expected)).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
    }
  });

  it('gives exact small binomial coefficients', () => {
    expect(Math.exp(logChoose(10, 3))).toBeCloseTo(120, 9);
    expect(Math.exp(logChoose(20, 10))).toBeCloseTo(184756, 6);
    expect(() => logGamma(0)).toThrow(RangeError);
  });
});

describe('regularizedBeta', () => {
  it('matches scipy.special.betainc', () => {
    const cases: [number, number, number, number][] = [
      [0.5, 5, 6, 0.623046875], // = P(Binomial(10, 1/2) <= 5) = 638/1024
      [0.3, 2.5, 0.5, 0.018927124071945658],
      [0.9, 100, 3, 0.0016335260315866332],
      [0.5, 500, 501, 0.5126125090891802],
      [0.01, 0.5, 0.5, 0.06376856085851985], // = (2/π) asin(√0.01)
    ];
    for (const [x, a, b, expected] of cases) {
      expect(Math.abs(regularizedBeta(x, a, b) - expected)).toBeLessThan(1e-12);
    }
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
  });
});

describe("Student's t", () => {
  it('matches scipy.stats.t.ppf(0.975, df)', () => {
    const cases: [number, number][] = [
      [1, 12.706204736174694],
      [2, 4.302652729749462],
      [5, 2.5705818356363146],
      [9, 2.262157162798205],
      [10, 2.228138851986274],
      [30, 2.0422724563012378],
      [100, 1.9839715185235518],
      [1000, 1.9623390808264083],
    ];
    for (const [df, expected] of cases) {
      expect(Math.abs(studentTQuantile(0.975, df) - expected)).toBeLessThan(1e-9 * expected);
    }
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138851986274, 9);
    expect(studentTQuantile(0.5, 7)).toBe(0);
  });

  it('matches scipy.stats.t.cdf', () => {
    expect(studentTCdf(2, 5)).toBeCloseTo(0.9490302605850708, 12);
    expect(studentTCdf(-1.5, 3)).toBeCloseTo(0.11529193262241147, 12);
    expect(studentTCdf(0, 3)).toBe(0.5);
  });
});

describe('erfc and normalCdf', () => {
  it('matches scipy.special.erfc to ~1e-15, across the series/fraction switch at 1.5', () => {
    const cases: [number, number][] = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028516],
      [1.5, 0.033894853524689274],
      [2, 0.004677734981047266],
      [3, 2.2090496998585445e-5],
      [5, 1.5374597944280347e-12],
      [10, 2.0884875837625446e-45],
      [26, 5.663192408856145e-296],
    ];
    for (const [x, expected] of cases) {
      expect(Math.abs(erfc(x) - expected)).toBeLessThan(2e-15 * expected);
    }
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028516, 15);
  });

  it('matches scipy.stats.norm.cdf, tails included', () => {
    const cases: [number, number][] = [
      [-8, 6.22096057427174e-16],
      [-3, 0.0013498980316300933],
      [-1.96, 0.024997895148220435],
      [-1, 0.15865525393145707],
      [0, 0.5],
      [0.5, 0.6914624612740131],
      [1.644853626951, 0.9499999999999512],
      [3, 0.9986501019683699],
    ];
    // exp(-z²/2) amplifies the rounding of z/√2 by z²: 32 ulps at z = -8, hence 5e-14
    for (const [z, expected] of cases) {
      expect(Math.abs(normalCdf(z) - expected)).toBeLessThan(5e-14 * expected);
    }
    expect(normalCdf(0)).toBe(0.5);
  });
});
