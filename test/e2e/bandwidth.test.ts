/** End to end: the memory-bound kernels in Chromium on SwiftShader, checked against the CPU reference. */
import { describe, expect, it } from 'vitest';
import { getKernel } from '../../src/kernels/index.js';
import { caseRecord } from '../../src/results/derive.js';
import { runCase, useRunner } from '../helpers/runner.js';

const NO_PEAKS = { measured: { computeGflops: null, computeCaseId: null }, reference: null };

describe('memory-bound kernels in the browser', () => {
  const runner = useRunner();

  it('copy: 1 MiB copied exactly, GB/s measured', async () => {
    const copy = getKernel('copy');
    const shape = copy.shapeFromSize(1);
    const outcome = await runCase(runner(), 'copy', shape, copy.defaultParams);
    expect(outcome.status, outcome.message).toBe('ok');
    expect(outcome.correctness).toMatchObject({ passed: true, checked: 2 ** 18, mismatches: 0, maxAbsError: 0 });
    const record = caseRecord(copy, shape, copy.defaultParams, 'benchmark', outcome, NO_PEAKS);
    expect(record.gbPerS).toBeGreaterThan(0);
  });

  it('copy: a grid-stride loop covers more vec4s than invocations', async () => {
    // 4 KiB = 256 vec4s with WG_SIZE 64 needs 4 workgroups; every element still checked.
    const outcome = await runCase(runner(), 'copy', { elements: 1028 }, { WG_SIZE: 64 });
    expect(outcome.status, outcome.message).toBe('ok');
    expect(outcome.correctness).toMatchObject({ passed: true, checked: 1028 });
  });

  it('copy: strides past the 65,535-workgroup cap and copies the tail', async () => {
    // The grid is capped at 65,535 workgroups of 64 = 4,194,240 invocations; 1,000 vec4s more
    // (4,195,240 vec4s = 16,780,960 floats, 64 MiB) leave a tail of 4,000 floats that only the
    // loop's second pass reaches. The sampled check always includes the last element (and
    // ~240 others of the tail): a copy that did not stride would leave them zero.
    const copy = getKernel('copy');
    const elements = 4 * (65_535 * 64 + 1000);
    const shape = { elements };
    const [stage] = copy.stages(shape, { WG_SIZE: 64 });
    expect(stage!.workgroups[0] * 64).toBe(4_194_240);
    const outcome = await runCase(runner(), 'copy', shape, { WG_SIZE: 64 });
    expect(outcome.status, outcome.message).toBe('ok');
    expect(outcome.correctness).toMatchObject({
      passed: true,
      mode: 'sampled',
      total: 16_780_960,
      checked: 2 ** 20,
      mismatches: 0,
      maxAbsError: 0,
    });
  });

  // Square, then M != N both ways, so rows and columns swapped cannot pass unseen.
  for (const [m, n, params] of [
    [64, 64, { WG_SIZE: 64, ROWS: 8 }],
    [67, 67, { WG_SIZE: 64, ROWS: 8 }],
    [67, 67, { WG_SIZE: 32, ROWS: 1 }],
    [67, 130, { WG_SIZE: 64, ROWS: 8 }],
    [130, 67, { WG_SIZE: 64, ROWS: 8 }],
    [130, 67, { WG_SIZE: 32, ROWS: 1 }],
  ] as const) {
    it(`gemv at ${m}x${n}, WG_SIZE=${params.WG_SIZE} ROWS=${params.ROWS}: every row correct, GB/s measured`, async () => {
      const gemv = getKernel('gemv');
      const shape = { m, n };
      const outcome = await runCase(runner(), 'gemv', shape, params);
      expect(outcome.status, outcome.message).toBe('ok');
      // One output per row of A: m of them.
      expect(outcome.correctness).toMatchObject({ passed: true, mode: 'full', checked: m, total: m, mismatches: 0 });
      const record = caseRecord(gemv, shape, params, 'benchmark', outcome, NO_PEAKS);
      expect(record.gbPerS).toBeGreaterThan(0);
      expect(record.gflops).toBeGreaterThan(0);
    });
  }
});
