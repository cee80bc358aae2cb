import shader from '../../shaders/conv-implicit-gemm.wgsl';
import { checkConvShape, convOutput, convProblem, convShape, convUniforms } from './conv-problem.js';
import { tiledStorageBytes } from './matmul-tiled.js';
import type { KernelDescriptor } from './types.js';

/**
 * Implicit GEMM: the im2col GEMM tiled in workgroup memory (as matmul-tiled), its A tiles read
 * straight from the input at the coordinates each GEMM row and column stand for, so the patches
 * matrix never exists.
 */
export const convImplicitGemm: KernelDescriptor = {
  ...convProblem,
  name: 'conv-implicit-gemm',
  summary: 'conv2d NHWC as an implicit GEMM: tiles of the patches matrix built in workgroup memory from the input, never stored',
  shader,
  paramSpace: { WG_X: [4, 8, 16, 32], WG_Y: [4, 8, 16, 32], RM: [1, 2, 4], RN: [1, 2, 4], TK: [4, 8, 16, 32, 64] },
  defaultParams: { WG_X: 4, WG_Y: 8, RM: 4, RN: 4, TK: 32 },
  checkConfig: (shape) => checkConvShape(shape),
  stages(shape, params) {
    const { batch, filters } = convShape(shape);
    const { outH, outW } = convOutput(shape);
    const { WG_X: wgX, WG_Y: wgY, RM: rm, RN: rn, TK: tk } = params as Required<Record<'WG_X' | 'WG_Y' | 'RM' | 'RN' | 'TK', number>>;
    return [
      {
        name: 'gemm',
        entryPoint: 'main',
        constants: { WG_X: wgX, WG_Y: wgY, RM: rm, RN: rn, TK: tk },
        bindings: ['input', 'filter', 'output'],
        uniforms: convUniforms(shape),
        workgroupSize: [wgX, wgY, 1],
        workgroupStorageBytes: tiledStorageBytes(params),
        workgroups: [Math.ceil(filters / (wgX * rn)), Math.ceil((batch * outH * outW) / (wgY * rm)), 1],
      },
    ];
  },
};
