import { describe, expect, it } from 'vitest';
import { findStartTransient } from '../../src/stats/transient.js';
import { lognormalTimes } from './synthetic.js';

describe('findStartTransient', () => {
  it('finds a start at twice the time, as SwiftShader gave right after the browser started', () => {
    const samples = [...lognormalTimes(10, 2.1, 0.03, 1), ...lognormalTimes(70, 1.05, 0.02, 2)];
    const found = findStartTransient(samples, { minShift: 0.01 });
    expect(found).not.toBeNull();
    // A quarter (20) would be half transient; the first eighth (10) is all of it.
    expect(found!.count).toBe(10);
    expect(found!.shift).toBeGreaterThan(0.9);
    expect(found!.pValue).toBeLessThan(0.001);
    // A transient that fills the first quarter is dropped whole.
    const longer = [...lognormalTimes(20, 2.1, 0.03, 1), ...lognormalTimes(60, 1.05, 0.02, 2)];
    expect(findStartTransient(longer, { minShift: 0.01 })!.count).toBe(20);
  });

  it('finds a fast start too (a device that slows once hot)', () => {
    const samples = [...lognormalTimes(12, 1.0, 0.01, 3), ...lognormalTimes(36, 1.1, 0.01, 4)];
    const found = findStartTransient(samples, { minShift: 0.01 });
    expect(found!.shift).toBeLessThan(-0.05);
  });

  it('finds nothing in a stationary run, nor in a shift below minShift, nor with too few samples', () => {
    expect(findStartTransient(lognormalTimes(200, 1, 0.05, 5), { minShift: 0.01 })).toBeNull();
    const small = [...lognormalTimes(25, 1.005, 0.001, 6), ...lognormalTimes(75, 1, 0.001, 7)];
    expect(findStartTransient(small, { minShift: 0.01 })).toBeNull();
    expect(findStartTransient(small, { minShift: 0.001 })).not.toBeNull();
    expect(
      findStartTransient([2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], { minShift: 0.01 }),
    ).toBeNull();
  });

  it('refuses a negative minShift', () => {
    expect(() => findStartTransient([1, 2, 3], { minShift: -1 })).toThrow(RangeError);
  });
});
