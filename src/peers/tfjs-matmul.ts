import { gemmProblem } from '../kernels/gemm-problem.js';
import type { KernelDescriptor } from '../kernels/types.js';

/**
 * TensorFlow.js's tf.matMul on its WebGPU backend, run on the peer page (src/peers/tfjs-page.ts)
 * on the same shapes, seeded inputs and CPU reference as flopscope's matmul kernels. It has no
 * WGSL of ours and no stages: the host sends its cases to the peer page, never to the runner.
 */
export const tfjsMatmul: KernelDescriptor = {
  ...gemmProblem,
  name: 'tfjs-matmul',
  summary: 'peer: TensorFlow.js tf.matMul on its WebGPU backend (@tensorflow/tfjs-backend-webgpu), wall-clock timed',
  peer: 'tfjs.html',
  shader: '',
  paramSpace: {},
  defaultParams: {},
  stages: () => [],
};
