import { describe, expect, it } from 'vitest';
import { gemmFlops } from '../../src/flops/gemm.js';
import { achievedFlopsPerS, mfu } from '../../src/flops/mfu.js';

describe('achievedFlopsPerS', () => {
  it('is useful FLOPs over measured seconds', () => {
    // 256^3 GEMM = 33,554,432 FLOPs in 1 ms = 33.554432 GFLOP/s
    expect(achievedFlopsPerS(gemmFlops({ m: 256, n: 256, k: 256 }), 1e-3)).toBeCloseTo(33_554_432_000, 3);
    expect(achievedFlopsPerS(6e12, 2)).toBe(3e12);
  });

  it('refuses a zero time', () => {
    expect(() => achievedFlopsPerS(1e9, 0)).toThrow('seconds must be a finite number > 0, got 0');
  });
});

describe('mfu', () => {
  it('is achieved / peak as a fraction', () => {
    // 156 of 312 TFLOP/s (A100 bf16 dense)
    expect(mfu(156e12, 312e12)).toBe(0.5);
    expect(mfu(0, 312e12)).toBe(0);
  });

  it('is null when the peak is unknown', () => {
    expect(mfu(1e12, null)).toBeNull();
    expect(mfu(1e12, undefined)).toBeNull();
    expect(mfu(1e12, 0)).toBeNull();
  });

  it('is not clamped: above 1 flags a wrong peak or FLOP count', () => {
    expect(mfu(30e12, 20e12)).toBe(1.5);
  });

  it('refuses negative or non-finite rates', () => {
    expect(() => mfu(1e12, -5)).toThrow('peakFlopsPerS must be a finite number > 0, got -5');
    expect(() => mfu(-1, 1e12)).toThrow('achievedFlopsPerS must be');
    expect(() => mfu(1e12, Number.NaN)).toThrow('peakFlopsPerS must be');
  });
});
