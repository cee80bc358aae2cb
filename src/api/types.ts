/**
 * What a kernel is to flopscope: a WGSL shader and a problem (what it computes, how big its
 * buffers are, how much useful work it does, how to check its output) plus how it is dispatched
 * and tuned. defineKernel (src/api/define-kernel.ts) makes one; the measuring core knows kernels
 * only through this interface, and the runner does not know them at all.
 */

import type { ElementType, UniformValue } from '../protocol/program.js';

export { BYTES_PER_ELEMENT, type ElementType, type UniformValue } from '../protocol/program.js';

/** A problem shape: named sizes, e.g. { m, n, k } for a matmul. */
export type Shape = Readonly<Record<string, number>>;

/** Values of a kernel's tunable parameters (WGSL override constants and layout choices). */
export type Params = Readonly<Record<string, number>>;

/** The subset of GPUSupportedLimits a kernel's configuration can run into. */
export type DeviceLimits = Readonly<Record<string, number>>;

/** A storage buffer a kernel binds. Inputs are filled with seeded values in [-1, 1). */
export interface BufferSpec {
  name: string;
  role: 'input' | 'output' | 'scratch';
  type: ElementType;
  /** Number of elements. */
  length: number;
}

/** One compute dispatch: a pipeline (entry point + override constants) over some buffers. */
export interface StageSpec {
  /** Shown in per-stage timings, e.g. 'im2col' or 'gemm'. */
  name: string;
  /** WGSL source; defaults to the kernel's shader. */
  shader?: string;
  entryPoint: string;
  /** WGSL `override` constants for this stage. */
  constants: Readonly<Record<string, number>>;
  /** Buffers bound at @group(0) @binding(i), in this order. */
  bindings: readonly string[];
  /** Values packed (4 bytes each, in order) into a uniform buffer at @binding(bindings.length). */
  uniforms?: readonly UniformValue[];
  /** Invocations per workgroup (x, y, z): what the override constants make @workgroup_size. */
  workgroupSize: readonly [number, number, number];
  /** Bytes of var<workgroup> storage the stage declares (0 when none). */
  workgroupStorageBytes: number;
  /** Workgroup counts (x, y, z). */
  workgroups: readonly [number, number, number];
}

/** The expected value of one output element and how far a correct kernel may stray from it. */
export interface ReferenceValue {
  value: number;
  /** Largest absolute error a correct implementation can make (scaled by reduction length and epsilon). */
  tolerance: number;
}

/** Unit roundoff of f32 (2^-24): the relative error of one correctly rounded operation. */
export const F32_UNIT_ROUNDOFF = 2 ** -24;
/** Unit roundoff of f16 (2^-11). */
export const F16_UNIT_ROUNDOFF = 2 ** -11;

/** The axes a kernel can be tuned along, each with its candidate values. */
export type ParamSpace = Readonly<Record<string, readonly number[]>>;

/** The kind of figure a kernel is judged by. */
export type Metric = 'flops' | 'bandwidth';

/**
 * What a kernel competes with in suites: matmul strategies, conv strategies, bandwidth kernels, peak kernels,
 * or a user's own kind.
 */
export type KernelFamily = 'matmul' | 'conv' | 'bandwidth' | 'peak' | (string & {});

/** A configuration is tuned for a CPU-rendered adapter (SwiftShader, lavapipe, WARP) or a GPU. */
export type AdapterClass = 'software' | 'gpu';

/** Tuned configurations per class of adapter and square size; size 0 stands for any other size. */
export type TunedParams = Readonly<Partial<Record<AdapterClass, Readonly<Record<number, Params>>>>>;

/** Marks what defineKernel returns (a registered symbol: the same in every copy of flopscope). */
export const KERNEL_BRAND: unique symbol = Symbol.for('flopscope.kernel') as never;

/**
 * What a kernel computes, independent of how: its buffers and seeded inputs, its useful work
 * and its CPU reference. The problems of src/api/problems/ (gemm, conv2d, gemv, copy, fmaChains,
 * custom) are these.
 */
