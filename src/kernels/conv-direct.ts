import shader from '../../shaders/conv-direct.wgsl';
import { defineKernel } from '../api/define-kernel.js';
import { conv2d, convOutput, convShape } from '../api/problems/conv2d.js';

/**
 * Direct convolution from the definition: one output pixel x FB filters per invocation, no unfolding, no
 * shared tiles.
 */
export default defineKernel({
  name: 'conv-direct',
  summary: 'conv2d NHWC, direct: one output pixel x FB filters per invocation, straight from the definition',
  shader: { code: shader, file: 'shaders/conv-direct.wgsl' },
  problem: conv2d(),
  baseline: true,
  rank: 0,
  params: { WG_X: [1, 2, 4, 8, 16, 32, 64], WG_Y: [1, 2, 4, 8, 16, 32, 64], FB: [1, 2, 4, 8] },
  defaults: { WG_X: 8, WG_Y: 8, FB: 4 },
  workgroupSize: (p) => [p.WG_X!, p.WG_Y!, 1],
  workgroups(shape, p) {
    const { batch, filters } = convShape(shape);
    const { outH, outW } = convOutput(shape);
    return [Math.ceil(filters / (p.WG_X! * p.FB!)), Math.ceil((batch * outH * outW) / p.WG_Y!), 1];
  },
});
