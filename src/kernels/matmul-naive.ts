import shader from '../../shaders/matmul-naive.wgsl';
import { defineKernel } from '../api/define-kernel.js';
import { gemm, gemmShape } from '../api/problems/gemm.js';

/** One invocation per output element, no data reuse: the baseline for every tiled matmul. */
export default defineKernel({
  name: 'matmul-naive',
  summary: 'C = A x B, one invocation per output element, no reuse (baseline)',
  shader: { code: shader, file: 'shaders/matmul-naive.wgsl' },
  problem: gemm(),
  baseline: true,
  rank: 0,
  params: { WG_X: [8, 16, 32, 64], WG_Y: [1, 2, 4, 8, 16] },
  defaults: { WG_X: 16, WG_Y: 16 },
  workgroupSize: (p) => [p.WG_X!, p.WG_Y!, 1],
  workgroups(shape, p) {
    const { m, n, batch } = gemmShape(shape);
    return [Math.ceil(n / p.WG_X!), Math.ceil(m / p.WG_Y!), batch];
  },
});
