/** The built-in kernel modules of this folder, found by the build (scripts/builtin-kernels.mjs). */
declare module 'flopscope:builtin-kernels' {
  import type { KernelDescriptor } from '../api/types.js';

  const kernels: readonly KernelDescriptor[];
  export default kernels;
}
