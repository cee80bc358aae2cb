/**
 * The public API in a browser (the `browser` condition of the package's exports): defining
 * kernels and configs, for kernel modules bundled into `flopscope serve`'s page. Measuring from
 * a script (`run`) needs Node.
 */
export { defineConfig, type Config, type SuiteDefinition } from './api/config.js';
export { defineKernel, isKernel, type KernelDefinition, type ShaderSource } from './api/define-kernel.js';
export {
  conv2d,
  copy,
  custom,
  fmaChains,
  gemm,
  gemv,
  type CustomProblem,
  type GemmOptions,
} from './api/problems/index.js';
export { EnvironmentError, UsageError } from './errors.js';
