/**
 * The FMA-chains problem of the measured compute peak: `threads` invocations, each running 64
 * independent chains x <- mul * x + add for `iterations` steps with no memory traffic, then
 * writing the sum of its chains. Its reference is exact in O(1) (the chains converge to a fixed
 * point), so the peak kernel is checked like any other.
 */
import { F16_UNIT_ROUNDOFF, F32_UNIT_ROUNDOFF, type KernelProblem, type Shape } from '../types.js';

/** Chains per invocation: 16 vec4 chains = 64 lanes. */
const LANES = 64;
/** FLOPs of one loop trip of one invocation: 64 FMAs, 2 FLOPs each. */
const FLOPS_PER_ITERATION = LANES * 2;

/** The { threads, iterations } of an fma-chains shape. */
export function fmaShape(shape: Shape): { threads: number; iterations: number } {
  const { threads, iterations } = shape;
  if (threads === undefined || iterations === undefined)
    throw new Error(`not an fma-peak shape: ${JSON.stringify(shape)}`);
  return { threads, iterations };
}

/** Starting value of lane `lane` (0..63) of invocation `index`, as the shader computes it (below 3). */
function chainStart(index: number, lane: number): number {
  const seed = (index % 1024) / 1024;
  return seed + Math.floor(lane / 4) * 0.125 + (lane % 4) * 0.03125;
}

/** The chains' precision: f32, or f16 (needs shader-f16 in the kernel). */
export interface FmaChainsOptions {
  dtype: 'f32' | 'f16';
}

/**
 * The chains' coefficients, exact in their precision: f32 0.999 and 0.001 (a slow contraction);
 * f16 0.5 and 0.5 (exact in f16, fast to converge, so f16 rounding stays far below the values).
 */
const COEFFICIENTS = {
  f32: { mul: Math.fround(0.999), add: Math.fround(0.001), unitRoundoff: F32_UNIT_ROUNDOFF },
  f16: { mul: 0.5, add: 0.5, unitRoundoff: F16_UNIT_ROUNDOFF },
};

/** FMA chains in `dtype`, writing one f32 per invocation. */
export function fmaChains({ dtype }: FmaChainsOptions): KernelProblem {
  const { mul, add, unitRoundoff } = COEFFICIENTS[dtype];
  return {
    name: `fma-chains ${dtype}`,
    summary: `independent ${dtype} FMA chains, no memory traffic`,
    family: 'peak',
    metric: 'flops',
    output: 'out',
    shapeFromSize: (size) => ({ threads: size * size, iterations: 256 }),
    formatShape(shape) {
      const { threads, iterations } = fmaShape(shape);
      return `${threads} threads x ${iterations} iters`;
    },
    buffers: (shape) => [{ name: 'out', role: 'output', type: 'f32', length: fmaShape(shape).threads }],
    flops: (shape) => {
      const { threads, iterations } = fmaShape(shape);
      return threads * iterations * FLOPS_PER_ITERATION;
    },
    bytes: (shape) => fmaShape(shape).threads * 4,
    uniforms(shape) {
      const { threads, iterations } = fmaShape(shape);
      return [{ u32: threads }, { u32: iterations }, { f32: mul }, { f32: add }];
    },
    reference(_inputs, shape, _params, index) {
      // x_n = mul^n (x_0 - x*) + x*, with fixed point x* = add / (1 - mul): exact, in O(1).
      const { iterations } = fmaShape(shape);
      const fixedPoint = add / (1 - mul);
      const decay = mul ** iterations;
      let value = 0;
      for (let lane = 0; lane < LANES; lane++) value += decay * (chainStart(index, lane) - fixedPoint) + fixedPoint;
      // Each step rounds at most twice (FMA or mul + add) at |x| < 3; the contraction mul damps
      // old errors, so one chain's error stays below 2u * 3 / (1 - mul); the start rounds once.
      // Then 63 additions in the shader's precision and one conversion to f32.
      const chainError = (2 * unitRoundoff * 3) / (1 - mul) + 3 * unitRoundoff;
      const tolerance =
        LANES * chainError + LANES * unitRoundoff * Math.abs(value) * 2 + F32_UNIT_ROUNDOFF * Math.abs(value);
      return { value, tolerance };
    },
    testShapes: [{ threads: 1000, iterations: 37 }],
  };
}
