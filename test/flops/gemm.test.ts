import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { checkGemmShape, gemmBytes, gemmFlops, gemmMacs } from '../../src/flops/gemm.js';

describe('gemm', () => {
  it('counts 2*M*N*K FLOPs', () => {
    // 256^3 multiply-adds, 2 FLOPs each: 2 * 16,777,216
    expect(gemmFlops({ m: 256, n: 256, k: 256 })).toBe(33_554_432);
    expect(gemmMacs({ m: 2, n: 3, k: 4 })).toBe(24);
  });

  it('multiplies by the batch', () => {
    expect(gemmFlops({ m: 2, n: 3, k: 4, batch: 5 })).toBe(240);
  });

  it('counts the least bytes moved in f32 and f16', () => {
    // 4 bytes x (2*4 + 4*3 + 2*3) = 4 x 26
    expect(gemmBytes({ m: 2, n: 3, k: 4 })).toBe(104);
    expect(gemmBytes({ m: 2, n: 3, k: 4 }, 2)).toBe(52);
    // GEMV is N=1: 4 x (M*K + K + M)
    expect(gemmBytes({ m: 1024, n: 1, k: 1024 })).toBe(4 * (1024 * 1024 + 1024 + 1024));
  });

  it('refuses shapes that are not positive integers, naming the dimension', () => {
    expect(() => checkGemmShape({ m: 2, n: 3, k: 4, batch: 1 })).not.toThrow();
    expect(() => gemmFlops({ m: 0, n: 3, k: 4 })).toThrow(UsageError);
    expect(() => gemmFlops({ m: 2, n: 3.5, k: 4 })).toThrow('n must be an integer >= 1, got 3.5');
    expect(() => gemmMacs({ m: 2, n: 3, k: Number.NaN })).toThrow('k must be');
    expect(() => gemmBytes({ m: 2, n: 3, k: 4, batch: -1 })).toThrow('batch must be');
    expect(() => gemmBytes({ m: 2, n: 3, k: 4 }, 0)).toThrow('bytesPerElement must be');
  });
});
