/**
 * The built-in kernels: every module of this folder, each a kernel made with the public API
 * (src/api/define-kernel.ts) as its default export. The list is the folder: the build finds
 * them (scripts/builtin-kernels.mjs), so adding a strategy is one .wgsl in shaders/ and one
 * module here, nothing else.
 */
import builtins from 'flopscope:builtin-kernels';
import { KernelRegistry } from '../api/registry.js';
import type { KernelDescriptor } from '../api/types.js';

/** Every built-in kernel. */
// The virtual module's declaration (scripts/builtin-kernels.d.mts) is outside the lint's project.
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
export const BUILTIN_KERNELS: readonly KernelDescriptor[] = builtins;

/** The built-in kernels by name, in listing order (family, baseline first, faster later). */
export const BUILTIN_REGISTRY = new KernelRegistry(BUILTIN_KERNELS);

/** The built-in kernels in listing order. */
export const KERNELS: readonly KernelDescriptor[] = BUILTIN_REGISTRY.all;

/** The built-in kernel with this name; a UsageError listing the valid names otherwise. */
export function getKernel(name: string): KernelDescriptor {
  return BUILTIN_REGISTRY.get(name);
}
