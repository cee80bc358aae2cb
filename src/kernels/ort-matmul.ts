import { defineKernel } from '../api/define-kernel.js';
import { gemm } from '../api/problems/gemm.js';

/**
 * ONNX Runtime Web's MatMul on its WebGPU execution provider (onnxruntime-web), a one-node model
 * run on the peer page (src/peers/ort-page.ts) on the same shapes (batched: rank-3 MatMul),
 * seeded inputs and CPU reference as flopscope's matmul kernels. No WGSL of ours and no stages:
 * its cases go to the peer page, never to the runner page.
 */
export default defineKernel({
  name: 'ort-matmul',
  summary:
    'peer: ONNX Runtime Web MatMul on its WebGPU EP (onnxruntime-web), inputs and output GPU-resident, wall-clock timed',
  shader: { code: '' },
  problem: gemm(),
  family: 'matmul',
  peer: 'ort.html',
});
