/**
 * End to end: every conv2d strategy in the real browser on SwiftShader, at small shapes that are
 * and are not multiples of its tiles (stride 1 and 2, padding 0, 1 and 2, batch 2, 1x1 and 5x5
 * filters), every output element checked against the CPU reference computed from the definition.
 */
import { describe, expect, it } from 'vitest';
import { getKernel } from '../../src/kernels/index.js';
import { runCase, useRunner } from '../helpers/runner.js';

const conv = (batch: number, size: number, channels: number, filters: number, kernel: number, stride: number, pad: number) => ({
  batch,
  height: size,
  width: size,
  channels,
  filters,
  kernelH: kernel,
  kernelW: kernel,
  stride,
  pad,
});

const SHAPES = [
  conv(1, 9, 3, 8, 3, 1, 1), // 9x9x8 out
  conv(1, 9, 3, 8, 3, 2, 0), // 4x4x8 out
  conv(2, 9, 3, 8, 3, 1, 0), // batch 2, 7x7x8 out
  conv(1, 11, 5, 13, 3, 2, 1), // odd channels and filters: 6x6x13 out
  conv(2, 6, 16, 12, 1, 1, 0), // 1x1, K = 16 (vec4 GEMM path)
  conv(1, 8, 4, 20, 5, 1, 2), // 5x5 padding 2, K = 100
  conv(2, 7, 32, 12, 3, 1, 1), // channels a multiple of 16 (vec4 path of conv-quadswap), batch 2, 7x7x12 out
  conv(1, 9, 16, 8, 3, 2, 1), // 16 channels, stride 2, padding 1: 5x5x8 out
];

/** For each strategy: its defaults, and small tiles so the shapes span several of them. */
const CONFIGS: Record<string, Record<string, number>[]> = {
  'conv-direct': [{}, { WG_X: 2, WG_Y: 4, FB: 8 }, { FB: 1 }],
  'conv-im2col': [{}, { IM_WG_X: 16, IM_WG_Y: 2, WG_X: 2, WG_Y: 2, TM: 4, TN: 8 }],
  'conv-implicit-gemm': [{}, { WG_X: 4, WG_Y: 4, RM: 2, RN: 1, TK: 8 }],
  'conv-quadswap': [{}, { WG_SIZE: 8, QUADS_N: 2, TM: 2, TN: 8, KGROUPS: 2 }],
};

describe('conv2d strategies in the browser', () => {
  const runner = useRunner();

  for (const [name, configs] of Object.entries(CONFIGS)) {
    const kernel = getKernel(name);
    for (const overrides of configs) {
      const params = { ...kernel.defaultParams, ...overrides };
      for (const shape of SHAPES) {
        it(`${name} ${Object.keys(overrides).length ? JSON.stringify(overrides) : 'defaults'} is correct at ${kernel.formatShape(shape)}`, async () => {
          const outcome = await runCase(runner(), name, shape, params, { maxSamples: 3, minSamples: 3 });
          if ((kernel.requiredFeatures ?? []).some((f) => !runner().device.features.includes(f))) {
            expect(outcome.status).toBe('unsupported');
            return;
          }
          expect(outcome.status, outcome.message).toBe('ok');
          const total = kernel.buffers(shape, params).find((b) => b.name === 'output')!.length;
          expect(outcome.correctness).toMatchObject({ passed: true, mode: 'full', checked: total, mismatches: 0 });
          expect(outcome.timing!.samplesMs.length).toBeGreaterThanOrEqual(3);
        });
      }
    }
  }

  it('times conv-im2col stage by stage: im2col, then gemm', async () => {
    const kernel = getKernel('conv-im2col');
    const outcome = await runCase(runner(), kernel.name, SHAPES[0]!, kernel.defaultParams, { maxSamples: 3, minSamples: 3 });
    expect(outcome.status, outcome.message).toBe('ok');
    expect(outcome.timing!.stages?.map((s) => s.name)).toEqual(['im2col', 'gemm']);
  });
});
