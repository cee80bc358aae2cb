/**
 * GEMM counting: C[M,N] = A[M,K] x B[K,N] (domain.md, "Operations").
 * One fused multiply-add counts as 2 FLOPs.
 */

/** Shape of a (batched) matrix multiply; `batch` independent products, default 1. */
export interface GemmShape {
  m: number;
  n: number;
  k: number;
  batch?: number;
}

/** Multiply-accumulates of a GEMM: batch x M x N x K. */
export function gemmMacs({ m, n, k, batch = 1 }: GemmShape): number {
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
export function gemmBytes({ m, n, k, batch = 1 }: GemmShape, bytesPerElement = 4): number {
  return batch * bytesPerElement * (m * k + k * n + m * n);
}
