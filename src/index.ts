/**
 * flopscope's public API (the package's `exports`): define kernels and configs, and measure them
 * from a script. Nothing else of src/ is reached by deep paths.
 *
 *   import { defineKernel, gemm } from 'flopscope';
 *   export default defineKernel({ name: 'my-matmul', shader: './my-matmul.wgsl', problem: gemm(), ... });
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
export type {
  AdapterClass,
  BufferSpec,
  KernelDescriptor,
  KernelFamily,
  KernelProblem,
  Metric,
  ParamSpace,
  Params,
  ReferenceValue,
  Shape,
  StageSpec,
  TunedParams,
  UniformValue,
} from './api/types.js';
export { EnvironmentError, Interrupted, UsageError } from './errors.js';
export { run, type RunRequest } from './host/run-api.js';
export type { CaseRecord, Results } from './results/schema.js';
export { parseResults } from './results/read.js';
