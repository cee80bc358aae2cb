import im2colShader from '../../shaders/im2col.wgsl';
import { defineKernel } from '../api/define-kernel.js';
import { conv2d, convUniforms, toConv2d } from '../api/problems/conv2d.js';
import type { BufferSpec, Params, Shape } from '../api/types.js';
import { im2colGemm } from '../flops/conv.js';
import matmulBlocked from './matmul-blocked.js';

/** Parameters of the GEMM stage: those of the matmul kernel it runs (matmul-blocked). */
const GEMM_KEYS = Object.keys(matmulBlocked.paramSpace);

/** The GEMM stage's configuration: the GEMM_KEYS of `params`. */
function gemmParams(params: Params): Params {
  return Object.fromEntries(GEMM_KEYS.map((key) => [key, params[key]!]));
}

/** The GEMM the conv lowers to, as a matmul kernel shape: m = N*E*F, n = M, k = R*S*C. */
export function im2colGemmShape(shape: Shape): Shape {
  const { m, n, k } = im2colGemm(toConv2d(shape));
  return { batch: 1, m, n, k };
}

const problem = conv2d();

/**
 * im2col then GEMM: stage 'im2col' unfolds the input into the patches matrix P[N*E*F, R*S*C]
 * (a scratch buffer), stage 'gemm' runs matmul-blocked's shader on output = P x filter, both
 * row-major, so the output comes out NHWC. The GEMM stage is matmul-blocked's own stage with the
 * conv's buffers bound in place of a, b and c: any matmul shader with that binding layout would do.
 */
export default defineKernel({
  name: 'conv-im2col',
  summary: 'conv2d NHWC as im2col (patches matrix in a scratch buffer) then a register-blocked GEMM (matmul-blocked)',
  shader: { code: im2colShader, file: 'shaders/im2col.wgsl' },
  problem: {
    ...problem,
    buffers(shape, params): BufferSpec[] {
      const [input, filter, output] = problem.buffers(shape, params);
      const { m, k } = im2colGemmShape(shape);
      return [input!, filter!, { name: 'patches', role: 'scratch', type: 'f32', length: m! * k! }, output!];
    },
  },
  rank: 1,
  params: { IM_WG_X: [16, 32, 64, 128, 256], IM_WG_Y: [1, 2, 4], ...matmulBlocked.paramSpace },
  defaults: { IM_WG_X: 64, IM_WG_Y: 1, ...matmulBlocked.defaultParams },
  checkConfig: (shape, params) => matmulBlocked.checkConfig?.(im2colGemmShape(shape), gemmParams(params)) ?? null,
  stages(shape, params) {
    const gemmShape = im2colGemmShape(shape);
    const { m, k } = gemmShape;
    const wgX = params.IM_WG_X!;
    const wgY = params.IM_WG_Y!;
    const [gemm] = matmulBlocked.stages(gemmShape, gemmParams(params));
    const matmulBindings: Record<string, string> = { a: 'patches', b: 'filter', c: 'output' };
    return [
      {
        name: 'im2col',
        entryPoint: 'main',
        constants: { WG_X: wgX, WG_Y: wgY },
        bindings: ['input', 'patches'],
        uniforms: convUniforms(shape),
        workgroupSize: [wgX, wgY, 1],
        workgroupStorageBytes: 0,
        workgroups: [Math.ceil(k! / wgX), Math.ceil(m! / wgY), 1],
      },
      {
        ...gemm!,
        name: 'gemm',
        shader: matmulBlocked.shader,
        bindings: gemm!.bindings.map((name) => matmulBindings[name] ?? name),
      },
    ];
  },
});
