import { describe, expect, it } from 'vitest';
import { medianCi, relativeHalfWidth } from '../../src/stats/ci.js';
import { sortSamples } from '../../src/stats/sorted.js';
import { shouldStop, StoppingRule } from '../../src/stats/stopping.js';
import { median } from '../../src/stats/summary.js';
import { lognormalTimes } from './synthetic.js';

const quiet = lognormalTimes(500, 1000, 0.005, 81); // ±0.5%: n = 10 already gives ±~0.5%
const noisy = lognormalTimes(500, 1000, 0.2, 82); // ±20%: ±1% needs ~1,000s of samples

describe('shouldStop', () => {
  it('stops for noise once minSamples are in and the median interval is tight enough', () => {
    const at = (n: number) => shouldStop({ samples: quiet.slice(0, n), elapsedMs: n }, { maxTimeMs: 1e6 });
    expect(at(9)).toMatchObject({ stop: false, reason: null, n: 9 });
    expect(at(9).relHalfWidth).toBeLessThan(0.01); // tight already, but below minSamples = 10
    const ten = at(10);
    expect(ten).toMatchObject({ stop: true, reason: 'noise-target', n: 10 });
    // The figure is the relative half-width of the 95% order-statistic interval of the median
    const sorted = sortSamples(quiet.slice(0, 10));
    expect(ten.relHalfWidth).toBeCloseTo(relativeHalfWidth(medianCi(sorted), median(sorted)), 15);
  });

  it('keeps going on noisy samples and stops at the time cap', () => {
    const options = { maxTimeMs: 500 };
    const early = shouldStop({ samples: noisy.slice(0, 200), elapsedMs: 499 }, options);
    expect(early).toMatchObject({ stop: false, reason: null });
    expect(early.relHalfWidth).toBeGreaterThan(0.01);
    expect(shouldStop({ samples: noisy.slice(0, 200), elapsedMs: 500 }, options)).toMatchObject({
      stop: true,
      reason: 'max-time',
    });
  });

  it('stops at maxSamples', () => {
    const decision = shouldStop({ samples: noisy.slice(0, 100), elapsedMs: 1 }, { maxTimeMs: 1e6, maxSamples: 100 });
    expect(decision).toMatchObject({ stop: true, reason: 'max-samples', n: 100 });
  });

  it('holds off until minTimeMs even when quiet', () => {
    const options = { maxTimeMs: 1e6, minTimeMs: 100 };
    expect(shouldStop({ samples: quiet.slice(0, 50), elapsedMs: 99 }, options).stop).toBe(false);
    expect(shouldStop({ samples: quiet.slice(0, 50), elapsedMs: 100 }, options).reason).toBe('noise-target');
  });

  it('names noise-target when it holds together with a cap: the result met its precision', () => {
    const decision = shouldStop({ samples: quiet.slice(0, 20), elapsedMs: 1e9 }, { maxTimeMs: 10, maxSamples: 20 });
    expect(decision.reason).toBe('noise-target');
  });

  it('has no width before a 95% interval exists (n < 6) and still honours the time cap', () => {
    const decision = shouldStop({ samples: [1, 2, 3, 4, 5], elapsedMs: 10 }, { maxTimeMs: 10 });
    expect(decision).toMatchObject({ stop: true, reason: 'max-time', relHalfWidth: null, n: 5 });
    expect(shouldStop({ samples: [], elapsedMs: 0 }, { maxTimeMs: 10 })).toMatchObject({
      stop: false,
      n: 0,
    });
  });

  it('does not take a zero-width interval from a coarse timer for low noise', () => {
    // Every reading 2 steps of Dawn's 65,536 ns grid: the interval is [131072, 131072]
    const gridded = new Array<number>(50).fill(131_072);
    expect(shouldStop({ samples: gridded, elapsedMs: 1 }, { maxTimeMs: 1e6 })).toMatchObject({
      reason: 'noise-target',
      relHalfWidth: 0,
    });
    // With the step declared, the half-width is at least half a step: 32768 / 131072 = 25%
    const honest = shouldStop({ samples: gridded, elapsedMs: 1 }, { maxTimeMs: 1e6, resolution: 65_536 });
    expect(honest).toMatchObject({ stop: false, relHalfWidth: 0.25 });
  });

  it('reports an infinite width for a zero median rather than stopping', () => {
    const zeros = new Array<number>(20).fill(0);
    const decision = shouldStop({ samples: zeros, elapsedMs: 0 }, { maxTimeMs: 1e6 });
    expect(decision).toMatchObject({ stop: false, relHalfWidth: Number.POSITIVE_INFINITY });
  });

  it('rejects nonsense options', () => {
    expect(() => shouldStop({ samples: [1], elapsedMs: 0 }, { maxTimeMs: Number.NaN })).toThrow(RangeError);
    expect(() => shouldStop({ samples: [1], elapsedMs: 0 }, { maxTimeMs: 1, noiseTarget: 0 })).toThrow(RangeError);
  });
});

describe('StoppingRule', () => {
  it('decides exactly as shouldStop after every sample', () => {
    const options = { maxTimeMs: 300, noiseTarget: 0.05, minSamples: 15 };
    const rule = new StoppingRule(options);
    const samples = lognormalTimes(300, 1000, 0.1, 91);
    for (let i = 0; i < samples.length; i++) {
      rule.add(samples[i]!);
      const expected = shouldStop({ samples: samples.slice(0, i + 1), elapsedMs: i }, options);
      expect(rule.check(i)).toEqual(expected);
    }
    expect(rule.n).toBe(300);
    expect([...rule.sorted]).toEqual([...sortSamples(samples)]);
  });

  it('keeps count over 20,000 samples checked one by one (its cost is in bench/stats-cost.bench.ts)', () => {
    const rule = new StoppingRule({ maxTimeMs: Number.POSITIVE_INFINITY, noiseTarget: 1e-9 });
    const samples = lognormalTimes(20_000, 1000, 0.1, 92);
    for (let i = 0; i < samples.length; i++) {
      rule.add(samples[i]!);
      rule.check(i);
    }
    expect(rule.n).toBe(20_000);
    expect(rule.check(0).relHalfWidth).toBeLessThan(0.003); // ±~0.2% at n = 20,000, σ = 10%
  });

  it('refuses a non-finite sample', () => {
    expect(() => new StoppingRule({ maxTimeMs: 1 }).add(Number.NaN)).toThrow(RangeError);
  });
});
