import shader from '../../shaders/matmul-naive.wgsl';
import { gemmDims, gemmProblem, gemmShape } from './gemm-problem.js';
import type { KernelDescriptor } from './types.js';

/** One invocation per output element, no data reuse: the baseline for every tiled matmul. */
export const matmulNaive: KernelDescriptor = {
  ...gemmProblem,
  name: 'matmul-naive',
  summary: 'C = A x B, one invocation per output element, no reuse (baseline)',
  shader,
  paramSpace: { WG_X: [8, 16, 32, 64], WG_Y: [1, 2, 4, 8, 16] },
  defaultParams: { WG_X: 16, WG_Y: 16 },
  stages(shape, params) {
    const { m, n, batch } = gemmShape(shape);
    const wgX = params.WG_X!;
    const wgY = params.WG_Y!;
    return [
      {
        name: 'gemm',
        entryPoint: 'main',
        constants: { WG_X: wgX, WG_Y: wgY },
        bindings: ['a', 'b', 'c'],
        uniforms: gemmDims(shape),
        workgroupSize: [wgX, wgY, 1],
        workgroupStorageBytes: 0,
        workgroups: [Math.ceil(n / wgX), Math.ceil(m / wgY), batch],
      },
    ];
  },
};
