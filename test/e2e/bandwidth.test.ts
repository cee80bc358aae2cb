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

  for (const [size, params] of [
    [64, { WG_SIZE: 64, ROWS: 8 }],
    [67, { WG_SIZE: 64, ROWS: 8 }],
    [67, { WG_SIZE: 32, ROWS: 1 }],
  ] as const) {
    it(`gemv at ${size}x${size}, WG_SIZE=${params.WG_SIZE} ROWS=${params.ROWS}: every row correct, GB/s measured`, async () => {
      const gemv = getKernel('gemv');
      const shape = gemv.shapeFromSize(size);
      const outcome = await runCase(runner(), 'gemv', shape, params);
      expect(outcome.status, outcome.message).toBe('ok');
      expect(outcome.correctness).toMatchObject({ passed: true, checked: size });
      const record = caseRecord(gemv, shape, params, 'benchmark', outcome, NO_PEAKS);
      expect(record.gbPerS).toBeGreaterThan(0);
      expect(record.gflops).toBeGreaterThan(0);
    });
  }
});
