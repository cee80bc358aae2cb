/**
 * The kernel registry: every kernel flopscope can run. Adding a kernel = one .wgsl file in
 * shaders/, one descriptor in this folder, and one line here.
 */
import { UsageError } from '../errors.js';
import { convDirect } from './conv-direct.js';
import { convIm2col } from './conv-im2col.js';
import { convImplicitGemm } from './conv-implicit-gemm.js';
import { copy } from './copy.js';
import { fmaPeak, fmaPeakF16 } from './fma-peak.js';
import { gemv } from './gemv.js';
import { matmulBlocked } from './matmul-blocked.js';
import { matmulF16 } from './matmul-f16.js';
import { matmulNaive } from './matmul-naive.js';
import { matmulSubgroup } from './matmul-subgroup.js';
import { matmulTiled } from './matmul-tiled.js';
import { ortConv } from '../peers/ort-conv.js';
import { ortMatmul } from '../peers/ort-matmul.js';
import { tfjsMatmul } from '../peers/tfjs-matmul.js';
import type { KernelDescriptor } from './types.js';

/** All kernels, in the order listings show them. */
export const KERNELS: readonly KernelDescriptor[] = [matmulNaive, fmaPeak, fmaPeakF16, matmulTiled, matmulBlocked, matmulSubgroup, matmulF16, convDirect, convIm2col, convImplicitGemm, copy, gemv, tfjsMatmul, ortMatmul, ortConv];

/** The kernel with this name; a UsageError listing the valid names otherwise. */
export function getKernel(name: string): KernelDescriptor {
  const kernel = KERNELS.find((k) => k.name === name);
  if (!kernel) {
    throw new UsageError(`unknown kernel "${name}": choose one of ${KERNELS.map((k) => k.name).join(', ')}`);
  }
  return kernel;
}
