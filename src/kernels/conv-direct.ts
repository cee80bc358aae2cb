import shader from '../../shaders/conv-direct.wgsl';
import { checkConvShape, convOutput, convProblem, convShape, convUniforms } from './conv-problem.js';
import type { KernelDescriptor } from './types.js';

/** Direct convolution from the definition: one output pixel x FB filters per invocation, no unfolding, no shared tiles. */
export const convDirect: KernelDescriptor = {
  ...convProblem,
  name: 'conv-direct',
  summary: 'conv2d NHWC, direct: one output pixel x FB filters per invocation, straight from the definition',
  shader,
  paramSpace: { WG_X: [1, 2, 4, 8, 16, 32, 64], WG_Y: [1, 2, 4, 8, 16, 32, 64], FB: [1, 2, 4, 8] },
  defaultParams: { WG_X: 8, WG_Y: 8, FB: 4 },
  checkConfig: (shape) => checkConvShape(shape),
  stages(shape, params) {
    const { batch, filters } = convShape(shape);
    const { outH, outW } = convOutput(shape);
    const wgX = params.WG_X!;
    const wgY = params.WG_Y!;
    return [
      {
        name: 'conv',
        entryPoint: 'main',
        constants: { WG_X: wgX, WG_Y: wgY, FB: params.FB! },
        bindings: ['input', 'filter', 'output'],
        uniforms: convUniforms(shape),
        workgroupSize: [wgX, wgY, 1],
        workgroupStorageBytes: 0,
        workgroups: [Math.ceil(filters / (wgX * params.FB!)), Math.ceil((batch * outH * outW) / wgY), 1],
      },
    ];
  },
};
