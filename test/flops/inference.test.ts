import { describe, expect, it } from 'vitest';
import { decodeTokensPerSecond } from '../../src/flops/inference.js';

describe('decodeTokensPerSecond', () => {
  it('7B params in fp16 (14 GB) on 3.35 TB/s: 3.35e12 / 14e9 = 239.3 tokens/s', () => {
    expect(decodeTokensPerSecond({ params: 7e9, bytesPerParam: 2, bandwidthBytesPerS: 3.35e12 })).toBeCloseTo(
      239.285_714_285_7,
      9,
    );
  });

  it('halving the bytes per weight doubles the bound: 7B in int8 on 1 TB/s = 142.857 tokens/s', () => {
    // 1e12 / 7e9
    expect(decodeTokensPerSecond({ params: 7e9, bytesPerParam: 1, bandwidthBytesPerS: 1e12 })).toBeCloseTo(
      142.857_142_857,
      8,
    );
  });

  it('refuses a zero bandwidth', () => {
    expect(() => decodeTokensPerSecond({ params: 7e9, bytesPerParam: 2, bandwidthBytesPerS: 0 })).toThrow(
      'bandwidthBytesPerS must be a finite number > 0, got 0',
    );
  });
});
