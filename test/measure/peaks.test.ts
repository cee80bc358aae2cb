import { describe, expect, it } from 'vitest';
import { COPY_SIZE, copySize, peakPlans } from '../../src/measure/peaks.js';
import { getKernel } from '../../src/kernels/index.js';

const copy = getKernel('copy');
const MiB = 2 ** 20;

describe('the bandwidth peak', () => {
  it('copies COPY_SIZE (256) MiB per buffer when the device allows it', () => {
    expect(COPY_SIZE).toBe(256);
    const plans = peakPlans(
      [],
      { maxStorageBufferBindingSize: 2048 * MiB, maxBufferSize: 4096 * MiB },
      { bandwidth: true },
    );
    const bandwidth = plans.find((plan) => plan.kind === 'bandwidth');
    expect(bandwidth?.kernel.name).toBe('copy');
    expect(bandwidth?.shape).toEqual({ elements: 256 * 2 ** 18 });
  });

  it('clamps to the largest size whose buffers fit the binding and buffer limits', () => {
    // WebGPU's default maxStorageBufferBindingSize is 128 MiB: 128 MiB per buffer fits exactly.
    expect(copySize(copy, { maxStorageBufferBindingSize: 128 * MiB, maxBufferSize: 256 * MiB })).toBe(128);
    // One byte short of 100 MiB: 99 MiB.
    expect(copySize(copy, { maxStorageBufferBindingSize: 1024 * MiB, maxBufferSize: 100 * MiB - 1 })).toBe(99);
    const plans = peakPlans([], { maxStorageBufferBindingSize: 128 * MiB }, { bandwidth: true });
    expect(plans.find((plan) => plan.kind === 'bandwidth')?.shape).toEqual({ elements: 128 * 2 ** 18 });
  });

  it('plans no bandwidth peak when not even 1 MiB fits, or when not asked', () => {
    expect(copySize(copy, { maxStorageBufferBindingSize: MiB - 4 })).toBe(0);
    expect(
      peakPlans([], { maxStorageBufferBindingSize: MiB - 4 }, { bandwidth: true }).map((plan) => plan.kind),
    ).toEqual(['compute']);
    expect(peakPlans(['shader-f16'], {}, { bandwidth: false }).map((plan) => plan.kind)).toEqual([
      'compute',
      'computeF16',
    ]);
  });
});
