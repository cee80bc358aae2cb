import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { resolveReferencePeaks } from '../../src/specs/reference.js';

const swiftshader = {
  vendor: 'google',
  architecture: 'swiftshader',
  device: '',
  description: 'SwiftShader Device (Subzero)',
  isFallbackAdapter: true,
};
const hiddenNvidia = { vendor: 'nvidia', architecture: 'ada-lovelace', device: '', description: '' };
const namedNvidia = {
  vendor: 'nvidia',
  architecture: 'ada-lovelace',
  device: '',
  description: 'NVIDIA GeForce RTX 4090',
};
const cpu = { model: 'Test CPU', physicalCores: 2, clockGhz: 2.5, flags: ['avx2', 'fma'] };

describe('resolveReferencePeaks', () => {
  it('estimates the CPU peak for a software adapter and says it is an estimate', () => {
    const { reference } = resolveReferencePeaks(swiftshader, {}, cpu);
    // 2 cores x 2.5 GHz x 8 f32 lanes (AVX2) x 2 FMA units x 2 FLOP = 160 GFLOP/s.
    expect(reference?.fp32Tflops).toBeCloseTo(0.16, 12);
    expect(reference?.origin).toBe('cpu-estimate');
    expect(reference?.estimate).toBe(true);
    expect(reference?.source).toMatch(/2 cores x 2.5 GHz x 8 f32 lanes x 2 FMA units/);
  });

  it('matches a named adapter to its vendor row', () => {
    const { reference } = resolveReferencePeaks(namedNvidia, {}, null);
    expect(reference?.name).toMatch(/RTX 4090/);
    expect(reference?.origin).toBe('vendor-table');
    expect(reference?.fp32Tflops).toBeGreaterThan(80);
    expect(reference?.source).toMatch(/https:\/\//);
  });

  it('explains what to do when the browser hides the name', () => {
    const resolved = resolveReferencePeaks(hiddenNvidia, {}, null);
    expect(resolved.reference).toBeNull();
    expect(resolved.missing).toMatch(/--gpu/);
  });

  it('takes the row named with --gpu', () => {
    const { reference } = resolveReferencePeaks(hiddenNvidia, { gpu: 'rtx 4090' }, null);
    expect(reference?.matchedBy).toBe('--gpu rtx 4090');
    expect(reference?.name).toMatch(/4090/);
  });

  it('refuses an unknown --gpu with the closest names', () => {
    expect(() => resolveReferencePeaks(hiddenNvidia, { gpu: 'rtx 9999' }, null)).toThrow(UsageError);
  });

  it('lays command-line figures over the row, or stands them alone', () => {
    const over = resolveReferencePeaks(namedNvidia, { peakTflops: 50 }, null).reference!;
    expect(over.fp32Tflops).toBe(50);
    expect(over.origin).toBe('command-line');
    expect(over.bandwidthGbPerS).toBeGreaterThan(900); // still the table's
    const alone = resolveReferencePeaks(hiddenNvidia, { peakTflops: 1.5, peakBandwidthGbPerS: 100 }, null).reference!;
    expect(alone).toMatchObject({ fp32Tflops: 1.5, bandwidthGbPerS: 100, origin: 'command-line', estimate: false });
  });
});
