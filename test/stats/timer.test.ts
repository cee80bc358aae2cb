import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/stats/rng.js';
import { batchRelativeError, chooseBatchSize, detectQuantization, minBatchDurationNs } from '../../src/stats/timer.js';
import { lognormalTimes } from './synthetic.js';

// Timestamps of intervals of the given true durations, starting at random phases after a large
// uptime, floored to a grid of `stepNs` as Dawn's mask does (ts & ~0xFFFF for 65,536 ns), then
// differenced: what the harness reads back.
function griddedDeltas(durationsNs: readonly number[], stepNs: number, seed: number): number[] {
  const rng = createRng(seed);
  return durationsNs.map((duration) => {
    const begin = 3.7e12 + rng.nextFloat() * 1e9;
    const floor = (t: number) => Math.floor(t / stepNs) * stepNs;
    return floor(begin + duration) - floor(begin);
  });
}

describe('detectQuantization', () => {
  it("finds Dawn's 65,536 ns grid under a 1.23 ms kernel", () => {
    const deltas = griddedDeltas(lognormalTimes(200, 1.23e6, 0.01, 1), 65_536, 2);
    const report = detectQuantization(deltas);
    expect(report).toMatchObject({
      quantized: true,
      stepNs: 65_536,
      zero: 0,
      negative: 0,
      coarse: true,
    });
    expect(report.distinctValues).toBeGreaterThanOrEqual(2);
    expect(report.distinctValues).toBeLessThanOrEqual(3); // 1.23 ms ± 1% spans 18-19 steps
    expect(report.relativeStep).toBeCloseTo(65_536 / report.medianNs!, 12);
  });

  it('finds a 100 µs grid', () => {
    const deltas = griddedDeltas(lognormalTimes(200, 1.23e6, 0.05, 3), 100_000, 4);
    expect(detectQuantization(deltas)).toMatchObject({ quantized: true, stepNs: 100_000 });
  });

  it('sees a kernel shorter than the step: zeros and one step', () => {
    const deltas = griddedDeltas(lognormalTimes(200, 30_000, 0.05, 5), 65_536, 6);
    const report = detectQuantization(deltas);
    // A 30 µs interval crosses a grid line with probability 30/65.5: about 46% read 65,536
    expect(report).toMatchObject({
      quantized: true,
      stepNs: 65_536,
      distinctValues: 1,
      coarse: true,
    });
    expect(report.zero).toBeGreaterThan(60);
    expect(report.positive).toBeGreaterThan(60);
  });

  it('names the known quantum when every reading is the same multiple of it', () => {
    const report = detectQuantization(new Array<number>(30).fill(131_072));
    expect(report).toMatchObject({ quantized: true, stepNs: 65_536, distinctValues: 1 });
  });

  it('finds no grid in 1 ns-resolution deltas and calls a 1.23 ms reading fine', () => {
    const deltas = lognormalTimes(200, 1.23e6, 0.01, 7).map(Math.round);
    const report = detectQuantization(deltas);
    expect(report).toMatchObject({ quantized: false, stepNs: 1, coarse: false });
    expect(report.distinctValues).toBeGreaterThan(190);
    expect(report.relativeStep).toBeLessThan(1e-6);
  });

  it('finds a fine hardware tick (32 ns) when the data show it', () => {
    const deltas = griddedDeltas(lognormalTimes(100, 50_000, 0.02, 8), 32, 9);
    const report = detectQuantization(deltas);
    expect(report).toMatchObject({ quantized: true, stepNs: 32, coarse: false });
  });

  it('does not call a chance common factor a grid', () => {
    // Three even readings: a 1 ns timer does that one time in 4 (2^-(3-1)), far above 1e-4
    expect(detectQuantization([1000, 1002, 1004])).toMatchObject({ quantized: false, stepNs: 1 });
    // A single reading repeated, not a known quantum: no evidence of any step
    expect(detectQuantization([123_457, 123_457])).toMatchObject({ quantized: false, stepNs: 1 });
  });

  it('calls all-zero deltas quantized with an unknown step, and counts negatives', () => {
    expect(detectQuantization([0, 0, 0])).toMatchObject({
      quantized: true,
      stepNs: null,
      coarse: true,
      zero: 3,
      medianNs: null,
    });
    expect(detectQuantization([-5, 0, 65_536, 131_072])).toMatchObject({
      negative: 1,
      zero: 1,
      positive: 2,
    });
    expect(() => detectQuantization([])).toThrow(RangeError);
  });

  it('takes the coarse threshold from targetRelativeError', () => {
    // 65,536 ns under a 100 ms reading: relative step 6.6e-4, fine at 0.1%, coarse at 0.01%
    const deltas = griddedDeltas(lognormalTimes(100, 1e8, 0.001, 10), 65_536, 11);
    expect(detectQuantization(deltas).coarse).toBe(false);
    expect(detectQuantization(deltas, { targetRelativeError: 1e-4 }).coarse).toBe(true);
  });
});

describe('minBatchDurationNs', () => {
  it('is step / target', () => {
    // Dawn's grid at 0.1%: 65.5 ms a reading; at 1%: 6.55 ms
    expect(minBatchDurationNs(65_536)).toBeCloseTo(65_536_000, 6);
    expect(minBatchDurationNs(65_536, 0.01)).toBeCloseTo(6_553_600, 6);
    expect(minBatchDurationNs(1)).toBeCloseTo(1000, 9);
    expect(() => minBatchDurationNs(1, 0)).toThrow(RangeError);
  });
});

describe('chooseBatchSize', () => {
  it('batches a 10 µs kernel to 65.5 ms on the quantized timer', () => {
    // (65,536 + 0) / (0.001 × 10,000) = 6553.6 -> 6554 dispatches
    const batch = chooseBatchSize({ singleRunNs: 10_000, stepNs: 65_536 });
    expect(batch).toBe(6554);
    expect(batchRelativeError({ batchSize: batch, singleRunNs: 10_000, stepNs: 65_536 })).toBeLessThanOrEqual(0.001);
  });

  it('amortizes a fixed overhead on a fine timer', () => {
    // (1 + 5,000) / (0.001 × 10,000) = 500.1 -> 501
    expect(chooseBatchSize({ singleRunNs: 10_000, stepNs: 1, overheadNs: 5_000 })).toBe(501);
  });

  it('clamps to [minBatch, maxBatch], and batchRelativeError shows what the cap costs', () => {
    expect(chooseBatchSize({ singleRunNs: 1e8, stepNs: 65_536 })).toBe(1);
    expect(chooseBatchSize({ singleRunNs: 1e8, stepNs: 65_536, minBatch: 4 })).toBe(4);
    const capped = chooseBatchSize({ singleRunNs: 10_000, stepNs: 65_536, maxBatch: 1000 });
    expect(capped).toBe(1000);
    // 65,536 / (1000 × 10,000): the target is missed by 6.5x
    expect(batchRelativeError({ batchSize: capped, singleRunNs: 10_000, stepNs: 65_536 })).toBeCloseTo(0.0065536, 12);
  });

  it('rejects impossible inputs', () => {
    expect(() => chooseBatchSize({ singleRunNs: 0, stepNs: 1 })).toThrow(RangeError);
    expect(() => chooseBatchSize({ singleRunNs: 1, stepNs: 1, minBatch: 10, maxBatch: 5 })).toThrow(RangeError);
  });
});
