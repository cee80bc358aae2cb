/**
 * `defineKernel`: a kernel from a shader, a problem and a parameter space. The problem (gemm,
 * conv2d, gemv, copy, fmaChains or custom; src/api/problems/) brings the buffers, the seeded
 * inputs, the useful FLOPs and bytes from src/flops and the CPU reference; the kernel adds its
 * WGSL, its `override` parameters and its dispatch. Every built-in kernel is defined this way,
 * and so is a user's. Pure: a shader given as a path is read when the kernel is loaded
 * (src/host/kernel-loader.ts), not here.
 */
import { UsageError } from '../errors.js';
import {
  KERNEL_BRAND,
  type KernelDescriptor,
  type KernelFamily,
  type KernelProblem,
  type ParamSpace,
  type Params,
  type Shape,
  type StageSpec,
  type TunedParams,
  type UniformValue,
} from './types.js';

/**
 * Where a kernel's WGSL comes from: a file (a path relative to the module that defines the kernel, or a file:
 * URL), or the source itself.
 */
export type ShaderSource = string | URL | { code: string; file?: string | undefined };

/** What a kernel says about itself; see defineKernel. */
export interface KernelDefinition {
  /** Unique name on the command line and in results, e.g. 'my-matmul' (letters, digits, '-', '_', '.'). */
  name: string;
  /** One line for listings and reports. */
  summary?: string | undefined;
  shader: ShaderSource;
  problem: KernelProblem;
  /** The tuning space: each WGSL `override` the kernel tunes, with its candidate values. */
  params?: ParamSpace | undefined;
  /** The configuration used when none is asked for (default: the first value of each axis). */
  defaults?: Params | undefined;
  /** What it competes with in suites: 'matmul', 'conv', 'bandwidth', 'peak' (default: the problem's). */
  family?: KernelFamily | undefined;
  /** The simplest kernel of its family, the one the others are measured against (matmul-naive). */
  baseline?: boolean | undefined;
  /**
   * Built-in kernels: how fast it is among its family where it runs (higher is faster), from
   * flopscope's own measurements. Model workloads run each layer on the highest-ranked kernel the
   * adapter supports, and the quick suite measures the top one beside the baseline.
   */
  rank?: number | undefined;
  /** Tuned configurations per class of adapter and square size (0: any other size); they win over `defaults` there. */
  tuned?: TunedParams | undefined;
  /** Adapter features the shader needs (e.g. 'shader-f16', 'subgroups'); without them cases are `unsupported`. */
  requiredFeatures?: readonly string[] | undefined;
  /** Why a configuration is invalid for a shape (beyond device limits, which are checked for every kernel), or null. */
  checkConfig?: ((shape: Shape, params: Params) => string | null) | undefined;

  // One dispatch (most kernels): the shader's entry point over the problem's buffers.
  /**
   * Workgroups to dispatch (x, y, z), e.g. (shape, p) => [Math.ceil(shape.n / p.TILE), Math.ceil(shape.m /
   * p.TILE), 1].
   */
  workgroups?: ((shape: Shape, params: Params) => readonly [number, number, number]) | undefined;
  /** Invocations per workgroup (x, y, z) that the shader's @workgroup_size gives for these parameters. */
  workgroupSize?: ((params: Params) => readonly [number, number, number]) | undefined;
  /** Bytes of var<workgroup> storage for these parameters (checked against the device's limit), default 0. */
  workgroupStorageBytes?: ((params: Params) => number) | undefined;
  /** Entry point, default 'main'. */
  entryPoint?: string | ((shape: Shape, params: Params) => string) | undefined;
  /** The override constants of a configuration, default: the parameters themselves. */
  constants?: ((params: Params, shape: Shape) => Readonly<Record<string, number>>) | undefined;
  /**
   * Buffers bound at @binding(0), (1), ... in order (one buffer may appear twice: two views), default the
   * problem's.
   */
  bindings?: readonly string[] | undefined;
  /** The uniform block bound after the buffers, default the problem's. */
  uniforms?: ((shape: Shape, params: Params) => readonly UniformValue[]) | undefined;

