import { describe, expect, it } from 'vitest';
import { GPU_SPECS } from '../../src/specs/gpus.js';
import type { GpuSpec } from '../../src/specs/schema.js';

function spec(id: string): GpuSpec {
  const found = GPU_SPECS.find((row) => row.id === id);
  if (found === undefined) throw new Error(`no row ${id}`);
  return found;
}

/**
 * Rows whose vendor FP32 figure is not cores x clock x 2, and the factor it is instead.
 * Both count two FP32 FMAs per lane per clock, as their vendors' sheets do.
 */
const NOT_CORES_X_CLOCK_X_2: Record<string, { factor: number; why: string }> = {
  'amd-instinct-mi300x': { factor: 2, why: 'AMD counts packed FP32 (256 FLOPs/clock/CU)' },
  'amd-radeon-rx-7900-xtx': { factor: 2, why: 'AMD counts RDNA 3 dual issue' },
};

/**
 * Architecture names Dawn's src/dawn/gpu_info.json produces (lower case, '-' between words
 * except after a digit) and the Metal backend's family names.
 */
const DAWN_ARCHITECTURES = new Set([
  'pascal',
  'turing',
  'ampere',
  'lovelace',
  'blackwell',
  'gcn-5',
  'rdna-1',
  'rdna-2',
  'rdna-3',
  'rdna-4',
  'cdna-1',
  'gen-9',
  'gen-11',
  'gen-12lp',
  'gen-12hp',
  'xe-lpg',
  'xe-2lpg',
  'xe-2hpg',
  'common-3',
  'metal-3',
]);

