import shader from '../../shaders/matmul-tiled.wgsl';
import { defineKernel } from '../api/define-kernel.js';
import { gemm, gemmShape } from '../api/problems/gemm.js';
import type { Params, StageSpec, UniformValue } from '../api/types.js';

/** Bytes of the two shared tiles: (TILE_M x TK + TK x TILE_N) f32 values. */
export function tiledStorageBytes(params: Params): number {
  const tileM = params.WG_Y! * params.RM!;
  const tileN = params.WG_X! * params.RN!;
  return 4 * params.TK! * (tileM + tileN);
}

/** Parameters of a GEMM tiled in workgroup memory (matmul-tiled, conv-implicit-gemm). */
export const TILED_PARAM_SPACE = {
  WG_X: [4, 8, 16, 32],
  WG_Y: [4, 8, 16, 32],
  RM: [1, 2, 4],
  RN: [1, 2, 4],
  TK: [4, 8, 16, 32, 64],
};
/** The fastest configuration `flopscope tune` found for matmul-tiled on SwiftShader at 128-256. */
export const TILED_DEFAULT_PARAMS = { WG_X: 4, WG_Y: 8, RM: 4, RN: 4, TK: 32 };

/**
 * The one stage of a GEMM tiled in workgroup memory: an m x n output (per batch along z), each
 * workgroup a (WG_Y x RM) x (WG_X x RN) tile of it.
 */
export function tiledGemmStage(
  params: Params,
  gemmSize: { m: number; n: number; batch: number; bindings: string[]; uniforms: readonly UniformValue[] },
): StageSpec {
  const {
    WG_X: wgX,
    WG_Y: wgY,
    RM: rm,
    RN: rn,
    TK: tk,
  } = params as Required<Record<'WG_X' | 'WG_Y' | 'RM' | 'RN' | 'TK', number>>;
  return {
    name: 'gemm',
    entryPoint: 'main',
    constants: { WG_X: wgX, WG_Y: wgY, RM: rm, RN: rn, TK: tk },
    bindings: gemmSize.bindings,
    uniforms: gemmSize.uniforms,
    workgroupSize: [wgX, wgY, 1],
    workgroupStorageBytes: tiledStorageBytes(params),
    workgroups: [Math.ceil(gemmSize.n / (wgX * rn)), Math.ceil(gemmSize.m / (wgY * rm)), gemmSize.batch],
  };
}

const problem = gemm();

/** Shared-memory tiling: tiles of A and B staged in workgroup memory, RM x RN outputs per invocation. */
export default defineKernel({
  name: 'matmul-tiled',
  summary: 'C = A x B, tiles of A and B staged in workgroup memory, RM x RN outputs per invocation',
  shader: { code: shader, file: 'shaders/matmul-tiled.wgsl' },
  problem,
  rank: 1,
  params: TILED_PARAM_SPACE,
  defaults: TILED_DEFAULT_PARAMS,
  // An NVIDIA H100 under Dawn/Vulkan, --budget 40 at 2048: 14.8 TFLOP/s (README).
  tuned: { gpu: { 0: { WG_X: 16, WG_Y: 32, RM: 4, RN: 2, TK: 16 } } },
  stages(shape, params) {
    const { m, n, batch } = gemmShape(shape);
    return [tiledGemmStage(params, { m, n, batch, bindings: ['a', 'b', 'c'], uniforms: problem.uniforms!(shape) })];
  },
});
