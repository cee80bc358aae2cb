/**
 * Work of the memory-bound kernels (domain.md, "Roofline"): the least bytes a stream copy and a
 * matrix-vector product must move, and the FLOPs of the latter. f32 unless told otherwise.
 */
import { requirePositive, requirePositiveInteger } from './validate.js';

/** Bytes a copy of `elements` values moves: each read once and written once. */
export function copyBytes(elements: number, bytesPerElement = 4): number {
  requirePositiveInteger('elements', elements);
  requirePositive('bytesPerElement', bytesPerElement);
  return 2 * elements * bytesPerElement;
}

/** Useful FLOPs of y = A x with A [M, N]: one FMA (2 FLOPs) per element of A. */
export function gemvFlops(m: number, n: number): number {
  requirePositiveInteger('m', m);
  requirePositiveInteger('n', n);
  return 2 * m * n;
}

/** Least bytes y = A x must move: read A [M, N] and x [N] once, write y [M] once. */
export function gemvBytes(m: number, n: number, bytesPerElement = 4): number {
  requirePositiveInteger('m', m);
  requirePositiveInteger('n', n);
  requirePositive('bytesPerElement', bytesPerElement);
  return bytesPerElement * (m * n + n + m);
}
