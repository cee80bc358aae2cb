import { describe, expect, it } from 'vitest';
import { batchFor, MAX_BATCH, regrid, timerErrorTarget } from '../../src/runner/batching.js';

const options = { noiseTarget: 0.01, minSampleMs: 1 };

describe('batchFor', () => {
  it('fills at least minSampleMs with runs', () => {
    // 1 ms of work at 10 µs per run = 100 runs; a 1 ns timer asks for far less (1 ns / 0.1%).
    expect(batchFor(10_000, 1, options)).toBe(100);
  });

  it('lengthens batches for a coarse timer', () => {
    // Dawn's 65,536 ns grid at a 0.1% error target needs 65.536 ms per reading: 6554 runs of 10 µs, capped.
    expect(batchFor(10_000, 65_536, options)).toBe(MAX_BATCH);
    // A 1 ms run: 66 runs (65.536 ms / 1 ms, rounded up).
    expect(batchFor(1_000_000, 65_536, options)).toBe(66);
  });

  it('never goes below one run, even for runs longer than minSampleMs', () => {
    expect(batchFor(50e6, 1, options)).toBe(1);
  });
});

describe('regrid', () => {
  it('keeps the batch when the timer shows no grid', () => {
    const batchNs = [1_000_123, 1_000_457, 999_881, 1_001_003, 1_000_001, 1_000_777, 999_999, 1_000_313];
    expect(regrid(batchNs, 100, 1, options)).toEqual({ stepNs: 1, lengthenTo: null });
  });

  it('finds a 65,536 ns grid and asks for batches that dwarf it', () => {
    // 100 runs of ~10 µs read as multiples of 65,536 ns: 15 or 16 steps.
    const batchNs = [15, 16, 15, 15, 16, 15, 16, 15].map((steps) => steps * 65_536);
    const decision = regrid(batchNs, 100, 1, options);
    expect(decision.stepNs).toBe(65_536);
    // single run = median 983,040 ns / 100 = 9830 ns; 65.536 ms / 9830 ns = 6667 > cap.
    expect(decision.lengthenTo).toBe(MAX_BATCH);
  });

  it('asks for longer batches when every reading was zero', () => {
    const decision = regrid([0, 0, 0, 0, 0, 0, 0, 0], 1, 1, options);
    expect(decision.lengthenTo).toBeNull(); // no positive reading to size from: the caller keeps going
  });
});

describe('timerErrorTarget', () => {
  it('is a tenth of the noise target within [0.01%, 1%]', () => {
    expect(timerErrorTarget(0.01)).toBeCloseTo(0.001, 15);
    expect(timerErrorTarget(1e-9)).toBe(1e-4);
    expect(timerErrorTarget(0.5)).toBe(0.01);
  });
});
