import { describe, expect, it } from 'vitest';
import {
  autocorrelationInflation,
  lag1Autocorrelation,
  MAX_RHO,
  widenInterval,
} from '../../src/stats/autocorrelation.js';
import { createRng } from '../../src/stats/rng.js';

describe('lag1Autocorrelation', () => {
  it('is computed by hand on a short series', () => {
    // 1, 2, 3, 4, 5: mean 3, deviations -2..2, sum of squares 10;
    // lag-1 products: (-1)(-2) + 0(-1) + 1(0) + 2(1) = 4, so rho = 0.4.
    expect(lag1Autocorrelation([1, 2, 3, 4, 5])).toBeCloseTo(0.4, 12);
    // Alternating: deviations ±1, products all -1: rho = -3/4.
    expect(lag1Autocorrelation([1, -1, 1, -1])).toBeCloseTo(-0.75, 12);
  });

  it('is 0 without variance or with too few samples', () => {
    expect(lag1Autocorrelation([5, 5, 5, 5])).toBe(0);
    expect(lag1Autocorrelation([1, 2])).toBe(0);
  });

  it('is near the generating rho of an AR(1) series', () => {
    const rng = createRng(7);
    const series: number[] = [];
    let x = 0;
    for (let i = 0; i < 20_000; i++) {
      x = 0.6 * x + (rng.nextFloat() - 0.5);
      series.push(x);
    }
    expect(lag1Autocorrelation(series)).toBeCloseTo(0.6, 1);
  });
});

describe('autocorrelationInflation', () => {
  it('is sqrt((1 + rho) / (1 - rho)) with rho clamped to [0, MAX_RHO]', () => {
    expect(autocorrelationInflation([1, 2, 3, 4, 5])).toBeCloseTo(Math.sqrt(1.4 / 0.6), 12);
    expect(autocorrelationInflation([1, -1, 1, -1])).toBe(1);
    const trend = Array.from({ length: 100 }, (_, i) => i);
    expect(autocorrelationInflation(trend)).toBeCloseTo(Math.sqrt((1 + MAX_RHO) / (1 - MAX_RHO)), 12);
  });
});

describe('widenInterval', () => {
  it('stretches each side from the center', () => {
    expect(widenInterval({ low: 9, high: 12 }, 10, 2)).toEqual({ low: 8, high: 14 });
  });
});
