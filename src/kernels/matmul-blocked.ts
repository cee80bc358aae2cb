import shader from '../../shaders/matmul-blocked.wgsl';
import { defineKernel } from '../api/define-kernel.js';
import { gemm, gemmShape, VEC4_GEMM_BINDINGS, vec4EntryPoint } from '../api/problems/gemm.js';
import type { KernelDefinition } from '../api/define-kernel.js';

/** The register-blocked matmul's definition, for its f16 twin (matmul-f16.ts) to share. */
export const BLOCKED: Omit<KernelDefinition, 'name' | 'shader' | 'problem'> = {
  params: { WG_X: [1, 2, 4, 8, 16], WG_Y: [1, 2, 4, 8, 16], TM: [1, 2, 4, 8, 16], TN: [4, 8, 16, 32], KSTEP: [4, 8] },
  // The fastest configuration `flopscope tune` found on SwiftShader.
  defaults: { WG_X: 2, WG_Y: 4, TM: 16, TN: 32, KSTEP: 8 },
  entryPoint: vec4EntryPoint,
  bindings: VEC4_GEMM_BINDINGS,
  workgroupSize: (p) => [p.WG_X!, p.WG_Y!, 1],
  workgroups(shape, p) {
    const { m, n, batch } = gemmShape(shape);
    return [Math.ceil(n / (p.WG_X! * p.TN!)), Math.ceil(m / (p.WG_Y! * p.TM!)), batch];
  },
};

/**
 * 2D register blocking: each invocation computes TM x TN outputs from vec4 loads of A and B, no
 * workgroup memory.
 */
export default defineKernel({
  ...BLOCKED,
  name: 'matmul-blocked',
  summary: 'C = A x B, 2D register blocking (TM x TN per invocation), vec4 loads and stores',
  shader: { code: shader, file: 'shaders/matmul-blocked.wgsl' },
  problem: gemm(),
  rank: 2,
  tuned: {
    // SwiftShader/Subzero on a 2-core x86-64, 2026-11-24: small sizes want smaller blocks, so every core gets
    // workgroups.
    software: {
      128: { WG_X: 1, WG_Y: 8, TM: 16, TN: 32, KSTEP: 8 },
      256: { WG_X: 8, WG_Y: 4, TM: 16, TN: 32, KSTEP: 8 },
    },
    // An NVIDIA H100 under Dawn/Vulkan, --budget 40 at 2048: 12.2 TFLOP/s.
    gpu: { 0: { WG_X: 2, WG_Y: 16, TM: 4, TN: 4, KSTEP: 8 } },
  },
});
