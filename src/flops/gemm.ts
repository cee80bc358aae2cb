/**
 * GEMM counting: C[M,N] = A[M,K] x B[K,N] (domain.md, "Operations").
 * One fused multiply-add counts as 2 FLOPs.
 */
import { requirePositive, requirePositiveInteger } from './validate.js';

/** Shape of a (batched) matrix multiply; `batch` independent products, default 1. */
export interface GemmShape {
  m: number;
  n: number;
  k: number;
  batch?: number;
}

/** Throws a UsageError unless M, N, K and batch are integers >= 1. */
export function checkGemmShape({ m, n, k, batch = 1 }: GemmShape): void {
  requirePositiveInteger('m', m);
  requirePositiveInteger('n', n);
  requirePositiveInteger('k', k);
  requirePositiveInteger('batch', batch);
}

/** Multiply-accumulates of a GEMM: batch x M x N x K. */
export function gemmMacs(shape: GemmShape): number {
  checkGemmShape(shape);
  const { m, n, k, batch = 1 } = shape;
  return batch * m * n * k;
}

/** Useful FLOPs of a GEMM: 2 x batch x M x N x K (an FMA is 2 FLOPs). */
export function gemmFlops(shape: GemmShape): number {
  return 2 * gemmMacs(shape);
}

/**
 * Least bytes a GEMM must move: read A and B once, write C once,
 * batch x (M*K + K*N + M*N) elements of `bytesPerElement` (4 for f32).
 */
export function gemmBytes(shape: GemmShape, bytesPerElement = 4): number {
  checkGemmShape(shape);
  requirePositive('bytesPerElement', bytesPerElement);
  const { m, n, k, batch = 1 } = shape;
  return batch * bytesPerElement * (m * k + k * n + m * n);
}
