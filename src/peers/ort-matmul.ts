import { gemmProblem } from '../kernels/gemm-problem.js';
import type { KernelDescriptor } from '../kernels/types.js';

/**
 * ONNX Runtime Web's MatMul on its WebGPU execution provider (onnxruntime-web), a one-node model
 * run on the peer page (src/peers/ort-page.ts) on the same shapes (batched: rank-3 MatMul),
 * seeded inputs and CPU reference as flopscope's matmul kernels. No WGSL of ours and no stages:
 * the host sends its cases to the peer page, never to the runner.
 */
export const ortMatmul: KernelDescriptor = {
  ...gemmProblem,
  name: 'ort-matmul',
  summary: 'peer: ONNX Runtime Web MatMul on its WebGPU EP (onnxruntime-web), inputs and output GPU-resident, wall-clock timed',
  peer: 'ort.html',
  shader: '',
  paramSpace: {},
  defaultParams: {},
  stages: () => [],
};