describe('GPU_SPECS', () => {
  it('has the rows people benchmark', () => {
    expect(GPU_SPECS.length).toBeGreaterThanOrEqual(34);
    const required = [
      'nvidia-v100-sxm2',
      'nvidia-v100-pcie',
      'nvidia-a100-sxm-40gb',
      'nvidia-a100-sxm-80gb',
      'nvidia-h100-sxm',
      'nvidia-h100-pcie',
      'nvidia-h200-sxm',
      'nvidia-l4',
      'nvidia-l40s',
      'nvidia-t4',
      'nvidia-rtx-3060',
      'nvidia-rtx-3080',
      'nvidia-rtx-3090',
      'nvidia-rtx-4070',
      'nvidia-rtx-4080',
      'nvidia-rtx-4090',
      'nvidia-rtx-5090',
      'amd-instinct-mi250x',
      'amd-instinct-mi300x',
      'amd-radeon-rx-6800-xt',
      'amd-radeon-rx-7900-xtx',
      'apple-m1',
      'apple-m1-pro',
      'apple-m1-max',
      'apple-m2',
      'apple-m2-max',
      'apple-m3',
      'apple-m3-max',
      'apple-m4',
      'apple-m4-max',
      'intel-arc-a770',
      'intel-iris-xe-96eu',
    ];
    for (const id of required) expect(GPU_SPECS.map((row) => row.id)).toContain(id);
  });

  it('has unique ids', () => {
    expect(new Set(GPU_SPECS.map((row) => row.id)).size).toBe(GPU_SPECS.length);
  });

  it.each(GPU_SPECS.map((row) => [row.id, row] as const))('%s has sane figures', (_id, row) => {
    expect(row.fp32Tflops).toBeGreaterThanOrEqual(0.5);
    expect(row.fp32Tflops).toBeLessThanOrEqual(200);
    expect(row.memoryBandwidthGbPerS).toBeGreaterThanOrEqual(50);
    expect(row.memoryBandwidthGbPerS).toBeLessThanOrEqual(10_000);
    if (row.tensorFp16Tflops !== null) expect(row.tensorFp16Tflops).toBeGreaterThanOrEqual(row.fp32Tflops);
    // Vector FP16 runs at 1x or 2x the FP32 rate on every chip here (4x on A100).
    if (row.fp16Tflops !== null) expect([1, 2, 4]).toContain(Math.round(row.fp16Tflops / row.fp32Tflops));
    expect(row.source.url).toMatch(/^https:\/\//);
    expect(row.id.startsWith(`${row.vendor}-`)).toBe(true);
    if (row.architecture !== null) expect(DAWN_ARCHITECTURES).toContain(row.architecture);
  });

  it.each(
    GPU_SPECS.filter((row) => row.shaderCores !== null && row.boostClockMhz !== null).map(
      (row) => [row.id, row] as const,
    ),
  )('%s: fp32 is cores x clock x 2 (within 10%), or an explained multiple of it', (id, row) => {
    const computedTflops = ((row.shaderCores ?? 0) * (row.boostClockMhz ?? 0) * 2) / 1e6;
    const factor = NOT_CORES_X_CLOCK_X_2[id]?.factor ?? 1;
    expect(row.fp32Tflops / (computedTflops * factor)).toBeGreaterThan(0.9);
    expect(row.fp32Tflops / (computedTflops * factor)).toBeLessThan(1.1);
  });

  it('explains every exception to cores x clock x 2 in the row notes', () => {
    for (const id of Object.keys(NOT_CORES_X_CLOCK_X_2)) expect(spec(id).notes).toMatch(/packed|dual issue/);
  });

  it('knows the H100 SXM datasheet figures, dense', () => {
    const h100 = spec('nvidia-h100-sxm');
    expect(h100.fp32Tflops).toBe(67);
    // 1,979 on the datasheet is with 2:4 sparsity; dense is half (Hopper whitepaper: 989.4)
    expect(h100.tensorFp16Tflops).toBe(989.4);
    expect(h100.memoryBandwidthGbPerS).toBe(3350);
  });

  it('knows the A100 figures: 312 dense tensor, not the 624 sparsity figure', () => {
    for (const id of ['nvidia-a100-sxm-40gb', 'nvidia-a100-sxm-80gb']) {
      expect(spec(id).fp32Tflops).toBe(19.5);
      expect(spec(id).tensorFp16Tflops).toBe(312);
    }
    expect(spec('nvidia-a100-sxm-40gb').memoryBandwidthGbPerS).toBe(1555);
    expect(spec('nvidia-a100-sxm-80gb').memoryBandwidthGbPerS).toBe(2039);
  });

  it('uses FP32-accumulate tensor figures for GeForce cards (half the FP16-accumulate rate)', () => {
    // Ada whitepaper, RTX 4090: 165.2 with FP32 accumulate, 330.3 with FP16 accumulate (dense)
    expect(spec('nvidia-rtx-4090').tensorFp16Tflops).toBe(165.2);
    // GA102 whitepaper, RTX 3090: 71 / 142
    expect(spec('nvidia-rtx-3090').tensorFp16Tflops).toBe(71);
  });

  it('computes Apple GPU peaks as cores x 128 ALUs x clock x 2', () => {
    // M1: 8 cores x 128 ALUs x 1.278 GHz x 2 = 2.617 TFLOPS (Apple rounds to 2.6)
    expect(spec('apple-m1').fp32Tflops).toBeCloseTo((8 * 128 * 1.278 * 2) / 1000, 3);
    // M2 Max: 38 cores x 128 x 1.398 GHz x 2 = 13.6 TFLOPS, as Apple quotes
    expect(spec('apple-m2-max').fp32Tflops).toBeCloseTo(13.6, 2);
    for (const row of GPU_SPECS.filter((r) => r.vendor === 'apple')) {
      expect(row.architecture).toBe('metal-3');
      expect(row.notes).toMatch(/computed/);
    }
  });

  it('records what Dawn reports, not the marketing architecture', () => {
    expect(spec('nvidia-v100-sxm2').architecture).toBe('pascal'); // gpu_info.json maps 0x1Dxx to Pascal
    expect(spec('amd-instinct-mi250x').architecture).toBe('rdna-2'); // and 0x740x to RDNA 2
    expect(spec('nvidia-h100-sxm').architecture).toBeNull(); // no Hopper ids at all
    expect(spec('intel-iris-xe-96eu').architecture).toBe('gen-12lp'); // 'Gen 12 LP', no dash after a digit
  });

  it('flags the MI250X as two devices per package', () => {
    expect(spec('amd-instinct-mi250x').devicesPerPackage).toBe(2);
    expect(GPU_SPECS.filter((row) => row.devicesPerPackage !== undefined).map((row) => row.id)).toEqual([
      'amd-instinct-mi250x',
    ]);
  });
});
