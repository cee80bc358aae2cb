import shader from '../../shaders/fma-peak-f16.wgsl';
import { defineKernel } from '../api/define-kernel.js';
import { fmaChains } from '../api/problems/fma-chains.js';
import { FMA_PEAK_DISPATCH } from './fma-peak.js';

/** The measured f16 compute peak (adapters with shader-f16): fma-peak's chains in f16. */
export default defineKernel({
  ...FMA_PEAK_DISPATCH,
  name: 'fma-peak-f16',
  summary: 'independent f16 FMA chains, no memory traffic: the attainable f16 compute peak (needs shader-f16)',
  shader: { code: shader, file: 'shaders/fma-peak-f16.wgsl' },
  problem: fmaChains({ dtype: 'f16' }),
  requiredFeatures: ['shader-f16'],
});
