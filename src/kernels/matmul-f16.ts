import shader from '../../shaders/matmul-f16.wgsl';
import { defineKernel } from '../api/define-kernel.js';
import { gemm } from '../api/problems/gemm.js';
import { BLOCKED } from './matmul-blocked.js';

/**
 * matmul-blocked in f16 (needs shader-f16): f16 inputs and output, f16 FMAs over each step of 4
 * along K, f32 accumulation across steps. Inputs are the seeded values rounded to f16, and the
 * reference multiplies those same values, within the error bound of that summation.
 */
export default defineKernel({
  ...BLOCKED,
  name: 'matmul-f16',
  summary:
    'C = A x B in f16 (f16 FMAs, f32 accumulation per 4 of K), register blocking like matmul-blocked (needs shader-f16)',
  shader: { code: shader, file: 'shaders/matmul-f16.wgsl' },
  problem: gemm({ dtype: 'f16', f16Chunk: 4 }),
  requiredFeatures: ['shader-f16'],
  rank: 2,
  tuned: { gpu: { 0: { WG_X: 8, WG_Y: 8, TM: 2, TN: 16, KSTEP: 4 } } },
});
