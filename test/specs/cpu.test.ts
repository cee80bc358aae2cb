import { describe, expect, it } from 'vitest';
import { estimateCpuPeak, fmaUnitsFromFlags, simdLanesFromFlags } from '../../src/specs/cpu.js';

describe('estimateCpuPeak', () => {
  it('is cores x GHz x lanes x FMA units x 2', () => {
    // 2 cores x 3.0 GHz x 8 lanes (AVX2) x 2 FMA units x 2 FLOPs per FMA = 192 GFLOP/s
    const peak = estimateCpuPeak({ physicalCores: 2, clockGhz: 3, simdF32Lanes: 8, fmaUnitsPerCore: 2 });
    expect(peak.fp32Gflops).toBe(192);
    expect(peak.estimate).toBe(true);
    expect(peak.formula).toBe('2 cores x 3 GHz x 8 f32 lanes x 2 FMA units x 2 FLOP/FMA = 192 GFLOP/s');
  });

  it('handles fractional clocks and large machines', () => {
    // 64 cores x 2.45 GHz x 16 lanes (AVX-512) x 2 x 2 = 10,035.2 GFLOP/s
    const peak = estimateCpuPeak({ physicalCores: 64, clockGhz: 2.45, simdF32Lanes: 16, fmaUnitsPerCore: 2 });
    expect(peak.fp32Gflops).toBeCloseTo(10_035.2, 6);
    expect(peak.formula).toMatch(/= 10000 GFLOP\/s$/); // shown to 3 significant figures
  });

  it('rejects zero, negative and non-finite inputs', () => {
    expect(() => estimateCpuPeak({ physicalCores: 0, clockGhz: 3, simdF32Lanes: 8, fmaUnitsPerCore: 2 })).toThrow(
      RangeError,
    );
    expect(() =>
      estimateCpuPeak({ physicalCores: 2, clockGhz: Number.NaN, simdF32Lanes: 8, fmaUnitsPerCore: 2 }),
    ).toThrow(/clockGhz/);
  });
});

describe('simdLanesFromFlags and fmaUnitsFromFlags', () => {
  it.each([
    ['AVX-512 (Skylake-SP, Zen 4/5)', ['sse2', 'avx', 'avx2', 'fma', 'avx512f'], 16, 2],
    ['AVX2 + FMA (Haswell, Zen 2)', ['sse', 'sse2', 'avx', 'avx2', 'fma'], 8, 2],
    ['AVX without FMA (Sandy Bridge): 1 mul + 1 add port', ['sse2', 'avx'], 8, 1],
    ['SSE2 only', ['sse', 'sse2'], 4, 1],
    ['Arm Neoverse N1', ['fp', 'asimd', 'evtstrm', 'aes', 'crc32'], 4, 2],
    ['32-bit Arm', ['half', 'thumb', 'neon', 'vfpv4'], 4, 2],
    ['nothing known', ['fpu', 'vme'], 1, 1],
  ])('%s', (_cpu, flags, lanes, units) => {
    expect(simdLanesFromFlags(flags)).toBe(lanes);
    expect(fmaUnitsFromFlags(flags)).toBe(units);
  });

  it('reads flags case-insensitively', () => {
    expect(simdLanesFromFlags(['AVX512F'])).toBe(16);
  });
});
