// A fragment put behind the quad-swap core (not a shader of its own), so taken as text: see tiling/quadswap.ts.
import body from '../../shaders/quadswap/matmul.wgsl?raw';
import { defineKernel } from '../api/define-kernel.js';
import { gemm, gemmDims, gemmShape, VEC4_GEMM_BINDINGS, vec4EntryPoint } from '../api/problems/gemm.js';
import { checkQuadswapConfig, onQuadswapCore, QUADSWAP_PARAM_SPACE, quadswapStage } from './tiling/quadswap.js';

/**
 * Register blocking in quads with B shared by quad swaps (needs 'subgroups'): lane l of a quad
 * loads rows of B that quadSwapX/Y/Diagonal pass round the quad, and reads its own rows of A at
 * lane-permuted offsets of K, so nothing is broadcast. Assumes, as matmul-subgroup does, that a
 * quad is 4 consecutive local invocation indices; the correctness check would catch an
 * implementation where it is not. No `rank`: not yet measured side by side with matmul-subgroup
 * on main, so quick and the workloads keep matmul-subgroup.
 */
export default defineKernel({
  name: 'matmul-quadswap',
  summary:
    'C = A x B, register blocking with B passed round each quad by quad swaps and A read at lane-permuted K (needs subgroups)',
  shader: onQuadswapCore(body, 'shaders/quadswap/matmul.wgsl'),
  problem: gemm(),
  requiredFeatures: ['subgroups'],
  params: QUADSWAP_PARAM_SPACE,
  defaults: { WG_SIZE: 32, QUADS_N: 1, TM: 8, TN: 32, KSTEP: 8, KGROUPS: 1 },
  checkConfig: (_shape, params) => checkQuadswapConfig(params),
  stages(shape, params) {
    const { m, n, batch } = gemmShape(shape);
    return [
      quadswapStage(params, {
        m,
        n,
        batch,
        entryPoint: vec4EntryPoint(shape),
        bindings: VEC4_GEMM_BINDINGS,
        uniforms: gemmDims(shape),
      }),
    ];
  },
});
