import shader from '../../shaders/fma-peak.wgsl';
import { defineKernel, type KernelDefinition } from '../api/define-kernel.js';
import { fmaChains, fmaShape } from '../api/problems/fma-chains.js';

/** Largest workgroup count in one dimension every WebGPU device supports. */
const MAX_GROUPS_PER_DIMENSION = 65535;

/**
 * The dispatch of an fma-peak kernel (f32 here, f16 in fma-peak-f16.ts): one invocation per
 * thread, folded into y past the limit of one dimension.
 */
export const FMA_PEAK_DISPATCH: Pick<KernelDefinition, 'params' | 'defaults' | 'workgroupSize' | 'workgroups'> = {
  params: { WG_SIZE: [64, 128, 256] },
  defaults: { WG_SIZE: 256 },
  workgroupSize: (p) => [p.WG_SIZE!, 1, 1],
  workgroups(shape, p) {
    const groups = Math.ceil(fmaShape(shape).threads / p.WG_SIZE!);
    const x = Math.min(groups, MAX_GROUPS_PER_DIMENSION);
    return [x, Math.ceil(groups / x), 1];
  },
};

/**
 * The measured f32 compute peak: 16 independent vec4 FMA chains per invocation, no memory
 * traffic in the loop. Measured here (SwiftShader, 2 x Zen 5): 2 chains 7.3 GFLOP/s, 4: 9.7,
 * 8: 14.1, 16: 16.7, 32: 16.5; 16 is the fewest that reach the plateau, i.e. enough independent
 * work to hide the FMA latency.
 */
export default defineKernel({
  ...FMA_PEAK_DISPATCH,
  name: 'fma-peak',
  summary: 'independent FMA chains, no memory traffic: the attainable f32 compute peak',
  shader: { code: shader, file: 'shaders/fma-peak.wgsl' },
  problem: fmaChains({ dtype: 'f32' }),
});
