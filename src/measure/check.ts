/** Comparing a kernel's output with its CPU reference, element by element. */
import type { KernelDescriptor, Params, Shape } from '../kernels/types.js';
import type { Correctness } from '../protocol/messages.js';
import { fromF16 } from '../protocol/f16.js';
import { sampleIndices } from '../protocol/seeded-inputs.js';

/** Copies a storage buffer back to the CPU as numbers (f16 buffers are decoded). */
export async function readBack(device: GPUDevice, buffer: GPUBuffer, type: 'f32' | 'f16' = 'f32'): Promise<Float32Array> {
  const staging = device.createBuffer({ size: buffer.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  try {
    const encoder = device.createCommandEncoder();
    encoder.copyBufferToBuffer(buffer, 0, staging, 0, buffer.size);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const data = staging.getMappedRange().slice(0);
    return type === 'f16' ? fromF16(new Uint16Array(data)) : new Float32Array(data);
  } finally {
    staging.destroy();
  }
}

/**
 * Checks `output` against the reference: every element when there are at most `maxChecked`,
 * otherwise a seeded sample of that many (always including the first and last element).
 */
export function checkOutput(
  kernel: KernelDescriptor,
  shape: Shape,
  params: Params,
  inputs: Readonly<Record<string, Float32Array>>,
  output: Float32Array,
  total: number,
  maxChecked: number,
  seed: number,
): Correctness {
  const indices = sampleIndices(total, maxChecked, seed);
  let mismatches = 0;
  let maxAbsError = 0;
  let maxErrorRatio = 0;
  let worst: Correctness['worst'] = null;
  for (const index of indices) {
    const expected = kernel.reference(inputs, shape, params, index);
    const actual = output[index]!;
    const error = Math.abs(actual - expected.value);
    // A NaN or infinite output is as wrong as an output can be.
    // An exact reference (tolerance 0, e.g. a copy) gives 0 when matched and Infinity otherwise.
    const ratio = !Number.isFinite(error) ? Infinity : expected.tolerance > 0 ? error / expected.tolerance : error === 0 ? 0 : Infinity;
    if (!(error <= expected.tolerance)) mismatches++;
    if (Number.isFinite(error)) maxAbsError = Math.max(maxAbsError, error);
    if (worst === null || ratio > maxErrorRatio) {
      maxErrorRatio = ratio;
      worst = { index, expected: expected.value, actual: Number.isFinite(actual) ? actual : null, tolerance: expected.tolerance };
    }
  }
  return {
    passed: mismatches === 0,
    mode: indices.length === total ? 'full' : 'sampled',
    checked: indices.length,
    total,
    mismatches,
    maxAbsError: indices.length > 0 ? maxAbsError : null,
    maxErrorRatio: Number.isFinite(maxErrorRatio) ? maxErrorRatio : null,
    worst,
  };
}
