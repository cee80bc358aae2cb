import shader from '../../shaders/gemv.wgsl';
import { gemvBytes, gemvFlops } from '../flops/bandwidth.js';
import { dotTolerance } from './gemm-problem.js';
import type { KernelDescriptor, Shape } from './types.js';

/** Largest workgroup count in one dimension every WebGPU device supports. */
const MAX_GROUPS_PER_DIMENSION = 65535;

function gemvShape(shape: Shape): { m: number; n: number } {
  const { m, n } = shape;
  if (m === undefined || n === undefined) throw new Error(`not a gemv shape: ${JSON.stringify(shape)}`);
  return { m, n };
}

const isPowerOfTwo = (value: number) => Number.isInteger(value) && value >= 1 && (value & (value - 1)) === 0;

/**
 * y = A x with A row-major [M, N]: a workgroup per ROWS rows, lanes summing strided slices of a
 * row (vec4 when N is a multiple of 4), a tree reduction in workgroup memory. Memory-bound:
 * judged in GB/s (its FLOPs are recorded too).
 */
export const gemv: KernelDescriptor = {
  name: 'gemv',
  summary: 'y = A x (A row-major M x N), a workgroup per block of rows, tree reduction in workgroup memory: memory-bound',
  metric: 'bandwidth',
  shader,
  output: 'y',
  paramSpace: { WG_SIZE: [32, 64, 128, 256], ROWS: [1, 2, 4, 8, 16, 32] },
  // Measured here (SwiftShader, 1024x1024): 64x1 178 MB/s, 64x8 827, 128x8 282, 256x8 114: barriers cost
  // SwiftShader more than the lanes gain, so few lanes per row (8) with a short tree.
  defaultParams: { WG_SIZE: 64, ROWS: 8 },
  shapeFromSize: (size) => ({ m: size, n: size }),
  formatShape(shape) {
    const { m, n } = gemvShape(shape);
    return `${m}x${n}`;
  },
  checkConfig(_shape, params) {
    const wgSize = params.WG_SIZE!;
    const rows = params.ROWS!;
    if (!isPowerOfTwo(wgSize) || !isPowerOfTwo(rows) || rows > wgSize) return `WG_SIZE (${wgSize}) and ROWS (${rows}) must be powers of 2 with ROWS <= WG_SIZE`;
    return null;
  },
  buffers(shape) {
    const { m, n } = gemvShape(shape);
    return [
      { name: 'a', role: 'input', type: 'f32', length: m * n },
      { name: 'x', role: 'input', type: 'f32', length: n },
      { name: 'y', role: 'output', type: 'f32', length: m },
    ];
  },
  stages(shape, params) {
    const { m, n } = gemvShape(shape);
    const wgSize = params.WG_SIZE!;
    const rows = params.ROWS!;
    const blocks = Math.ceil(m / rows);
    const groupsX = Math.min(blocks, MAX_GROUPS_PER_DIMENSION);
    return [
      {
        name: 'gemv',
        entryPoint: 'main',
        constants: { WG_SIZE: wgSize, ROWS: rows },
        // Scalar views of A and x, then vec4 views of the same buffers (read-only), then y's uniform.
        bindings: ['a', 'x', 'y', 'a', 'x'],
        uniforms: [{ u32: m }, { u32: n }, { u32: groupsX }],
        workgroupSize: [wgSize, 1, 1],
        workgroupStorageBytes: wgSize * 4,
        workgroups: [groupsX, Math.ceil(blocks / groupsX), 1],
      },
    ];
  },
  flops: (shape) => {
    const { m, n } = gemvShape(shape);
    return gemvFlops(m, n);
  },
  bytes: (shape) => {
    const { m, n } = gemvShape(shape);
    return gemvBytes(m, n);
  },
  reference(inputs, shape, _params, index) {
    const { n } = gemvShape(shape);
    const a = inputs.a!;
    const x = inputs.x!;
    let value = 0;
    let sumAbs = 0;
    for (let j = 0; j < n; j++) {
      const product = a[index * n + j]! * x[j]!;
      value += product;
      sumAbs += Math.abs(product);
    }
    return { value, tolerance: dotTolerance(n, sumAbs, value) };
  },
};