  /** Several dispatches instead (im2col then a GEMM, say): each stage in full. */
  stages?: ((shape: Shape, params: Params) => StageSpec[]) | undefined;
  /**
   * A peer library's implementation on this page of the runner (TF.js, ONNX Runtime Web): no shader or stages
   * of ours.
   */
  peer?: string | undefined;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The file of the caller of defineKernel (V8 stack frames), so that a relative shader path is the module's. */
function callerFile(): string | null {
  const original = Error.prepareStackTrace;
  try {
    let frames: NodeJS.CallSite[] = [];
    Error.prepareStackTrace = (_error, callSites) => callSites;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace?.(holder, defineKernel);
    frames = (holder.stack as NodeJS.CallSite[] | undefined) ?? [];
    const file =
      frames.map((frame) => frame.getFileName?.() ?? null).find((name) => name !== null && name !== undefined) ?? null;
    return file;
  } catch {
    return null;
  } finally {
    Error.prepareStackTrace = original;
  }
}

/** The shader reference of a definition: source text now, or a file to read at load time. */
function shaderOf(
  source: ShaderSource,
  definedIn: string | null,
): { code: string; file: string | null; pending: { path: string; base: string | null } | null } {
  if (typeof source === 'object' && !(source instanceof URL))
    return { code: source.code, file: source.file ?? null, pending: null };
  const path = source instanceof URL ? source.href : source;
  return { code: '', file: null, pending: { path, base: definedIn } };
}

/**
 * A kernel. At least `name`, `shader`, `problem` and its dispatch (`workgroups`, or `stages`);
 * a one-line UsageError names what is missing or wrong.
 */
export function defineKernel(definition: KernelDefinition): KernelDescriptor {
  const { name, problem } = definition;
  const where = `kernel ${JSON.stringify(name)}`;
  if (typeof name !== 'string' || !NAME.test(name))
    throw new UsageError(
      `${where}: a kernel name is letters, digits, '-', '_' and '.', starting with a letter or digit`,
    );
  if (!problem || typeof problem.buffers !== 'function')
    throw new UsageError(`${where}: give a problem (gemm(), conv2d(), gemv(), copy(), custom({...}) from 'flopscope')`);
  const space: ParamSpace = definition.params ?? {};
  for (const [key, values] of Object.entries(space)) {
    if (!Array.isArray(values) || values.length === 0 || !values.every((v) => Number.isFinite(v))) {
      throw new UsageError(`${where}: params.${key} must be a non-empty list of numbers, e.g. ${key}: [8, 16, 32]`);
    }
  }
  const defaults: Params = {
    ...Object.fromEntries(Object.entries(space).map(([key, values]) => [key, values[0]!])),
    ...definition.defaults,
  };
  for (const [key, value] of Object.entries(defaults)) {
    if (space[key] && !space[key].includes(value))
      throw new UsageError(`${where}: defaults.${key} = ${value} is not in params.${key} (${space[key].join(', ')})`);
  }
  if (!definition.peer && !definition.stages && !definition.workgroups) {
    throw new UsageError(
      `${where}: say how it is dispatched: workgroups(shape, params) => [x, y, z] (or stages(shape, params) for several dispatches)`,
    );
  }
  const shader = definition.peer ? { code: '', file: null, pending: null } : shaderOf(definition.shader, callerFile());
  const entry = definition.entryPoint ?? 'main';
  const stages =
    definition.stages ??
    ((shape: Shape, params: Params): StageSpec[] =>
      definition.peer
        ? []
        : [
            {
              name: 'main',
              entryPoint: typeof entry === 'function' ? entry(shape, params) : entry,
              constants: definition.constants ? definition.constants(params, shape) : { ...params },
              bindings:
                definition.bindings ?? problem.bindings ?? problem.buffers(shape, params).map((buffer) => buffer.name),
              uniforms: definition.uniforms ? definition.uniforms(shape, params) : (problem.uniforms?.(shape) ?? []),
              workgroupSize: definition.workgroupSize ? definition.workgroupSize(params) : [1, 1, 1],
              workgroupStorageBytes: definition.workgroupStorageBytes?.(params) ?? 0,
              workgroups: definition.workgroups!(shape, params),
            },
          ]);
  const descriptor: KernelDescriptor = {
    [KERNEL_BRAND]: true,
    name,
    summary: definition.summary ?? `${problem.summary}: ${name}`,
    metric: problem.metric,
    family: definition.family ?? problem.family,
    ...(definition.baseline ? { baseline: true } : {}),
    ...(definition.rank !== undefined ? { rank: definition.rank } : {}),
    problem: problem.name,
    shader: shader.code,
    source: { file: shader.file, pending: shader.pending },
    ...(definition.peer ? { peer: definition.peer } : {}),
    ...(definition.requiredFeatures ? { requiredFeatures: [...definition.requiredFeatures] } : {}),
    ...(definition.tuned ? { tuned: definition.tuned } : {}),
    paramSpace: space,
    defaultParams: defaults,
    shapeFromSize: (size) => problem.shapeFromSize(size),
    formatShape: (shape) => problem.formatShape(shape),
    checkConfig: (shape, params) => problem.checkShape?.(shape) ?? definition.checkConfig?.(shape, params) ?? null,
    buffers: (shape, params) => problem.buffers(shape, params),
    stages,
    flops: (shape) => problem.flops(shape),
    bytes: (shape) => problem.bytes(shape),
    output: problem.output,
    reference: (inputs, shape, params, index) => problem.reference(inputs, shape, params, index),
    testShapes: problem.testShapes,
  };
  return descriptor;
}

/** True for what defineKernel returns (how a loaded module's exports are told apart). */
export function isKernel(value: unknown): value is KernelDescriptor {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[KERNEL_BRAND] === true;
}
