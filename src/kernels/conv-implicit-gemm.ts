import shader from '../../shaders/conv-implicit-gemm.wgsl';
import { defineKernel } from '../api/define-kernel.js';
import { conv2d, convOutput, convShape, convUniforms } from '../api/problems/conv2d.js';
import { TILED_DEFAULT_PARAMS, TILED_PARAM_SPACE, tiledGemmStage } from './matmul-tiled.js';

/**
 * Implicit GEMM: the im2col GEMM tiled in workgroup memory (as matmul-tiled), its A tiles read
 * straight from the input at the coordinates each GEMM row and column stand for, so the patches
 * matrix never exists.
 */
export default defineKernel({
  name: 'conv-implicit-gemm',
  summary:
    'conv2d NHWC as an implicit GEMM: tiles of the patches matrix built in workgroup memory from the input, never stored',
  shader: { code: shader, file: 'shaders/conv-implicit-gemm.wgsl' },
  problem: conv2d(),
  rank: 2,
  params: TILED_PARAM_SPACE,
  defaults: TILED_DEFAULT_PARAMS,
  stages(shape, params) {
    // The im2col GEMM: (batch x E x F) rows, one per output pixel, by M filters.
    const { batch, filters } = convShape(shape);
    const { outH, outW } = convOutput(shape);
    return [
      tiledGemmStage(params, {
        m: batch * outH * outW,
        n: filters,
        batch: 1,
        bindings: ['input', 'filter', 'output'],
        uniforms: convUniforms(shape),
      }),
    ];
  },
});
