/**
 * The GEMM problem: C[M,N] = A[M,K] x B[K,N], row-major, batched along a leading dimension, in
 * f32 or f16. Its buffers (a, b, c), its useful work (src/flops/gemm.ts: 2 M N K per batch), its
 * CPU reference with Higham's error bound, and the uniform block `Dims { m, n, k, batch }` its
 * shaders declare. Also the helpers of matmul shaders that read A and B as vec4s.
 */
import { gemmBytes, gemmFlops, type GemmShape } from '../../flops/gemm.js';
import {
  F16_UNIT_ROUNDOFF,
  F32_UNIT_ROUNDOFF,
  type BufferSpec,
  type KernelProblem,
  type ReferenceValue,
  type Shape,
  type UniformValue,
} from '../types.js';

/** The GEMM shape of a kernel shape (batch defaults to 1). */
export function gemmShape(shape: Shape): Required<GemmShape> {
  const { m, n, k, batch = 1 } = shape;
  if (m === undefined || n === undefined || k === undefined) {
    throw new Error(`not a GEMM shape: ${JSON.stringify(shape)}`);
  }
  return { m, n, k, batch };
}

/** gamma_n = n u / (1 - n u) (Higham, eq. 3.8): the relative error bound of n rounded operations. */
export function gamma(n: number, unitRoundoff: number): number {
  return (n * unitRoundoff) / (1 - n * unitRoundoff);
}

/**
 * Error bound of a dot product of length k computed in f32 in any summation order, then rounded:
 * gamma_k * sum|a_i b_i| + u * |result|, gamma_k = k u / (1 - k u) (Higham, Accuracy and
 * Stability of Numerical Algorithms, 2nd ed., eq. 3.5). A correct tiled or split-K kernel stays
 * inside it; a kernel that drops or repeats a term does not.
 */
export function dotTolerance(
  k: number,
  sumAbsProducts: number,
  value: number,
  unitRoundoff = F32_UNIT_ROUNDOFF,
): number {
  return gamma(k, unitRoundoff) * sumAbsProducts + unitRoundoff * Math.abs(value) + Number.MIN_VALUE;
}

/** Smallest normal f16 (2^-14): what one f16 operation can lose when a GPU flushes subnormals to zero. */
export const F16_MIN_NORMAL = 2 ** -14;

/**
 * Error bound of an f16 dot product of length k summed as the f16 matmul does it: chunks of
 * `chunk` products summed in f16 (gamma_chunk in f16), chunk sums added in f32 (gamma_{k/chunk}
 * in f32), then rounded to f16 once (u16 |result|). Plus one smallest normal f16 per f16
 * operation, for GPUs that flush f16 subnormals to zero. Higham, eq. 3.5, applied twice.
 */
export function f16ChunkedDotTolerance(k: number, sumAbsProducts: number, value: number, chunk = 4): number {
  const inChunk = gamma(Math.min(chunk, k), F16_UNIT_ROUNDOFF);
  const acrossChunks = gamma(Math.ceil(k / chunk), F32_UNIT_ROUNDOFF);
  const sum = (inChunk + acrossChunks * (1 + inChunk)) * sumAbsProducts + k * F16_MIN_NORMAL;
  return sum + F16_UNIT_ROUNDOFF * (Math.abs(value) + sum) + F16_MIN_NORMAL;
}

/**
 * The dot product behind output element `index` of C (batch, row, column in row-major order),
 * computed in double precision, and the sum of the |products| its error bound scales with.
 */
export function gemmDot(
  inputs: Readonly<Record<string, Float32Array>>,
  shape: Shape,
  index: number,
): { value: number; sumAbs: number } {
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
  return { value, sumAbs };
}

/** Uniform block `Dims { m, n, k, batch }` the matmul shaders declare. */
export function gemmDims(shape: Shape): UniformValue[] {
  const { m, n, k, batch } = gemmShape(shape);
  return [{ u32: m }, { u32: n }, { u32: k }, { u32: batch }];
}

