/**
 * What the measuring core hands a runner for one case, as plain data: the buffers and how they
 * are filled, the shader sources, the dispatches, and which output elements to read back. The
 * runner (a browser page, Dawn in Node, the serve page) knows no kernel: it builds exactly this,
 * runs it once, returns the output elements, and later times it. The core checks the output
 * against the kernel's CPU reference itself (src/measure/case.ts).
 *
 * The runner trusts the core; the core validates everything the runner answers (the schemas).
 */
import { z } from 'zod';
import {
  FaultKindSchema,
  RawTimingSchema,
  SkipReasonSchema,
  type DeviceReport,
  type TimingOptions,
} from './messages.js';

/** Element types a buffer can hold. */
export type ElementType = 'f32' | 'f16' | 'u32';

/** Bytes per element of each element type. */
export const BYTES_PER_ELEMENT: Readonly<Record<ElementType, number>> = { f32: 4, f16: 2, u32: 4 };

/** One 4-byte uniform value, typed so it is packed with the right bit pattern. */
export type UniformValue = { u32: number } | { f32: number };

/**
 * A storage buffer of a program: `seeded` ones hold seededValues(length, seed, name) (rounded to f16 for f16
 * buffers), the rest zeros.
 */
export interface ProgramBuffer {
  name: string;
  type: ElementType;
  length: number;
  fill: 'seeded' | 'zero';
}

/** One dispatch of a program. */
export interface ProgramStage {
  /** Shown in per-stage timings, e.g. 'im2col' or 'gemm'. */
  name: string;
  /** Index into the program's `shaders`. */
  shader: number;
  entryPoint: string;
  /** WGSL `override` constants. */
  constants: Readonly<Record<string, number>>;
  /** Buffers bound at @group(0) @binding(i), in this order (a buffer may appear twice: two views). */
  bindings: readonly string[];
  /** Values packed, 4 bytes each, into a uniform buffer bound after the storage buffers; none when empty. */
  uniforms: readonly UniformValue[];
  workgroups: readonly [number, number, number];
}

/** A peer library's implementation, run on its own page instead of WGSL of ours. */
export interface PeerCall {
  /** The page of the runner's folder that runs it, e.g. 'tfjs.html'. */
  page: string;
  /** The kernel it implements (the peer page knows its own). */
  kernel: string;
  shape: Readonly<Record<string, number>>;
  params: Readonly<Record<string, number>>;
}

/** A whole case, ready to build on a device. */
export interface CaseProgram {
  /** For messages: kernel and shape. */
  label: string;
  /** Adapter features the shaders need (requested by the runner when the adapter has them). */
  requiredFeatures: readonly string[];
  seed: number;
  buffers: readonly ProgramBuffer[];
  /** WGSL sources, each compiled once; stages refer to them by index. */
  shaders: readonly string[];
  stages: readonly ProgramStage[];
  /** Set instead of shaders and stages: a peer library runs the case (its page fills the same buffers). */
  peer?: PeerCall;
  /** The buffer whose contents are checked. */
  output: string;
  /**
   * Which output elements come back: all when there are at most `maxChecked`, else sampleIndices(length,
   * maxChecked, seed).
   */
  maxChecked: number;
}

/** A WGSL compilation message as WebGPU gives it (GPUCompilationMessage), for the core to place in the source. */
export const CompileMessageSchema = z.object({
  type: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  lineNum: z.number().int(),
  linePos: z.number().int(),
  offset: z.number().int(),
  length: z.number().int(),
});
export type CompileMessage = z.infer<typeof CompileMessageSchema>;

/** A case that did not get as far as it should: its status, why, and what the core needs to say more. */
export const FailureSchema = z.object({
  status: z.enum(['unsupported', 'error']),
  message: z.string(),
  reason: SkipReasonSchema.optional(),
  fault: FaultKindSchema.optional(),
  /** A shader that did not compile: which one, and WebGPU's messages about it. */
  compile: z
    .object({ shader: z.number().int(), stage: z.string(), messages: z.array(CompileMessageSchema) })
    .optional(),
});
export type Failure = z.infer<typeof FailureSchema>;

/**
 * The answer to `prepare`: a handle to the built case and its output elements after one run (in
 * the order of the checked indices), or why it could not be built.
 */
export type Prepared = { ok: true; handle: number; output: Float32Array } | { ok: false; failure: Failure };

/** `Prepared` as a page sends it: the output as the base64 of its f32 bytes (exact, NaN and infinities included). */
export const PreparedWireSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), handle: z.number().int(), output: z.string() }),
  z.object({ ok: z.literal(false), failure: FailureSchema }),
]);
export type PreparedWire = z.infer<typeof PreparedWireSchema>;

/** The answer to `time`: the raw timing, or why there is none. */
export const TimedSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), timing: RawTimingSchema }),
  z.object({ ok: z.literal(false), failure: FailureSchema }),
]);
export type Timed = z.infer<typeof TimedSchema>;

/**
 * The answer to `timeInterleaved`: both sides' raw timings and the ratio B/A of every block of four samples,
 * or why there are none.
 */
export const TimedPairSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), timings: z.tuple([RawTimingSchema, RawTimingSchema]), ratios: z.array(z.number()) }),
  z.object({ ok: z.literal(false), failure: FailureSchema }),
]);
export type TimedPair = z.infer<typeof TimedPairSchema>;

/** What a runner exposes: a page as `window.flopscope`, Dawn and the serve page in process. */
export interface ExecutorApi {
  /**
   * Opens the device, asking for `features` (those the kernels need) where the adapter has them; again after
   * a loss.
   */
  init(options?: { features?: readonly string[] }): Promise<DeviceReport>;
  /** Builds the case, runs it once and reads back the output elements to check. */
  prepare(program: CaseProgram): Promise<Prepared>;
  /** Times a prepared case (warm-up, batches, stopping rule: src/runner/timing.ts). */
  time(handle: number, timing: TimingOptions): Promise<Timed>;
  /** Times two prepared cases against each other, sample by sample in a balanced order (src/runner/interleave.ts). */
  timeInterleaved(handles: readonly [number, number], timing: TimingOptions): Promise<TimedPair>;
  /** Frees a prepared case's buffers and pipelines. */
  release(handle: number): Promise<void>;
}
