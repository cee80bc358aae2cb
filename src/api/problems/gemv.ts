/**
 * The GEMV problem: y = A x, A row-major [M, N], f32. Memory-bound: judged in GB/s (its FLOPs,
 * 2 M N, are recorded too). Buffers a, x, y; uniforms m, n (a kernel adds its own after them).
 */
import { gemvBytes, gemvFlops } from '../../flops/bandwidth.js';
import type { KernelProblem, Shape } from '../types.js';
import { dotTolerance } from './gemm.js';

/** The { m, n } of a gemv shape. */
export function gemvShape(shape: Shape): { m: number; n: number } {
  const { m, n } = shape;
  if (m === undefined || n === undefined) throw new Error(`not a gemv shape: ${JSON.stringify(shape)}`);
  return { m, n };
}

/** y = A x. */
export function gemv(): KernelProblem {
  return {
    name: 'gemv f32',
    summary: 'y = A x (A row-major M x N, f32): memory-bound',
    family: 'bandwidth',
    metric: 'bandwidth',
    output: 'y',
    shapeFromSize: (size) => ({ m: size, n: size }),
    formatShape(shape) {
      const { m, n } = gemvShape(shape);
      return `${m}x${n}`;
    },
    checkShape: ({ m, n }) =>
      Number.isInteger(m) && Number.isInteger(n) && m! >= 1 && n! >= 1
        ? null
        : `a gemv shape needs whole m and n of at least 1, got m = ${m}, n = ${n}`,
    buffers(shape) {
      const { m, n } = gemvShape(shape);
      return [
        { name: 'a', role: 'input', type: 'f32', length: m * n },
        { name: 'x', role: 'input', type: 'f32', length: n },
        { name: 'y', role: 'output', type: 'f32', length: m },
      ];
    },
    flops: (shape) => {
      const { m, n } = gemvShape(shape);
      return gemvFlops(m, n);
    },
    bytes: (shape) => {
      const { m, n } = gemvShape(shape);
      return gemvBytes(m, n);
    },
    reference(inputs, shape, _params, index) {
      const { n } = gemvShape(shape);
      const a = inputs.a!;
      const x = inputs.x!;
      let value = 0;
      let sumAbs = 0;
      for (let j = 0; j < n; j++) {
        const product = a[index * n + j]! * x[j]!;
        value += product;
        sumAbs += Math.abs(product);
      }
      return { value, tolerance: dotTolerance(n, sumAbs, value) };
    },
    // M != N both ways, N not a multiple of 4 (the scalar path).
    testShapes: [
      { m: 67, n: 130 },
      { m: 130, n: 63 },
    ],
  };
}
