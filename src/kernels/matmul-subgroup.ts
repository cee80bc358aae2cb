import shader from '../../shaders/matmul-subgroup.wgsl';
import { defineKernel } from '../api/define-kernel.js';
import { gemm, gemmShape, VEC4_GEMM_BINDINGS, vec4EntryPoint } from '../api/problems/gemm.js';
import type { Params } from '../api/types.js';

/** Quads (groups of 4 invocations sharing B) along M in a workgroup. */
function quadsM(params: Params): number {
  return params.WG_SIZE! / 4 / params.QUADS_N!;
}

/**
 * Register blocking with B shared inside each quad of a subgroup through quadBroadcast (needs
 * 'subgroups'): a quad loads each value of B once instead of four times, with no barrier.
 * Assumes, as every implementation does, that subgroups are made of consecutive local invocation
 * indices (so that a quad is 4 consecutive invocations); the correctness check would catch one
 * that is not. Defaults: the fastest configuration `flopscope tune` found on SwiftShader.
 */
export default defineKernel({
  name: 'matmul-subgroup',
  summary: 'C = A x B, register blocking with B shared across each quad by quadBroadcast (needs subgroups)',
  shader: { code: shader, file: 'shaders/matmul-subgroup.wgsl' },
  problem: gemm(),
  requiredFeatures: ['subgroups'],
  rank: 3,
  params: {
    WG_SIZE: [4, 8, 16, 32, 64, 128],
    QUADS_N: [1, 2, 4, 8],
    TM: [1, 2, 4, 8, 16],
    TN: [4, 8, 16, 32],
    KSTEP: [4, 8],
  },
  defaults: { WG_SIZE: 32, QUADS_N: 2, TM: 16, TN: 32, KSTEP: 8 },
  tuned: {
    software: {
      64: { WG_SIZE: 32, QUADS_N: 8, TM: 8, TN: 8, KSTEP: 8 },
      128: { WG_SIZE: 16, QUADS_N: 2, TM: 8, TN: 32, KSTEP: 8 },
      // tune --budget 12 at 256 ranked it first (12.5 GFLOP/s); two alternating runs each gave
      // 12.36 and 12.40 GFLOP/s against 11.40 and 11.92 for the kernel's default.
      256: { WG_SIZE: 64, QUADS_N: 4, TM: 16, TN: 32, KSTEP: 8 },
    },
    // An NVIDIA H100 under Dawn/Vulkan, --budget 40 at 2048: 6.9 TFLOP/s.
    gpu: { 0: { WG_SIZE: 128, QUADS_N: 8, TM: 1, TN: 16, KSTEP: 4 } },
  },
  checkConfig(_shape, params) {
    const { WG_SIZE: size, QUADS_N: quadsN } = params;
    if (size! % (4 * quadsN!) !== 0) {
      return `WG_SIZE ${size} is not a multiple of 4 x QUADS_N (${4 * quadsN!}): a workgroup must hold whole rows of quads`;
    }
    return null;
  },
  entryPoint: vec4EntryPoint,
  bindings: VEC4_GEMM_BINDINGS,
  workgroupSize: (p) => [p.WG_SIZE!, 1, 1],
  workgroups(shape, p) {
    const { m, n, batch } = gemmShape(shape);
    return [Math.ceil(n / (p.QUADS_N! * p.TN!)), Math.ceil(m / (quadsM(p) * 4 * p.TM!)), batch];
  },
});
