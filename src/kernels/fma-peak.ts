import shader from '../../shaders/fma-peak.wgsl';
import shaderF16 from '../../shaders/fma-peak-f16.wgsl';
import { F16_UNIT_ROUNDOFF, F32_UNIT_ROUNDOFF, type KernelDescriptor, type Shape } from './types.js';

/**
 * Independent vec4 chains per invocation in the shader (16 chains x 4 lanes). Measured here
 * (SwiftShader, 2 x Zen 5): 2 chains 7.3 GFLOP/s, 4: 9.7, 8: 14.1, 16: 16.7, 32: 16.5; 16 is the
 * fewest that reach the plateau, i.e. enough independent work to hide the FMA latency.
 */
const LANES = 64;
/** FLOPs of one loop trip of one invocation: 64 FMAs, 2 FLOPs each. */
const FLOPS_PER_ITERATION = LANES * 2;
/** Largest workgroup count in one dimension every WebGPU device supports. */
const MAX_GROUPS_PER_DIMENSION = 65535;

function fmaShape(shape: Shape): { threads: number; iterations: number } {
  const { threads, iterations } = shape;
  if (threads === undefined || iterations === undefined) throw new Error(`not an fma-peak shape: ${JSON.stringify(shape)}`);
  return { threads, iterations };
}

/** Starting value of lane `lane` (0..63) of invocation `index`, as the shader computes it (below 3). */
function chainStart(index: number, lane: number): number {
  const seed = (index % 1024) / 1024;
  return seed + Math.floor(lane / 4) * 0.125 + (lane % 4) * 0.03125;
}

/** What differs between the f32 and the f16 peak kernels. */
interface FmaPeakVariant {
  name: string;
  summary: string;
  shader: string;
  requiredFeatures?: GPUFeatureName[];
  /** Chain coefficients x <- mul * x + add, exact in the shader's precision. */
  mul: number;
  add: number;
  /** Unit roundoff of the arithmetic in the chains. */
  unitRoundoff: number;
}

function fmaPeakKernel({ name, summary, shader: code, requiredFeatures, mul, add, unitRoundoff }: FmaPeakVariant): KernelDescriptor {
  return {
    name,
    summary,
    metric: 'flops',
    shader: code,
    ...(requiredFeatures ? { requiredFeatures } : {}),
    output: 'out',
    paramSpace: { WG_SIZE: [64, 128, 256] },
    defaultParams: { WG_SIZE: 256 },
    shapeFromSize: (size) => ({ threads: size * size, iterations: 256 }),
    formatShape(shape) {
      const { threads, iterations } = fmaShape(shape);
      return `${threads} threads x ${iterations} iters`;
    },
    buffers: (shape) => [{ name: 'out', role: 'output', type: 'f32', length: fmaShape(shape).threads }],
    stages(shape, params) {
      const { threads, iterations } = fmaShape(shape);
      const wgSize = params.WG_SIZE!;
      const groups = Math.ceil(threads / wgSize);
      const groupsX = Math.min(groups, MAX_GROUPS_PER_DIMENSION);
      return [
        {
          name: 'fma',
          entryPoint: 'main',
          constants: { WG_SIZE: wgSize },
          bindings: ['out'],
          uniforms: [{ u32: threads }, { u32: iterations }, { f32: mul }, { f32: add }],
          workgroupSize: [wgSize, 1, 1],
          workgroupStorageBytes: 0,
          workgroups: [groupsX, Math.ceil(groups / groupsX), 1],
        },
      ];
    },
    flops: (shape) => {
      const { threads, iterations } = fmaShape(shape);
      return threads * iterations * FLOPS_PER_ITERATION;
    },
    bytes: (shape) => fmaShape(shape).threads * 4,
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
      const tolerance = LANES * chainError + LANES * unitRoundoff * Math.abs(value) * 2 + F32_UNIT_ROUNDOFF * Math.abs(value);
      return { value, tolerance };
    },
  };
}

/** The measured f32 compute peak: FMA chains with no memory traffic in the loop. */
export const fmaPeak = fmaPeakKernel({
  name: 'fma-peak',
  summary: 'independent FMA chains, no memory traffic: the attainable f32 compute peak',
  shader,
  mul: Math.fround(0.999),
  add: Math.fround(0.001),
  unitRoundoff: F32_UNIT_ROUNDOFF,
});

/**
 * The measured f16 compute peak (adapters with shader-f16). Coefficients 0.5 and 0.5 are exact in
 * f16 and contract fast, so f16 rounding stays far below the values (fixed point 1).
 */
export const fmaPeakF16 = fmaPeakKernel({
  name: 'fma-peak-f16',
  summary: 'independent f16 FMA chains, no memory traffic: the attainable f16 compute peak (needs shader-f16)',
  shader: shaderF16,
  requiredFeatures: ['shader-f16'],
  mul: 0.5,
  add: 0.5,
  unitRoundoff: F16_UNIT_ROUNDOFF,
});
