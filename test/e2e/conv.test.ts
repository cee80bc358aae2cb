/**
 * End to end: every conv2d strategy in the real browser on SwiftShader, at small shapes that are
 * and are not multiples of its tiles (stride 1 and 2, padding 0, 1 and 2, batch 2, 1x1 and 5x5
 * filters, H != W and R != S), every output element checked against the CPU reference computed from the definition.
 */
import { describe, expect, it } from 'vitest';
import { getKernel } from '../../src/kernels/index.js';
import { runCase, useRunner } from '../helpers/runner.js';

/**
 * A conv2d case and its output count N x E x F x M, worked out by hand (E = floor((H + 2p - R) / s) + 1, F
 * likewise with W and S).
 */
interface ConvCase {
  shape: {
    batch: number;
    height: number;
    width: number;
    channels: number;
    filters: number;
    kernelH: number;
    kernelW: number;
    stride: number;
    pad: number;
  };
  outputs: number;
}

const conv = (
  batch: number,
  height: number,
  width: number,
  channels: number,
  filters: number,
  kernelH: number,
  kernelW: number,
  stride: number,
  pad: number,
  outputs: number,
): ConvCase => ({
  shape: { batch, height, width, channels, filters, kernelH, kernelW, stride, pad },
  outputs,
});

const CASES: ConvCase[] = [
  conv(1, 9, 9, 3, 8, 3, 3, 1, 1, 9 * 9 * 8), // E = F = (9 + 2 - 3) / 1 + 1 = 9
  conv(1, 9, 9, 3, 8, 3, 3, 2, 0, 4 * 4 * 8), // E = F = floor(6 / 2) + 1 = 4
  conv(2, 9, 9, 3, 8, 3, 3, 1, 0, 2 * 7 * 7 * 8), // batch 2, E = F = 7
  conv(1, 11, 11, 5, 13, 3, 3, 2, 1, 6 * 6 * 13), // odd channels and filters: E = F = floor(10 / 2) + 1 = 6
  conv(2, 6, 6, 16, 12, 1, 1, 1, 0, 2 * 6 * 6 * 12), // 1x1, K = 16 (vec4 GEMM path)
  conv(1, 8, 8, 4, 20, 5, 5, 1, 2, 8 * 8 * 20), // 5x5 padding 2, K = 100
  // Non-square, so a swapped height/width or R/S cannot pass unseen:
  conv(2, 7, 10, 3, 5, 3, 2, 1, 0, 2 * 5 * 9 * 5), // E = 7 - 3 + 1 = 5, F = 10 - 2 + 1 = 9
  conv(2, 10, 6, 4, 8, 1, 3, 2, 1, 2 * 6 * 3 * 8), // E = floor(11 / 2) + 1 = 6, F = floor(5 / 2) + 1 = 3
  conv(1, 5, 12, 8, 12, 5, 3, 1, 2, 5 * 14 * 12), // E = 5 + 4 - 5 + 1 = 5, F = 12 + 4 - 3 + 1 = 14; K = 120
  conv(2, 7, 7, 32, 12, 3, 3, 1, 1, 2 * 7 * 7 * 12), // channels a multiple of 16 (vec4 path of conv-quadswap): E = F = 7
  conv(1, 9, 9, 16, 8, 3, 3, 2, 1, 5 * 5 * 8), // 16 channels, stride 2, padding 1: E = F = floor(8 / 2) + 1 = 5
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
      for (const { shape, outputs } of CASES) {
        it(`${name} ${Object.keys(overrides).length ? JSON.stringify(overrides) : 'defaults'} is correct at ${kernel.formatShape(shape)}`, async () => {
          const outcome = await runCase(runner(), name, shape, params, { maxSamples: 3, minSamples: 3 });
          if ((kernel.requiredFeatures ?? []).some((f) => !runner().device.features.includes(f))) {
            expect(outcome.status).toBe('unsupported');
            return;
          }
          expect(outcome.status, outcome.message).toBe('ok');
          expect(outcome.correctness).toMatchObject({
            passed: true,
            mode: 'full',
            checked: outputs,
            total: outputs,
            mismatches: 0,
          });
          expect(outcome.timing!.samplesMs.length).toBeGreaterThanOrEqual(3);
        });
      }
    }
  }

  it('times conv-im2col stage by stage: im2col, then gemm', async () => {
    const kernel = getKernel('conv-im2col');
    const outcome = await runCase(runner(), kernel.name, CASES[0]!.shape, kernel.defaultParams, {
      maxSamples: 3,
      minSamples: 3,
    });
    expect(outcome.status, outcome.message).toBe('ok');
    expect(outcome.timing!.stages?.map((s) => s.name)).toEqual(['im2col', 'gemm']);
  });
});
