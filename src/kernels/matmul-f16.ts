import shader from '../../shaders/matmul-f16.wgsl';
import { gemmBytes } from '../flops/gemm.js';
import { f16ChunkedDotTolerance, gemmDot, gemmShape } from './gemm-problem.js';
import { matmulBlocked } from './matmul-blocked.js';
import type { BufferSpec, KernelDescriptor } from './types.js';

/** Products the shader sums in f16 before adding them to its f32 accumulator (one vec4 of K). */
const F16_CHUNK = 4;

/**
 * matmul-blocked in f16 (needs shader-f16): f16 inputs and output, f16 FMAs over each step of 4
 * along K, f32 accumulation across steps. Inputs are the seeded values rounded to f16, and the
 * reference multiplies those same values.
 */
export const matmulF16: KernelDescriptor = {
  ...matmulBlocked,
  name: 'matmul-f16',
  summary: 'C = A x B in f16 (f16 FMAs, f32 accumulation per 4 of K), register blocking like matmul-blocked (needs shader-f16)',
  shader,
  requiredFeatures: ['shader-f16'],
  buffers(shape): BufferSpec[] {
    const { m, n, k, batch } = gemmShape(shape);
    return [
      { name: 'a', role: 'input', type: 'f16', length: batch * m * k },
      { name: 'b', role: 'input', type: 'f16', length: batch * k * n },
      { name: 'c', role: 'output', type: 'f16', length: batch * m * n },
    ];
  },
  bytes: (shape) => gemmBytes(gemmShape(shape), 2),
  reference(inputs, shape, _params, index) {
    const { value, sumAbs } = gemmDot(inputs, shape, index);
    return { value, tolerance: f16ChunkedDotTolerance(gemmShape(shape).k, sumAbs, value, F16_CHUNK) };
  },
};