/**
 * Entry point of the matmul shaders with a vec4 path: `main` when every row of A, B and C starts
 * on a whole vec4 (K and N multiples of 4), `main_unaligned` (bounded scalar reads) otherwise.
 */
export function vec4EntryPoint(shape: Shape): 'main' | 'main_unaligned' {
  const { n, k } = gemmShape(shape);
  return n % 4 === 0 && k % 4 === 0 ? 'main' : 'main_unaligned';
}

/**
 * Bindings of the matmul shaders with a vec4 path: scalar views of A, B, C at 0-2, vec4 views of
 * A and B (the same buffers, read-only) at 3-4; the Dims uniform follows at 5.
 */
export const VEC4_GEMM_BINDINGS: readonly string[] = ['a', 'b', 'c', 'a', 'b'];

/** Options of the GEMM problem. */
export interface GemmOptions {
  /** Element type of A, B and C: f32 (default), or f16 (needs shader-f16 in the kernel). */
  dtype?: 'f32' | 'f16' | undefined;
  /**
   * f16 only: products summed in f16 before each add to an f32 accumulator (the tolerance depends on it);
   * default 4.
   */
  f16Chunk?: number | undefined;
}

/**
 * Shapes that tell a correct matmul from a wrong one: K and N not multiples of 4 (the scalar
 * path), M past a 64-row tile with a batch of 2 (the vec4 path), and M past 128.
 */
const GEMM_TEST_SHAPES: readonly Shape[] = [
  { batch: 1, m: 33, n: 70, k: 19 },
  { batch: 2, m: 70, n: 36, k: 44 },
  { batch: 1, m: 130, n: 68, k: 36 },
];

/** C = A x B (batched, row-major), in f32 or f16. */
export function gemm(options: GemmOptions = {}): KernelProblem {
  const dtype = options.dtype ?? 'f32';
  const chunk = options.f16Chunk ?? 4;
  const bytesPerElement = dtype === 'f16' ? 2 : 4;
  return {
    name: `gemm ${dtype}`,
    summary: `C = A x B (${dtype}, row-major, batched)`,
    family: 'matmul',
    metric: 'flops',
    output: 'c',
    shapeFromSize: (size: number): Shape => ({ batch: 1, m: size, n: size, k: size }),
    formatShape(shape: Shape): string {
      const { m, n, k, batch } = gemmShape(shape);
      return `${batch > 1 ? `${batch}x` : ''}${m}x${n}x${k}`;
    },
    checkShape(shape) {
      const { m, n, k, batch } = shape;
      const sizes = { m, n, k, batch: batch ?? 1 };
      const bad = Object.entries(sizes).find(([, v]) => v === undefined || !Number.isInteger(v) || v < 1);
      return bad ? `a gemm shape needs whole m, n, k (and batch) of at least 1, got ${bad[0]} = ${bad[1]}` : null;
    },
    buffers(shape: Shape): BufferSpec[] {
      const { m, n, k, batch } = gemmShape(shape);
      return [
        { name: 'a', role: 'input', type: dtype, length: batch * m * k },
        { name: 'b', role: 'input', type: dtype, length: batch * k * n },
        { name: 'c', role: 'output', type: dtype, length: batch * m * n },
      ];
    },
    flops: (shape: Shape): number => gemmFlops(gemmShape(shape)),
    bytes: (shape: Shape): number => gemmBytes(gemmShape(shape), bytesPerElement),
    reference(inputs, shape, _params, index): ReferenceValue {
      const { value, sumAbs } = gemmDot(inputs, shape, index);
      const { k } = gemmShape(shape);
      return {
        value,
        tolerance: dtype === 'f16' ? f16ChunkedDotTolerance(k, sumAbs, value, chunk) : dotTolerance(k, sumAbs, value),
      };
    },
    uniforms: gemmDims,
    testShapes: GEMM_TEST_SHAPES,
  };
}
