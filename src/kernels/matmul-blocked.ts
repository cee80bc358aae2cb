import shader from '../../shaders/matmul-blocked.wgsl';
import { gemmDims, gemmProblem, gemmShape, VEC4_GEMM_BINDINGS, vec4EntryPoint } from './gemm-problem.js';
import type { KernelDescriptor } from './types.js';

/**
 * 2D register blocking: each invocation computes TM x TN outputs from vec4 loads of A and B, no
 * workgroup memory. Defaults: the fastest configuration `flopscope tune` found on SwiftShader.
 */
export const matmulBlocked: KernelDescriptor = {
  ...gemmProblem,
  name: 'matmul-blocked',
  summary: 'C = A x B, 2D register blocking (TM x TN per invocation), vec4 loads and stores',
  shader,
  paramSpace: { WG_X: [1, 2, 4, 8, 16], WG_Y: [1, 2, 4, 8, 16], TM: [1, 2, 4, 8, 16], TN: [4, 8, 16, 32], KSTEP: [4, 8] },
  defaultParams: { WG_X: 2, WG_Y: 4, TM: 16, TN: 32, KSTEP: 8 },
  stages(shape, params) {
    const { m, n, batch } = gemmShape(shape);
    const wgX = params.WG_X!;
    const wgY = params.WG_Y!;
    const tm = params.TM!;
    const tn = params.TN!;
    return [
      {
        name: 'gemm',
        entryPoint: vec4EntryPoint(shape),
        constants: { WG_X: wgX, WG_Y: wgY, TM: tm, TN: tn, KSTEP: params.KSTEP! },
        bindings: VEC4_GEMM_BINDINGS,
        uniforms: gemmDims(shape),
        workgroupSize: [wgX, wgY, 1],
        workgroupStorageBytes: 0,
        workgroups: [Math.ceil(n / (wgX * tn)), Math.ceil(m / (wgY * tm)), batch],
      },
    ];
  },
};
