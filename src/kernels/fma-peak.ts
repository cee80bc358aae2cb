import shader from '../../shaders/fma-peak.wgsl';
import { F32_UNIT_ROUNDOFF, type KernelDescriptor, type Shape } from './types.js';

/** Independent vec4 chains per invocation in the shader (8 chains x 4 lanes). */
const LANES = 32;
/** FLOPs of one loop trip of one invocation: 32 FMAs, 2 FLOPs each. */
const FLOPS_PER_ITERATION = LANES * 2;
/** Chain coefficients x <- MUL * x + ADD as the uniform stores them (f32). */
const MUL = Math.fround(0.999);
const ADD = Math.fround(0.001);
/** Largest workgroup count in one dimension every WebGPU device supports. */
const MAX_GROUPS_PER_DIMENSION = 65535;

function fmaShape(shape: Shape): { threads: number; iterations: number } {
  const { threads, iterations } = shape;
  if (threads === undefined || iterations === undefined) throw new Error(`not an fma-peak shape: ${JSON.stringify(shape)}`);
  return { threads, iterations };
}

/** Starting value of lane `lane` (0..31) of invocation `index`, as the shader computes it. */
function chainStart(index: number, lane: number): number {
  const seed = (index % 1024) / 1024;
  return seed + Math.floor(lane / 4) * 0.125 + (lane % 4) * 0.03125;
}

/** The measured compute peak: FMA chains with no memory traffic in the loop. */
export const fmaPeak: KernelDescriptor = {
  name: 'fma-peak',
  summary: 'independent FMA chains, no memory traffic: the attainable f32 compute peak',
  metric: 'flops',
  shader,
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
        uniforms: [{ u32: threads }, { u32: iterations }, { f32: MUL }, { f32: ADD }],
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
    // x_n = MUL^n (x_0 - x*) + x*, with fixed point x* = ADD / (1 - MUL): exact, in O(1).
    const { iterations } = fmaShape(shape);
    const fixedPoint = ADD / (1 - MUL);
    const decay = MUL ** iterations;
    let value = 0;
    for (let lane = 0; lane < LANES; lane++) value += decay * (chainStart(index, lane) - fixedPoint) + fixedPoint;
    // Each step rounds at most twice (FMA or mul + add) at |x| <= 2; the contraction MUL damps
    // old errors, so one chain's error stays below 2u * 2 / (1 - MUL). Then 31 additions.
    const chainError = (2 * F32_UNIT_ROUNDOFF * 2) / (1 - MUL);
    const tolerance = LANES * chainError + LANES * F32_UNIT_ROUNDOFF * Math.abs(value) * 2;
    return { value, tolerance };
  },
};
