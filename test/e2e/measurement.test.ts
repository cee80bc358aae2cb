/** The stopping rule, cold caches and the timer report, measured for real on SwiftShader. */
import { describe, expect, it } from 'vitest';
import { getKernel } from '../../src/kernels/index.js';
import { timingSummary } from '../../src/results/derive.js';
import { runCase, useRunner } from '../helpers/runner.js';

describe('measurement in the browser', () => {
  const runner = useRunner();
  const naive = getKernel('matmul-naive');
  const shape = naive.shapeFromSize(64);

  it('stops at the noise target when the interval is narrow enough, and says so', async () => {
    const outcome = await runCase(runner(), naive.name, shape, naive.defaultParams, {
      noiseTarget: 0.5,
      minSamples: 6,
      maxSamples: 200,
      maxTimeMs: 5000,
    });
    expect(outcome.status, outcome.message).toBe('ok');
    const timing = timingSummary(outcome.timing!);
    expect(timing.stopReason).toBe('noise-target');
    expect(timing.sampleCount).toBeGreaterThanOrEqual(6);
    expect(timing.relHalfWidth).toBeLessThanOrEqual(0.5);
    expect(timing.ci95Ms![0]).toBeLessThanOrEqual(timing.medianMs);
    expect(timing.ci95Ms![1]).toBeGreaterThanOrEqual(timing.medianMs);
  });

  it('stops at max-samples when the target cannot be met first', async () => {
    const outcome = await runCase(runner(), naive.name, shape, naive.defaultParams, {
      noiseTarget: 1e-9,
      minSamples: 3,
      maxSamples: 8,
      maxTimeMs: 60_000,
    });
    expect(outcome.timing?.stopReason).toBe('max-samples');
    expect(outcome.timing?.samplesMs).toHaveLength(8);
  });

  it('stops at max-time with the samples it has', async () => {
    const outcome = await runCase(runner(), naive.name, shape, naive.defaultParams, {
      noiseTarget: 1e-9,
      minSamples: 3,
      maxSamples: 100_000,
      maxTimeMs: 300,
    });
    expect(outcome.timing?.stopReason).toBe('max-time');
    expect(outcome.timing!.samplesMs.length).toBeGreaterThanOrEqual(3);
  });

  it('times batches of runs and reports per-run times (the batch size itself is unit-tested in batching.test.ts)', async () => {
    const outcome = await runCase(runner(), naive.name, shape, naive.defaultParams, { minSampleMs: 5 });
    const { batchSize, samplesMs, batchNs } = outcome.timing!;
    expect(Number.isInteger(batchSize) && batchSize >= 1).toBe(true);
    // Each sample is one timed batch divided by the runs in it.
    expect(batchNs).toHaveLength(samplesMs.length);
    samplesMs.forEach((ms, i) => expect(ms).toBeCloseTo(batchNs![i]! / 1e6 / batchSize, 9));
  });

  it('reports the timer step it found', async () => {
    const outcome = await runCase(runner(), naive.name, shape, naive.defaultParams);
    const { resolution, clock } = outcome.timing!;
    expect(resolution.stepNs).toBeGreaterThanOrEqual(1);
    expect(clock).toBe('gpu-timestamp');
    const wall = await runCase(runner(), naive.name, shape, naive.defaultParams, { clock: 'wall' });
    // performance.now() is coarsened by the browser: never finer than 1 µs here.
    expect(wall.timing!.resolution.stepNs).toBeGreaterThanOrEqual(1000);
  });

  it('evicts caches before every sample in cold mode, one run per sample', async () => {
    const outcome = await runCase(runner(), naive.name, shape, naive.defaultParams, {
      mode: 'cold',
      maxSamples: 6,
      minSamples: 6,
    });
    expect(outcome.status, outcome.message).toBe('ok');
    expect(outcome.timing).toMatchObject({ mode: 'cold', batchSize: 1 });
    expect(outcome.timing!.evictBytes).toBeGreaterThanOrEqual(64 * 2 ** 20);
    expect(outcome.timing!.samplesMs.length).toBeGreaterThanOrEqual(3);
  });
});
