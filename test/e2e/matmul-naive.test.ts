/** End to end: real Chromium, real WGSL on SwiftShader, checked against the CPU reference. */
import { describe, expect, it } from 'vitest';
import { caseRecord } from '../../src/results/derive.js';
import { getKernel } from '../../src/kernels/index.js';
import { runCase, useRunner } from '../helpers/runner.js';

describe('matmul-naive in the browser', () => {
  const runner = useRunner();
  const kernel = getKernel('matmul-naive');

  it('reports the adapter, its features and limits', () => {
    const device = runner().device;
    expect(device.adapter.vendor.length + device.adapter.architecture.length).toBeGreaterThan(0);
    expect(device.limits.maxStorageBufferBindingSize).toBeGreaterThan(0);
    expect(Array.isArray(device.features)).toBe(true);
  });

  for (const size of [64, 67]) {
    it(`is correct and measured at ${size} (67 is not a multiple of the workgroup)`, async () => {
      const shape = kernel.shapeFromSize(size);
      const outcome = await runCase(runner(), kernel.name, shape, kernel.defaultParams);
      expect(outcome.status, outcome.message).toBe('ok');
      expect(outcome.correctness?.passed).toBe(true);
      expect(outcome.correctness?.checked).toBe(size * size);
      const record = caseRecord(kernel, shape, kernel.defaultParams, 'benchmark', outcome, {
        measured: { computeGflops: null, computeCaseId: null },
        reference: null,
      });
      expect(record.gflops).toBeGreaterThan(0);
      expect(record.samples.length).toBeGreaterThanOrEqual(3);
      expect(record.timing?.clock).toBe(
        runner().device.features.includes('timestamp-query') ? 'gpu-timestamp' : 'wall',
      );
    });
  }

  it('times with the wall clock when asked', async () => {
    const shape = kernel.shapeFromSize(64);
    const outcome = await runCase(runner(), kernel.name, shape, kernel.defaultParams, { clock: 'wall' });
    expect(outcome.status).toBe('ok');
    expect(outcome.timing?.clock).toBe('wall');
    expect(outcome.timing?.samplesMs.every((ms) => ms > 0)).toBe(true);
  });

  it('covers a non-square shape with every output element checked', async () => {
    const shape = { m: 33, n: 70, k: 19, batch: 1 };
    const outcome = await runCase(runner(), kernel.name, shape, { WG_X: 8, WG_Y: 4 });
    expect(outcome.status, outcome.message).toBe('ok');
    expect(outcome.correctness).toMatchObject({ passed: true, checked: 33 * 70 });
  });

  it('covers a batch of 3 non-square products, each checked in full', async () => {
    // 3 x 33 x 70 outputs; the batch is the grid's z, so a kernel that ignored it would leave
    // the second and third products zero.
    const shape = { m: 33, n: 70, k: 19, batch: 3 };
    const outcome = await runCase(runner(), kernel.name, shape, { WG_X: 8, WG_Y: 4 });
    expect(outcome.status, outcome.message).toBe('ok');
    expect(outcome.correctness).toMatchObject({
      passed: true,
      mode: 'full',
      checked: 3 * 33 * 70,
      total: 3 * 33 * 70,
      mismatches: 0,
    });
  });
});
