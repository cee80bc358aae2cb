import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  ADAM_MIXED_BYTES_PER_PARAM,
  type ZeroStage,
  activationBytes,
  activationBytesPerLayer,
  modelStateMemory,
} from '../../src/flops/memory.js';

describe('modelStateMemory', () => {
  it('mixed-precision Adam keeps 2 + 2 + 12 = 16 bytes per parameter', () => {
    expect(ADAM_MIXED_BYTES_PER_PARAM).toEqual({ weights: 2, gradients: 2, optimizer: 12 });
    // 7B params: 7e9 x 16 = 112 GB, 14 GB of fp16 weights
    expect(modelStateMemory({ params: 7e9 })).toEqual({
      bytesPerParam: 16,
      bytesPerDevice: 112e9,
      breakdown: { weightBytes: 14e9, gradientBytes: 14e9, optimizerBytes: 84e9 },
    });
  });

  it('ZeRO paper, figure 1: 7.5B parameters on 64 devices: 120, 31.4, 16.6 and 1.9 GB', () => {
    // stage 0: 16 x 7.5e9; stage 1: (4 + 12/64) x 7.5e9; stage 2: (2 + 14/64) x 7.5e9; stage 3: 16/64 x 7.5e9
    const expected: Record<ZeroStage, [number, number]> = {
      0: [16, 120e9],
      1: [4.1875, 31_406_250_000],
      2: [2.21875, 16_640_625_000],
      3: [0.25, 1_875_000_000],
    };
    for (const zeroStage of [0, 1, 2, 3] as const) {
      const memory = modelStateMemory({ params: 7.5e9, zeroStage, devices: 64 });
      expect([memory.bytesPerParam, memory.bytesPerDevice]).toEqual(expected[zeroStage]);
    }
  });

  it('breaks stage 2 down: fp16 weights whole, gradients and optimizer states partitioned', () => {
    // 1e9 params over 4 devices: weights 2e9, gradients 2e9/4, optimizer 12e9/4
    expect(modelStateMemory({ params: 1e9, zeroStage: 2, devices: 4 }).breakdown).toEqual({
      weightBytes: 2e9,
      gradientBytes: 0.5e9,
      optimizerBytes: 3e9,
    });
  });

  it('refuses unknown stages and bad device counts', () => {
    expect(() => modelStateMemory({ params: 1e9, zeroStage: 4 as ZeroStage })).toThrow(
      'zeroStage must be 0, 1, 2 or 3, got 4',
    );
    expect(() => modelStateMemory({ params: 1e9, devices: 0 })).toThrow('devices must be an integer >= 1');
    expect(() => modelStateMemory({ params: 0 })).toThrow(UsageError);
  });
});

describe('activation memory (Korthikanti et al. 2022)', () => {
  // GPT-3 175B: h = 12288, a = 96, s = 2048, micro-batch 1, 96 layers. sbh = 25,165,824.
  const gpt3 = { seq: 2048, batch: 1, hidden: 12_288, heads: 96 };

  it('without recomputation: sbh(34 + 5as/h) per layer', () => {
    // 5 x 96 x 2048 / 12288 = 80, so 25,165,824 x 114
    expect(activationBytesPerLayer(gpt3)).toBe(2_868_903_936);
    expect(activationBytes({ ...gpt3, layers: 96 })).toBe(96 * 2_868_903_936);
  });

  it('with selective recomputation 34sbh, with full recomputation 2sbh', () => {
    expect(activationBytesPerLayer({ ...gpt3, recompute: 'selective' })).toBe(855_638_016);
    expect(activationBytesPerLayer({ ...gpt3, recompute: 'full' })).toBe(50_331_648);
    // small case by hand: s=4, b=2, h=8, a=2: 64 x (34 + 5*2*4/8) = 64 x 39
    expect(activationBytesPerLayer({ seq: 4, batch: 2, hidden: 8, heads: 2 })).toBe(2_496);
  });

  it('refuses bad shapes and unknown recomputation modes', () => {
    expect(() => activationBytesPerLayer({ ...gpt3, heads: 0 })).toThrow('heads must be an integer >= 1, got 0');
    expect(() => activationBytesPerLayer({ ...gpt3, recompute: 'some' as 'none' })).toThrow(
      "recompute must be 'none', 'selective' or 'full', got some",
    );
    expect(() => activationBytes({ ...gpt3, layers: 0 })).toThrow('layers must be');
  });
});
