/**
 * What every matmul kernel shares: the problem C[M,N] = A[M,K] x B[K,N] (row-major, batched),
 * its buffers, its useful work and its CPU reference. A matmul descriptor adds only its shader,
 * parameters and dispatch.
 */
import { gemmBytes, gemmFlops, type GemmShape } from '../flops/gemm.js';
import { F32_UNIT_ROUNDOFF, type BufferSpec, type KernelDescriptor, type ReferenceValue, type Shape } from './types.js';

/** The GEMM shape of a kernel shape (batch defaults to 1). */
export function gemmShape(shape: Shape): Required<GemmShape> {
  const { m, n, k, batch = 1 } = shape;
  if (m === undefined || n === undefined || k === undefined) {
    throw new Error(`not a GEMM shape: ${JSON.stringify(shape)}`);
  }
  return { m, n, k, batch };
}

/**
 * Error bound of a dot product of length k computed in f32 in any summation order, then rounded:
 * gamma_k * sum|a_i b_i| + u * |result|, gamma_k = k u / (1 - k u) (Higham, Accuracy and
 * Stability of Numerical Algorithms, 2nd ed., eq. 3.5). A correct tiled or split-K kernel stays
 * inside it; a kernel that drops or repeats a term does not.
 */
export function dotTolerance(k: number, sumAbsProducts: number, value: number, unitRoundoff = F32_UNIT_ROUNDOFF): number {
  const gamma = (k * unitRoundoff) / (1 - k * unitRoundoff);
  return gamma * sumAbsProducts + unitRoundoff * Math.abs(value) + Number.MIN_VALUE;
}

/** The descriptor fields every row-major (batched) f32 matmul shares. */
export const gemmProblem = {
  metric: 'flops',
  output: 'c',
  shapeFromSize: (size: number): Shape => ({ batch: 1, m: size, n: size, k: size }),
  formatShape(shape: Shape): string {
    const { m, n, k, batch } = gemmShape(shape);
    return `${batch > 1 ? `${batch}x` : ''}${m}x${n}x${k}`;
  },
  buffers(shape: Shape): BufferSpec[] {
    const { m, n, k, batch } = gemmShape(shape);
    return [
      { name: 'a', role: 'input', type: 'f32', length: batch * m * k },
      { name: 'b', role: 'input', type: 'f32', length: batch * k * n },
      { name: 'c', role: 'output', type: 'f32', length: batch * m * n },
    ];
  },
  flops: (shape: Shape): number => gemmFlops(gemmShape(shape)),
  bytes: (shape: Shape): number => gemmBytes(gemmShape(shape)),
  reference(inputs: Readonly<Record<string, Float32Array>>, shape: Shape, _params: unknown, index: number): ReferenceValue {
    const { m, n, k } = gemmShape(shape);
    const a = inputs.a!;
    const b = inputs.b!;
    const batch = Math.floor(index / (m * n));
    const row = Math.floor((index % (m * n)) / n);
    const col = index % n;
    const aRow = batch * m * k + row * k;
    const bBase = batch * k * n + col;
    let value = 0;
    let sumAbs = 0;
    for (let i = 0; i < k; i++) {
      const product = a[aRow + i]! * b[bBase + i * n]!;
      value += product;
      sumAbs += Math.abs(product);
    }
    return { value, tolerance: dotTolerance(k, sumAbs, value) };
  },
} satisfies Partial<KernelDescriptor>;

/** Uniform block `Dims { m, n, k, batch }` the matmul shaders declare. */
export function gemmDims(shape: Shape) {
  const { m, n, k, batch } = gemmShape(shape);
  return [{ u32: m }, { u32: n }, { u32: k }, { u32: batch }];
}
