/**
 * End to end: every matmul strategy in the real browser on SwiftShader, at shapes that are and
 * are not multiples of its blocks and tiles, every output element checked against the CPU reference.
 */
import { describe, expect, it } from 'vitest';
import { getKernel } from '../../src/kernels/index.js';
import { runCase, useRunner } from '../helpers/runner.js';

/**
 * Shapes: square and block-aligned (64), odd (67), non-square and unaligned, batched and unaligned,
 * and vec4-aligned with K = 12 (a KSTEP of 8 runs its second step of 4 past K).
 */
const SHAPES = [
  { batch: 1, m: 64, n: 64, k: 64 },
  { batch: 1, m: 20, n: 12, k: 12 },
  { batch: 1, m: 67, n: 67, k: 67 },
  { batch: 1, m: 33, n: 70, k: 19 },
  { batch: 2, m: 48, n: 40, k: 24 },
];

/** For each strategy: its defaults, and a small configuration so 64 spans several blocks and tiles. */
const CONFIGS: Record<string, Record<string, number>[]> = {
  'matmul-tiled': [{}, { WG_X: 8, WG_Y: 4, RM: 4, RN: 2, TK: 8 }],
  'matmul-blocked': [{}, { WG_X: 2, WG_Y: 2, TM: 4, TN: 8 }],
  'matmul-subgroup': [{}, { WG_SIZE: 16, QUADS_N: 2, TM: 2, TN: 8 }],
  // Two groups of 16 per trip and the scalar groups of 4 after them (K = 67, 40, 24), two quads along N.
  'matmul-quadswap': [{}, { WG_SIZE: 16, QUADS_N: 2, TM: 2, TN: 8, KSTEP: 4, KGROUPS: 2 }],
};

describe('matmul strategies in the browser', () => {
  const runner = useRunner();

  /**
   * The features this kernel needs that the adapter lacks: known only once the runner is open, so tests skip
   * at run time.
   */
  const missing = (name: string): string[] =>
    (getKernel(name).requiredFeatures ?? []).filter((f) => !runner().device.features.includes(f));
  const needs = (name: string): string =>
    getKernel(name).requiredFeatures?.length ? ` (needs ${getKernel(name).requiredFeatures!.join(', ')})` : '';

  for (const [name, configs] of Object.entries(CONFIGS)) {
    const kernel = getKernel(name);
    for (const overrides of configs) {
      const params = { ...kernel.defaultParams, ...overrides };
      for (const shape of SHAPES) {
        it(`${name} ${Object.keys(overrides).length ? 'small blocks' : 'defaults'} is correct at ${kernel.formatShape(shape)}${needs(name)}`, async (ctx) => {
          const lacking = missing(name);
          ctx.skip(lacking.length > 0, `adapter lacks ${lacking.join(', ')}`);
          const outcome = await runCase(runner(), name, shape, params, { maxSamples: 3, minSamples: 3 });
          expect(outcome.status, outcome.message).toBe('ok');
          expect(outcome.correctness).toMatchObject({
            passed: true,
            mode: 'full',
            checked: shape.batch * shape.m * shape.n,
            mismatches: 0,
          });
          expect(outcome.timing!.samplesMs.length).toBeGreaterThanOrEqual(3);
        });
      }
    }
  }

  it('matmul-f16 is correct at 2x33x70x19 (needs shader-f16)', async (ctx) => {
    ctx.skip(missing('matmul-f16').length > 0, 'adapter lacks shader-f16');
    const kernel = getKernel('matmul-f16');
    const outcome = await runCase(runner(), kernel.name, { batch: 2, m: 33, n: 70, k: 19 }, kernel.defaultParams);
    expect(outcome.status, outcome.message).toBe('ok');
    expect(outcome.correctness).toMatchObject({ passed: true, mode: 'full', checked: 2 * 33 * 70, mismatches: 0 });
  });

  for (const name of ['matmul-f16', 'matmul-subgroup']) {
    it(`reports ${name} as unsupported, naming ${getKernel(name).requiredFeatures!.join(', ')}, on an adapter without it (runs only there)`, async (ctx) => {
      const lacking = missing(name);
      ctx.skip(lacking.length === 0, `adapter has ${getKernel(name).requiredFeatures!.join(', ')}`);
      const kernel = getKernel(name);
      const outcome = await runCase(runner(), name, { batch: 1, m: 33, n: 70, k: 19 }, kernel.defaultParams);
      expect(outcome.status).toBe('unsupported');
      for (const feature of lacking) expect(outcome.message).toContain(feature);
      expect(outcome.correctness).toBeNull();
    });
  }
});
