/**
 * Benchmark suites: which kernels, at which sizes, with which configurations. `--suite NAME`
 * picks one; `--sizes` replaces a suite's sizes and `--kernel` narrows its kernels.
 */
import type { Params, Shape } from '../src/kernels/types.js';

/** One entry of a suite: a kernel at a one-number size or an explicit shape. */
export interface SuiteCase {
  kernel: string;
  size?: number;
  shape?: Shape;
  params?: Params;
}

/** A named list of cases. */
export interface Suite {
  name: string;
  description: string;
  /** Sizes used when --sizes is not given. */
  defaultSizes: readonly number[];
  /** The cases at the given sizes. */
  cases(sizes: readonly number[]): SuiteCase[];
}

const byKernelAndSize =
  (kernels: readonly string[]) =>
  (sizes: readonly number[]): SuiteCase[] =>
    kernels.flatMap((kernel) => sizes.map((size) => ({ kernel, size })));

/** All suites, in the order `--help` lists them. */
export const SUITES: readonly Suite[] = [
  {
    name: 'quick',
    description: 'a short run of the matmul kernels at small sizes (default of `npm run bench`)',
    defaultSizes: [128, 256],
    cases: byKernelAndSize(['matmul-naive']),
  },
];
