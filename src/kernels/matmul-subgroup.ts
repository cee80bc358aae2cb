import shader from '../../shaders/matmul-subgroup.wgsl';
import { gemmDims, gemmProblem, gemmShape, VEC4_GEMM_BINDINGS, vec4EntryPoint } from './gemm-problem.js';
import type { KernelDescriptor, Params } from './types.js';

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
export const matmulSubgroup: KernelDescriptor = {
  ...gemmProblem,
  name: 'matmul-subgroup',
  summary: 'C = A x B, register blocking with B shared across each quad by quadBroadcast (needs subgroups)',
  shader,
  requiredFeatures: ['subgroups'],
  paramSpace: { WG_SIZE: [4, 8, 16, 32, 64, 128], QUADS_N: [1, 2, 4, 8], TM: [1, 2, 4, 8, 16], TN: [4, 8, 16, 32], KSTEP: [4, 8] },
  defaultParams: { WG_SIZE: 32, QUADS_N: 2, TM: 16, TN: 32, KSTEP: 8 },
  checkConfig(_shape, params) {
    const { WG_SIZE: size, QUADS_N: quadsN } = params;
    if (size! % (4 * quadsN!) !== 0) {
      return `WG_SIZE ${size} is not a multiple of 4 x QUADS_N (${4 * quadsN!}): a workgroup must hold whole rows of quads`;
    }
    return null;
  },
  stages(shape, params) {
    const { m, n, batch } = gemmShape(shape);
    const tm = params.TM!;
    const tn = params.TN!;
    const size = params.WG_SIZE!;
    const quadsN = params.QUADS_N!;
    return [
      {
        name: 'gemm',
        entryPoint: vec4EntryPoint(shape),
        constants: { WG_SIZE: size, QUADS_N: quadsN, TM: tm, TN: tn, KSTEP: params.KSTEP! },
        bindings: VEC4_GEMM_BINDINGS,
        uniforms: gemmDims(shape),
        workgroupSize: [size, 1, 1],
        workgroupStorageBytes: 0,
        workgroups: [Math.ceil(n / (quadsN * tn)), Math.ceil(m / (quadsM(params) * 4 * tm)), batch],
      },
    ];
  },
};
