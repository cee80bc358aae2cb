import { describe, expect, it } from 'vitest';
import { gemmBytes, gemmFlops } from '../../src/flops/gemm.js';
import { arithmeticIntensity, boundBy, ridgePoint, rooflineAttainable } from '../../src/flops/roofline.js';

// A device of 100 TFLOP/s and 2 TB/s: ridge at 50 FLOP/byte.
const peakFlopsPerS = 100e12;
const bandwidthBytesPerS = 2e12;

describe('roofline', () => {
  it('arithmetic intensity is FLOPs per byte', () => {
    // f32 GEMM 1024^3: 2 x 1024^3 / (4 x 3 x 1024^2) = 2048 / 12
    const shape = { m: 1024, n: 1024, k: 1024 };
    expect(arithmeticIntensity(gemmFlops(shape), gemmBytes(shape))).toBeCloseTo(170.666_666_667, 9);
    // f32 GEMV 1024x1024: 2 x 1024^2 / (4 x (1024^2 + 2048)) = 2,097,152 / 4,202,496, just under 0.5
    const gemv = { m: 1024, n: 1, k: 1024 };
    expect(arithmeticIntensity(gemmFlops(gemv), gemmBytes(gemv))).toBeCloseTo(0.499_025_341, 9);
    expect(arithmeticIntensity(0, 10)).toBe(0);
  });

  it('ridge point is peak / bandwidth', () => {
    expect(ridgePoint(peakFlopsPerS, bandwidthBytesPerS)).toBe(50);
    // A100 40GB: 19.5 TFLOP/s f32 over 1555 GB/s = 12.5402 FLOP/byte
    expect(ridgePoint(19.5e12, 1555e9)).toBeCloseTo(12.540_193, 6);
  });

  it('attainable is min(peak, intensity x bandwidth)', () => {
    expect(rooflineAttainable({ intensity: 10, peakFlopsPerS, bandwidthBytesPerS })).toBe(20e12);
    expect(rooflineAttainable({ intensity: 50, peakFlopsPerS, bandwidthBytesPerS })).toBe(100e12);
    expect(rooflineAttainable({ intensity: 1000, peakFlopsPerS, bandwidthBytesPerS })).toBe(100e12);
    expect(rooflineAttainable({ intensity: 0, peakFlopsPerS, bandwidthBytesPerS })).toBe(0);
  });

  it('bound by memory below the ridge point, by compute at or above it', () => {
    expect(boundBy(10, peakFlopsPerS, bandwidthBytesPerS)).toBe('memory');
    expect(boundBy(49.9, peakFlopsPerS, bandwidthBytesPerS)).toBe('memory');
    expect(boundBy(50, peakFlopsPerS, bandwidthBytesPerS)).toBe('compute');
    expect(boundBy(170, peakFlopsPerS, bandwidthBytesPerS)).toBe('compute');
  });

  it('refuses zero bytes and negative rates', () => {
    expect(() => arithmeticIntensity(100, 0)).toThrow('bytes must be a finite number > 0, got 0');
    expect(() => ridgePoint(-1, 1)).toThrow('peakFlopsPerS must be');
    expect(() => rooflineAttainable({ intensity: -1, peakFlopsPerS, bandwidthBytesPerS })).toThrow(
      'intensity must be a finite number >= 0',
    );
    expect(() => boundBy(1, peakFlopsPerS, 0)).toThrow('bandwidthBytesPerS must be');
  });
});
