import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { assertCasesFit, getSuite, planCases } from '../../src/measure/plan.js';

describe('planCases', () => {
  it('runs the quick suite by default', () => {
    const cases = planCases({});
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((c) => c.kernel.name.length > 0)).toBe(true);
  });

  it('runs kernels at the sizes given, with their default configuration', () => {
    const cases = planCases({ kernels: ['matmul-naive'], sizes: [64, 67] });
    expect(cases.map((c) => c.shape)).toEqual([
      { batch: 1, m: 64, n: 64, k: 64 },
      { batch: 1, m: 67, n: 67, k: 67 },
    ]);
    expect(cases[0]!.params).toEqual(cases[0]!.kernel.defaultParams);
  });

  it('names the valid suites and kernels for unknown ones', () => {
    expect(() => getSuite('nope')).toThrow(/unknown suite "nope": choose one of quick/);
    expect(() => planCases({ kernels: ['nope'] })).toThrow(UsageError);
  });
});

describe('assertCasesFit', () => {
  it('names the limit and the largest size that fits', () => {
    const cases = planCases({ kernels: ['matmul-naive'], sizes: [20_000] });
    const limits = { maxStorageBufferBindingSize: 2 ** 30, maxBufferSize: 2 ** 30 };
    expect(() => assertCasesFit(cases, limits)).toThrow(/maxStorageBufferBindingSize.*16384/);
    expect(() => assertCasesFit(planCases({ kernels: ['matmul-naive'], sizes: [16_384] }), limits)).not.toThrow();
  });
});
