/** The suites as planned cases: which kernels, shapes and configurations. */
import { describe, expect, it } from 'vitest';
import { MATMUL_KERNELS, SUITES, TUNED_PARAMS } from '../../bench/suites.js';
import { planCases } from '../../src/host/suite-plan.js';
import { KERNELS } from '../../src/kernels/index.js';

const label = (c: ReturnType<typeof planCases>[number]) => `${c.kernel.name} ${c.kernel.formatShape(c.shape)}`;

describe('suites', () => {
  it('name only registered kernels, with configurations inside their spaces', () => {
    for (const suite of SUITES) {
      for (const planned of planCases({ suite: suite.name })) {
        expect(KERNELS).toContain(planned.kernel);
        for (const [key, value] of Object.entries(planned.params)) expect(planned.kernel.paramSpace[key], `${label(planned)} ${key}`).toContain(value);
      }
    }
    for (const [kernel, bySize] of Object.entries(TUNED_PARAMS)) {
      expect(MATMUL_KERNELS as readonly string[]).toContain(kernel);
      expect(Object.keys(bySize).every((size) => Number(size) > 0)).toBe(true);
    }
  });

  it('matmul --sizes 512 runs every matmul strategy at 512 and nothing else', () => {
    const cases = planCases({ suite: 'matmul', sizes: [512] });
    expect(cases.map(label)).toEqual(MATMUL_KERNELS.map((kernel) => `${kernel} 512x512x512`));
  });

  it('matmul by default covers 64 to 1024 square, skinny and batched shapes, each strategy at each', () => {
    const labels = planCases({ suite: 'matmul' }).map(label);
    for (const kernel of MATMUL_KERNELS) {
      for (const shape of ['64x64x64', '128x128x128', '256x256x256', '512x512x512', '1024x1024x1024', '1024x64x1024', '8x256x256x256']) {
        expect(labels).toContain(`${kernel} ${shape}`);
      }
    }
  });

  it('matmul uses the configuration tuned for a size where there is one', () => {
    const [at64] = planCases({ suite: 'matmul', sizes: [64], kernels: ['matmul-subgroup'] });
    expect(at64!.params).toEqual(TUNED_PARAMS['matmul-subgroup']![64]);
    const [at512] = planCases({ suite: 'matmul', sizes: [512], kernels: ['matmul-subgroup'] });
    expect(at512!.params).toEqual(at512!.kernel.defaultParams);
  });

  it('quick runs the baseline and the fastest strategy at 128 and 256', () => {
    expect(planCases({ suite: 'quick' }).map(label)).toEqual([
      'matmul-naive 128x128x128',
      'matmul-subgroup 128x128x128',
      'matmul-naive 256x256x256',
      'matmul-subgroup 256x256x256',
    ]);
  });

  it('lets --param override the suite configuration', () => {
    const [planned] = planCases({ suite: 'matmul', sizes: [64], kernels: ['matmul-subgroup'], params: { TM: 2 } });
    expect(planned!.params).toEqual({ ...TUNED_PARAMS['matmul-subgroup']![64], TM: 2 });
  });
});
