import { describe, expect, it } from 'vitest';
import { cpuPeakFlopsPerS, vendorPeakFlopsPerS } from '../../src/flops/peak.js';

describe('vendorPeakFlopsPerS', () => {
  it('is units x clock x FLOPs per unit per cycle', () => {
    // A100 FP32: 6912 CUDA cores x 1.41 GHz boost x 2 (one FMA) = 19.49 TFLOP/s (sheet: 19.5)
    expect(vendorPeakFlopsPerS({ units: 6912, clockHz: 1.41e9, flopsPerUnitPerCycle: 2 })).toBeCloseTo(
      19_491_840_000_000,
      0,
    );
    // H100 SXM FP32: 16896 cores x 1.98 GHz x 2 = 66.9 TFLOP/s (sheet: 67)
    expect(vendorPeakFlopsPerS({ units: 16_896, clockHz: 1.98e9, flopsPerUnitPerCycle: 2 })).toBeCloseTo(
      66_908_160_000_000,
      0,
    );
  });

  it('refuses fractional units and a zero clock', () => {
    expect(() => vendorPeakFlopsPerS({ units: 1.5, clockHz: 1e9, flopsPerUnitPerCycle: 2 })).toThrow(
      'units must be an integer >= 1, got 1.5',
    );
    expect(() => vendorPeakFlopsPerS({ units: 1, clockHz: 0, flopsPerUnitPerCycle: 2 })).toThrow('clockHz must be');
  });
});

describe('cpuPeakFlopsPerS', () => {
  it('is cores x clock x f32 lanes x FMA units x 2', () => {
    // 8 cores x 3 GHz x 8 lanes (AVX2, 256-bit) x 2 FMA units x 2 = 768 GFLOP/s
    expect(cpuPeakFlopsPerS({ physicalCores: 8, clockHz: 3e9, simdLanesF32: 8, fmaUnits: 2 })).toBe(768e9);
    // 2 cores x 2 GHz x 4 lanes (SSE/NEON, 128-bit) x 1 FMA unit x 2 = 32 GFLOP/s
    expect(cpuPeakFlopsPerS({ physicalCores: 2, clockHz: 2e9, simdLanesF32: 4, fmaUnits: 1 })).toBe(32e9);
  });

  it('refuses zero cores', () => {
    expect(() => cpuPeakFlopsPerS({ physicalCores: 0, clockHz: 3e9, simdLanesF32: 8, fmaUnits: 2 })).toThrow(
      'physicalCores must be an integer >= 1, got 0',
    );
  });
});
