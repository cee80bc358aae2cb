/**
 * `flopscope.config.ts`: the user's kernels and suites. Found from the working directory upwards
 * (flopscope.config.ts, .mts, .js, .mjs), or named with --config; TypeScript loads with no build
 * step (src/host/config-loader.ts).
 *
 *   import { defineConfig } from 'flopscope';
 *   export default defineConfig({
 *     kernels: ['./kernels/*.ts'],
 *     suites: [{ name: 'mine', kernels: ['my-matmul', 'matmul-naive'], sizes: [256, 512] }],
 *   });
 */
import type { KernelDescriptor, Shape } from './types.js';

/** A suite of the user's: kernels (theirs or built-in) at sizes or shapes. */
export interface SuiteDefinition {
  name: string;
  description?: string | undefined;
  /** Kernel names. */
  kernels: readonly string[];
  /** One-number sizes (`--sizes`), each kernel's problem turning them into shapes. */
  sizes?: readonly number[] | undefined;
  /** Explicit shapes, run by every kernel of the suite. */
  shapes?: readonly Shape[] | undefined;
}

/** What a config holds. */
export interface Config {
  /**
   * The user's kernels: module paths or globs relative to the config ('./kernels/*.ts'), each
   * module exporting kernels made with defineKernel; or the kernels themselves.
   */
  kernels?: readonly (string | KernelDescriptor)[] | undefined;
  suites?: readonly SuiteDefinition[] | undefined;
  /** The suite `flopscope run` measures when none is named (default 'quick', or the only suite of the config). */
  defaultSuite?: string | undefined;
}

/** The config, typed (it returns what it is given). */
export function defineConfig(config: Config): Config {
  return config;
}
