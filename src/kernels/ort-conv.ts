import { defineKernel } from '../api/define-kernel.js';
import { conv2d } from '../api/problems/conv2d.js';

/**
 * ONNX Runtime Web's Conv on its WebGPU execution provider (onnxruntime-web), on flopscope's NHWC
 * data (src/peers/onnx-model.ts convGraph: the session prefers NHWC, so the data is never
 * transposed), run on the peer page (src/peers/ort-page.ts) on the same shapes, seeded inputs
 * and CPU reference as flopscope's conv kernels. The filters are the model's weights. A peer of
 * the conv family: the conv suite runs it only when --kernel names it (Suite.optIn).
 */
export default defineKernel({
  name: 'ort-conv',
  summary:
    'peer: ONNX Runtime Web Conv (NHWC) on its WebGPU EP (onnxruntime-web), input and output GPU-resident, weights in the model, wall-clock timed',
  shader: { code: '' },
  problem: conv2d(),
  family: 'conv',
  peer: 'ort.html',
});
