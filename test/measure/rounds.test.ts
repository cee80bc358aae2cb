import { describe, expect, it } from 'vitest';
import { mergeRounds, roundTiming } from '../../src/measure/rounds.js';
import { DEFAULT_TIMING } from '../../src/measure/defaults.js';
import { okOutcome } from '../helpers/results.js';

describe('roundTiming', () => {
  it('shares the time and sample budget between rounds, keeping the minimum samples', () => {
    expect(roundTiming(DEFAULT_TIMING, 1)).toBe(DEFAULT_TIMING);
    expect(roundTiming(DEFAULT_TIMING, 5)).toMatchObject({
      maxTimeMs: 1000,
      maxSamples: 200,
      minSamples: 10,
      noiseTarget: 0.01,
    });
    expect(roundTiming({ ...DEFAULT_TIMING, maxSamples: 20 }, 5).maxSamples).toBe(10);
  });
});

describe('mergeRounds', () => {
  it("keeps every sample in run order, sums the counts and records each round's median", () => {
    const merged = mergeRounds([
      okOutcome([1, 2, 3], {
        transientSamples: 4,
        droppedSamples: 1,
        batchSize: 2,
        stages: [{ name: 'a', samplesMs: [0.5] }],
      }),
      okOutcome([4, 5, 6, 7], {
        stopReason: 'max-time',
        batchSize: 8,
        resolution: { stepNs: 32, quantized: true, batchLengthened: true },
        stages: [{ name: 'a', samplesMs: [0.6, 0.7] }],
      }),
    ]);
    expect(merged.status).toBe('ok');
    const timing = merged.timing!;
    expect(timing.samplesMs).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(timing.roundMedians).toEqual([2, 5.5]);
    expect(timing).toMatchObject({
      transientSamples: 4,
      droppedSamples: 1,
      batchSize: 8,
      stopReason: 'max-time',
      warmupRuns: 6,
    });
    // Without raw readings, the finest step any round found.
    expect(timing.resolution).toEqual({ stepNs: 1, quantized: false, batchLengthened: true });
    expect(timing.stages).toEqual([{ name: 'a', samplesMs: [0.5, 0.6, 0.7] }]);
  });

  it("finds the timer step again in all the rounds' readings: one round may see only a multiple of it", () => {
    const grid = 65_536;
    const merged = mergeRounds([
      // Every reading of this round happened to be an even multiple of the step.
      okOutcome([1, 1, 1, 1], {
        batchNs: [200, 202, 204, 206].map((k) => k * grid),
        resolution: { stepNs: 2 * grid, quantized: true, batchLengthened: false },
      }),
      okOutcome([1, 1, 1, 1], {
        batchNs: [201, 202, 203, 205].map((k) => k * grid),
        resolution: { stepNs: grid, quantized: true, batchLengthened: false },
      }),
    ]);
    expect(merged.timing!.resolution).toEqual({ stepNs: grid, quantized: true, batchLengthened: false });
  });

  it('is the first failed round when any failed, and the one round when there is one', () => {
    const ok = okOutcome([1, 2, 3]);
    const failed = { status: 'error' as const, message: 'device lost', correctness: null, timing: null };
    expect(mergeRounds([ok, failed, ok])).toBe(failed);
    expect(mergeRounds([ok])).toBe(ok);
    expect(() => mergeRounds([])).toThrow(RangeError);
  });
});
