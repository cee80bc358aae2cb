import { checkConvShape, convProblem } from '../kernels/conv-problem.js';
import type { KernelDescriptor } from '../kernels/types.js';

/**
 * ONNX Runtime Web's Conv on its WebGPU execution provider (onnxruntime-web), on flopscope's NHWC
 * data (src/peers/onnx-model.ts convGraph: the session prefers NHWC, so the data is never
 * transposed), run on the peer page (src/peers/ort-page.ts) on the same shapes, seeded inputs
 * and CPU reference as flopscope's conv kernels. The filters are the model's weights.
 */
export const ortConv: KernelDescriptor = {
  ...convProblem,
  name: 'ort-conv',
  summary: 'peer: ONNX Runtime Web Conv (NHWC) on its WebGPU EP (onnxruntime-web), input and output GPU-resident, weights in the model, wall-clock timed',
  peer: 'ort.html',
  shader: '',
  paramSpace: {},
  defaultParams: {},
  checkConfig: (shape) => checkConvShape(shape),
  stages: () => [],
};
