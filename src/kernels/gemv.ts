import shader from '../../shaders/gemv.wgsl';
import { defineKernel } from '../api/define-kernel.js';
import { gemv as gemvProblem, gemvShape } from '../api/problems/gemv.js';
import type { Shape, Params } from '../api/types.js';

/** Largest workgroup count in one dimension every WebGPU device supports. */
const MAX_GROUPS_PER_DIMENSION = 65535;

const isPowerOfTwo = (value: number) => Number.isInteger(value) && value >= 1 && (value & (value - 1)) === 0;

/** Workgroups along x: one per ROWS rows, folded into y past the limit of one dimension. */
function groupsX(shape: Shape, params: Params): { x: number; blocks: number } {
  const blocks = Math.ceil(gemvShape(shape).m / params.ROWS!);
  return { x: Math.min(blocks, MAX_GROUPS_PER_DIMENSION), blocks };
}

/**
 * y = A x with A row-major [M, N]: a workgroup per ROWS rows, lanes summing strided slices of a
 * row (vec4 when N is a multiple of 4), a tree reduction in workgroup memory. Memory-bound:
 * judged in GB/s (its FLOPs are recorded too).
 */
export default defineKernel({
  name: 'gemv',
  summary:
    'y = A x (A row-major M x N), a workgroup per block of rows, tree reduction in workgroup memory: memory-bound',
  shader: { code: shader, file: 'shaders/gemv.wgsl' },
  problem: gemvProblem(),
  params: { WG_SIZE: [32, 64, 128, 256], ROWS: [1, 2, 4, 8, 16, 32] },
  // Measured here (SwiftShader, 1024x1024): 64x1 178 MB/s, 64x8 827, 128x8 282, 256x8 114: barriers cost
  // SwiftShader more than the lanes gain, so few lanes per row (8) with a short tree.
  defaults: { WG_SIZE: 64, ROWS: 8 },
  checkConfig(_shape, params) {
    const wgSize = params.WG_SIZE!;
    const rows = params.ROWS!;
    if (!isPowerOfTwo(wgSize) || !isPowerOfTwo(rows) || rows > wgSize)
      return `WG_SIZE (${wgSize}) and ROWS (${rows}) must be powers of 2 with ROWS <= WG_SIZE`;
    return null;
  },
  // Scalar views of A and x, then vec4 views of the same buffers (read-only), then y's uniform.
  bindings: ['a', 'x', 'y', 'a', 'x'],
  uniforms(shape, params) {
    const { m, n } = gemvShape(shape);
    return [{ u32: m }, { u32: n }, { u32: groupsX(shape, params).x }];
  },
  workgroupSize: (p) => [p.WG_SIZE!, 1, 1],
  workgroupStorageBytes: (p) => p.WG_SIZE! * 4,
  workgroups(shape, params) {
    const { x, blocks } = groupsX(shape, params);
    return [x, Math.ceil(blocks / x), 1];
  },
});
