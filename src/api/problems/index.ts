/** The problems a kernel can solve (what it computes, its buffers, useful work and CPU reference). */
export { conv2d } from './conv2d.js';
export { copy } from './copy.js';
export { custom, type CustomProblem } from './custom.js';
export { fmaChains } from './fma-chains.js';
export { gemm, type GemmOptions } from './gemm.js';
export { gemv } from './gemv.js';
