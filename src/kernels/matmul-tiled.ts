import shader from '../../shaders/matmul-tiled.wgsl';
import { gemmDims, gemmProblem, gemmShape } from './gemm-problem.js';
import type { KernelDescriptor, Params } from './types.js';

/** Bytes of the two shared tiles: (TILE_M x TK + TK x TILE_N) f32 values. */
export function tiledStorageBytes(params: Params): number {
  const tileM = params.WG_Y! * params.RM!;
  const tileN = params.WG_X! * params.RN!;
  return 4 * params.TK! * (tileM + tileN);
}

/**
 * Shared-memory tiling: tiles of A and B staged in workgroup memory, RM x RN outputs per
 * invocation. Defaults: the fastest configuration `flopscope tune` found on SwiftShader at 128-256.
 */
export const matmulTiled: KernelDescriptor = {
  ...gemmProblem,
  name: 'matmul-tiled',
  summary: 'C = A x B, tiles of A and B staged in workgroup memory, RM x RN outputs per invocation',
  shader,
  paramSpace: { WG_X: [4, 8, 16, 32], WG_Y: [4, 8, 16, 32], RM: [1, 2, 4], RN: [1, 2, 4], TK: [4, 8, 16, 32, 64] },
  defaultParams: { WG_X: 4, WG_Y: 8, RM: 4, RN: 4, TK: 32 },
  stages(shape, params) {
    const { m, n, batch } = gemmShape(shape);
    const { WG_X: wgX, WG_Y: wgY, RM: rm, RN: rn, TK: tk } = params as Required<Record<'WG_X' | 'WG_Y' | 'RM' | 'RN' | 'TK', number>>;
    return [
      {
        name: 'gemm',
        entryPoint: 'main',
        constants: { WG_X: wgX, WG_Y: wgY, RM: rm, RN: rn, TK: tk },
        bindings: ['a', 'b', 'c'],
        uniforms: gemmDims(shape),
        workgroupSize: [wgX, wgY, 1],
        workgroupStorageBytes: tiledStorageBytes(params),
        workgroups: [Math.ceil(n / (wgX * rn)), Math.ceil(m / (wgY * rm)), batch],
      },
    ];
  },
};
