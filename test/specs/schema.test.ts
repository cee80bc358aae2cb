import { describe, expect, it } from 'vitest';
import { type GpuSpecInput, parseGpuSpecs } from '../../src/specs/schema.js';

/** A valid row (A100 SXM4 40GB figures) that each test breaks in one way. */
const row: GpuSpecInput = {
  id: 'nvidia-test-a100',
  name: 'Test A100',
  vendor: 'nvidia',
  architecture: 'ampere',
  aliases: ['TA100'],
  kind: 'datacenter',
  shaderCores: 6912,
  boostClockMhz: 1410,
  fp32Tflops: 19.5,
  fp16Tflops: 78,
  tensorFp16Tflops: 312,
  memoryBandwidthGbPerS: 1555,
  memoryGb: 40,
  tdpWatts: 400,
  source: { url: 'https://example.com/a100.pdf', title: 'datasheet' },
};

describe('parseGpuSpecs', () => {
  it('accepts a valid row and keeps its values', () => {
    const [parsed] = parseGpuSpecs([row]);
    expect(parsed?.tensorFp16Tflops).toBe(312);
    expect(parsed?.architecture).toBe('ampere');
  });

  it('rejects a tensor figure below the vector FP16 one (a swapped or halved-twice figure)', () => {
    expect(() => parseGpuSpecs([{ ...row, tensorFp16Tflops: 39 }])).toThrow(
      /tensor FP16 peak below the vector FP16 peak/,
    );
  });

  it('rejects an FP16 vector peak below FP32', () => {
    expect(() => parseGpuSpecs([{ ...row, fp16Tflops: 9.75 }])).toThrow(/FP16 vector peak below FP32/);
  });

  it('rejects non-positive numbers, non-kebab ids, upper-case vendors and non-https sources', () => {
    expect(() => parseGpuSpecs([{ ...row, fp32Tflops: 0 }])).toThrow(/fp32Tflops/);
    expect(() => parseGpuSpecs([{ ...row, memoryBandwidthGbPerS: -1 }])).toThrow(/memoryBandwidthGbPerS/);
    expect(() => parseGpuSpecs([{ ...row, id: 'NVIDIA_A100' }])).toThrow(/kebab/);
    expect(() => parseGpuSpecs([{ ...row, vendor: 'NVIDIA' }])).toThrow(/vendor/);
    expect(() => parseGpuSpecs([{ ...row, source: { url: 'http://example.com', title: 't' } }])).toThrow(/url/);
  });

  it('rejects unknown fields, so a typo cannot hide a figure', () => {
    expect(() => parseGpuSpecs([{ ...row, fp32TFlops: 19.5 }])).toThrow(/fp32TFlops/);
  });

  it('requires the id to start with the vendor', () => {
    expect(() => parseGpuSpecs([{ ...row, id: 'test-a100' }])).toThrow(/must start with the vendor/);
  });

  it('rejects duplicate ids and a name that selects two rows', () => {
    expect(() => parseGpuSpecs([row, row])).toThrow(/duplicate id nvidia-test-a100/);
    const other = { ...row, id: 'nvidia-other', name: 'Other', aliases: ['ta100'] };
    expect(() => parseGpuSpecs([row, other])).toThrow(/names both nvidia-test-a100 and nvidia-other/);
  });

  it('accepts nulls where a vendor publishes nothing', () => {
    const apple = {
      ...row,
      fp16Tflops: null,
      tensorFp16Tflops: null,
      memoryGb: null,
      tdpWatts: null,
      architecture: null,
    };
    expect(parseGpuSpecs([apple])[0]?.fp16Tflops).toBeNull();
  });
});
