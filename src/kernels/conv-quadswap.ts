// A fragment put behind the quad-swap core (not a shader of its own), so taken as text: see tiling/quadswap.ts.
import body from '../../shaders/quadswap/conv.wgsl?raw';
import { defineKernel } from '../api/define-kernel.js';
import { checkConvShape, conv2d, convOutput, convShape, convUniforms } from '../api/problems/conv2d.js';
import type { Shape } from '../api/types.js';
import { checkQuadswapConfig, onQuadswapCore, QUADSWAP_PARAM_SPACE, quadswapStage } from './tiling/quadswap.js';

/** `main` (vec4 loads, groups of 16 channels) when C is a multiple of 16 and M of 4, else `main_unaligned`. */
export function convQuadswapEntryPoint(shape: Shape): 'main' | 'main_unaligned' {
  const { channels, filters } = convShape(shape);
  return channels % 16 === 0 && filters % 4 === 0 ? 'main' : 'main_unaligned';
}

/**
 * Implicit GEMM on matmul-quadswap's tiling (needs 'subgroups'): the im2col GEMM output[N*E*F, M] =
 * P x filter, the rows of P read straight from the NHWC input tap by tap (contiguous channels),
 * zero in the padding; never materialised. No `rank` yet (not measured side by side on main).
 */
export default defineKernel({
  name: 'conv-quadswap',
  summary:
    "conv2d NHWC as an implicit GEMM on matmul-quadswap's tiling: patches read from the input tap by tap, never stored (needs subgroups)",
  shader: onQuadswapCore(body, 'shaders/quadswap/conv.wgsl'),
  problem: conv2d(),
  requiredFeatures: ['subgroups'],
  params: QUADSWAP_PARAM_SPACE,
  defaults: { WG_SIZE: 32, QUADS_N: 1, TM: 8, TN: 32, KSTEP: 8, KGROUPS: 1 },
  checkConfig: (shape, params) => checkConvShape(shape) ?? checkQuadswapConfig(params),
  stages(shape, params) {
    const { batch, filters } = convShape(shape);
    const { outH, outW } = convOutput(shape);
    return [
      quadswapStage(params, {
        m: batch * outH * outW,
        n: filters,
        batch: 1,
        entryPoint: convQuadswapEntryPoint(shape),
        // Input and filter twice: scalar views at 0-1, vec4 views at 3-4; the Conv uniform at 5.
        bindings: ['input', 'filter', 'output', 'input', 'filter'],
        uniforms: convUniforms(shape),
      }),
    ];
  },
});
