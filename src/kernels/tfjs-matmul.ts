import { defineKernel } from '../api/define-kernel.js';
import { gemm } from '../api/problems/gemm.js';

/**
 * TensorFlow.js's tf.matMul on its WebGPU backend, run on the peer page (src/peers/tfjs-page.ts)
 * on the same shapes, seeded inputs and CPU reference as flopscope's matmul kernels. It has no
 * WGSL of ours and no stages: its cases go to the peer page, never to the runner page.
 */
export default defineKernel({
  name: 'tfjs-matmul',
  summary: 'peer: TensorFlow.js tf.matMul on its WebGPU backend (@tensorflow/tfjs-backend-webgpu), wall-clock timed',
  shader: { code: '' },
  problem: gemm(),
  family: 'matmul',
  peer: 'tfjs.html',
});