export interface KernelProblem {
  /** Short name, e.g. 'gemm f32'. */
  name: string;
  /** What it computes, one line. */
  summary: string;
  /** The family its kernels belong to unless they say otherwise. */
  family: KernelFamily;
  /** Headline figure: GFLOP/s for compute kernels, GB/s for memory-bound ones. */
  metric: Metric;
  /** Name of the buffer whose contents are checked. */
  output: string;
  /** Shape for a one-number size on the command line (`--sizes 256`). */
  shapeFromSize(size: number): Shape;
  /** Human label of a shape, e.g. '256x256x256'. */
  formatShape(shape: Shape): string;
  /** Why `shape` is not a shape of this problem (a missing or impossible size), or null. */
  checkShape?(shape: Shape): string | null;
  /** Buffers for this shape (inputs are filled with seeded values in [-1, 1)). */
  buffers(shape: Shape, params: Params): BufferSpec[];
  /** Useful FLOPs of one run (from src/flops, never what a kernel happens to execute). */
  flops(shape: Shape): number;
  /** Least bytes one run must move to and from memory. */
  bytes(shape: Shape): number;
  /** Reference value of output element `index`, computed on the CPU from the inputs, with its tolerance. */
  reference(
    inputs: Readonly<Record<string, Float32Array>>,
    shape: Shape,
    params: Params,
    index: number,
  ): ReferenceValue;
  /** The uniform block its shaders declare, bound after the buffers (e.g. gemm's Dims { m, n, k, batch }). */
  uniforms?(shape: Shape): readonly UniformValue[];
  /** The default binding order, when it is not the buffers' order (e.g. vec4 views of the same buffers). */
  bindings?: readonly string[];
  /** Shapes that tell a correct kernel from a wrong one: not square, not multiples of a tile, batched. */
  testShapes: readonly Shape[];
}

/** A benchmarkable kernel: what defineKernel returns. */
export interface KernelDescriptor {
  readonly [KERNEL_BRAND]: true;
  /** Unique name used on the command line, e.g. 'matmul-naive'. */
  name: string;
  /** One line for `--help` and reports. */
  summary: string;
  /** Headline figure: GFLOP/s for compute kernels, GB/s for memory-bound ones. */
  metric: Metric;
  family: KernelFamily;
  /** The simplest kernel of its family (matmul-naive), which suites measure the others against. */
  baseline?: boolean;
  /** How fast it is among its family where it runs, higher is faster (built-ins; see defineKernel). */
  rank?: number;
  /** Its problem's name, e.g. 'gemm f32'. */
  problem: string;
  /** WGSL source of the kernel's main shader (what it imports linked in), once loaded. */
  shader: string;
  /**
   * Where the shader came from: its file (null for inline source); `pending` until a path is read
   * (src/host/kernel-loader.ts).
   */
  source: {
    file: string | null;
    pending: { path: string; base: string | null } | null;
    hash?: string | undefined;
    module?: string | undefined;
  };
  /**
   * A peer library's implementation (e.g. TF.js), run on this page of the runner's folder instead of
   * the runner page: it has no shader or stages of ours.
   */
  peer?: string;
  /** Adapter features the kernel cannot run without (e.g. 'shader-f16'); absent ones make it `unsupported`. */
  requiredFeatures?: readonly string[];
  /** Tuned configurations per adapter class and size (applied once the adapter is known; --param still wins). */
  tuned?: TunedParams;
  /** Axes of the tuning space and their candidate values. */
  paramSpace: ParamSpace;
  /** The configuration used when none is asked for. */
  defaultParams: Params;
  /** Shape for a one-number size on the command line (`--sizes 256`). */
  shapeFromSize(size: number): Shape;
  /** Human label of a shape, e.g. '256x256x256'. */
  formatShape(shape: Shape): string;
  /**
   * Why this configuration is invalid for this shape (beyond the device limits that
   * src/measure/limits.ts checks for every kernel), or null when it is valid.
   */
  checkConfig?(shape: Shape, params: Params): string | null;
  /** Buffers the kernel binds for this shape and configuration. */
  buffers(shape: Shape, params: Params): BufferSpec[];
  /** The dispatches that make up one run of the kernel, in order. */
  stages(shape: Shape, params: Params): StageSpec[];
  /** Useful FLOPs of one run (from src/flops, never what the kernel happens to execute). */
  flops(shape: Shape): number;
  /** Least bytes one run must move to and from memory. */
  bytes(shape: Shape): number;
  /** Name of the buffer whose contents are checked. */
  output: string;
  /** Reference value of output element `index`, computed on the CPU from the inputs. */
  reference(
    inputs: Readonly<Record<string, Float32Array>>,
    shape: Shape,
    params: Params,
    index: number,
  ): ReferenceValue;
  /** Its problem's test shapes (see KernelProblem.testShapes). */
  testShapes: readonly Shape[];
}
