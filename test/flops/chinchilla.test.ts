import { describe, expect, it } from 'vitest';
import { CHINCHILLA_TOKENS_PER_PARAM, chinchillaOptimal, chinchillaTokens } from '../../src/flops/chinchilla.js';
import { trainingFlops } from '../../src/flops/training.js';

describe('chinchilla', () => {
  it('takes 20 tokens per parameter: Chinchilla 70B on 1.4T tokens', () => {
    expect(CHINCHILLA_TOKENS_PER_PARAM).toBe(20);
    expect(chinchillaTokens(70e9)).toBe(1.4e12);
  });

  it('splits a budget C into N = sqrt(C/120), D = 20N: 5.88e23 FLOPs gives back 70B and 1.4T', () => {
    // C = 6 x 70e9 x 1.4e12 = 5.88e23; C/120 = 4.9e21; sqrt = 7e10
    const { params, tokens } = chinchillaOptimal(5.88e23);
    expect(params / 70e9).toBeCloseTo(1, 12);
    expect(tokens / 1.4e12).toBeCloseTo(1, 12);
    // 1.2e3 FLOPs: N = sqrt(10) exactly as the formula says, D = 20 sqrt(10)
    expect(chinchillaOptimal(1200).params).toBe(Math.sqrt(10));
  });

  it('is consistent with C = 6ND', () => {
    const { params, tokens } = chinchillaOptimal(1e24);
    expect(trainingFlops(params, tokens) / 1e24).toBeCloseTo(1, 12);
  });

  it('refuses a non-positive budget', () => {
    expect(() => chinchillaOptimal(0)).toThrow('flops must be a finite number > 0, got 0');
    expect(() => chinchillaTokens(-1)).toThrow('params must be');
  });
});
