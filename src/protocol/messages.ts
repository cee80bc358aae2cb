/**
 * The one message protocol between the host (Node) and the runner page. Declared once here as
 * zod schemas; the host validates everything the page sends back, the page trusts the host.
 */
import { z } from 'zod';

/** What the adapter says about itself (GPUAdapterInfo). */
export const AdapterInfoSchema = z.object({
  vendor: z.string(),
  architecture: z.string(),
  device: z.string(),
  description: z.string(),
  isFallbackAdapter: z.boolean().optional(),
  subgroupMinSize: z.number().optional(),
  subgroupMaxSize: z.number().optional(),
});
export type AdapterInfo = z.infer<typeof AdapterInfoSchema>;

/** The page's answer to `init`: the adapter it got and what it can do. */
export const DeviceReportSchema = z.object({
  userAgent: z.string(),
  adapter: AdapterInfoSchema,
  features: z.array(z.string()),
  limits: z.record(z.string(), z.number()),
  /** Whether GPU timestamps are available (the adapter has 'timestamp-query'). */
  timestampQuery: z.boolean(),
});
export type DeviceReport = z.infer<typeof DeviceReportSchema>;

/** Which clock times the samples. `auto` = GPU timestamps when the adapter has them. */
export const ClockChoiceSchema = z.enum(['auto', 'gpu-timestamp', 'wall']);
export type ClockChoice = z.infer<typeof ClockChoiceSchema>;

/** The clock a figure actually came from. */
export const ClockSchema = z.enum(['gpu-timestamp', 'wall']);
export type Clock = z.infer<typeof ClockSchema>;

/** Hot: samples back to back, caches warm. Cold: the GPU's caches are evicted before every sample. */
export const CacheModeSchema = z.enum(['hot', 'cold']);
export type CacheMode = z.infer<typeof CacheModeSchema>;

/** How long to measure a case and when to stop (the stopping rule of src/stats/stopping.ts). */
export const TimingOptionsSchema = z.object({
  clock: ClockChoiceSchema,
  mode: CacheModeSchema,
  /** Time spent running the kernel untimed after the first (compiling, checked) run. */
  warmupMs: z.number().nonnegative(),
  /** Each sample times a batch of dispatches lasting at least this long (hot mode). */
  minSampleMs: z.number().positive(),
  /** Stop once the 95% interval of the median is within ± this fraction of it (0.01 = ±1%). */
  noiseTarget: z.number().positive(),
  /** Never stop for noise with fewer samples. */
  minSamples: z.number().int().positive(),
  maxSamples: z.number().int().positive(),
  /** Budget for the timed samples of one case; the case stops when it runs out (with at least 3 samples). */
  maxTimeMs: z.number().positive(),
});
export type TimingOptions = z.infer<typeof TimingOptionsSchema>;

/** The worst element the correctness check found. */
export const WorstElementSchema = z.object({
  index: z.number().int(),
  expected: z.number(),
  actual: z.number().nullable(),
  tolerance: z.number(),
});

/** Outcome of comparing the kernel's output with the CPU reference. */
export const CorrectnessSchema = z.object({
  passed: z.boolean(),
  mode: z.enum(['full', 'sampled']),
  checked: z.number().int(),
  total: z.number().int(),
  mismatches: z.number().int(),
  maxAbsError: z.number().nullable(),
  /** Largest |error| / tolerance over the checked elements: below 1 passes. */
  maxErrorRatio: z.number().nullable(),
  worst: WorstElementSchema.nullable(),
});
export type Correctness = z.infer<typeof CorrectnessSchema>;

/** Why a case stopped taking samples. */
export const StopReasonSchema = z.enum(['noise-target', 'max-time', 'max-samples']);

/** The timer's step as the page found it: GPU timestamp deltas on a grid, or performance.now()'s tick. */
export const TimerResolutionSchema = z.object({
  /** Smallest step of the clock in ns (1 when GPU timestamps show no grid). */
  stepNs: z.number().nonnegative(),
  /** The readings sit on a grid coarser than 1 ns. */
  quantized: z.boolean(),
  /** The step was too coarse for the first batch size, which was lengthened. */
  batchLengthened: z.boolean(),
});
export type TimerResolution = z.infer<typeof TimerResolutionSchema>;

/** Time of one stage of a multi-stage kernel (e.g. im2col, then gemm), measured on its own. */
export const StageTimingSchema = z.object({
  name: z.string(),
  samplesMs: z.array(z.number()),
});
export type StageTiming = z.infer<typeof StageTimingSchema>;

/** Raw timing of one case as the page measured it. */
export const RawTimingSchema = z.object({
  clock: ClockSchema,
  mode: CacheModeSchema,
  /** Dispatches (runs of the whole kernel) per timed sample. */
  batchSize: z.number().int().positive(),
  /** Time per run of the kernel, one entry per sample, in milliseconds. */
  samplesMs: z.array(z.number()),
  /** Samples thrown away because the GPU clock went backwards or did not move. */
  droppedSamples: z.number().int().nonnegative(),
  /** Samples taken with a batch too short for the timer's step, discarded when the batch was lengthened. */
  discardedSamples: z.number().int().nonnegative(),
  /** Samples dropped from the start of the case because they differed from the rest (src/stats/transient.ts). */
  transientSamples: z.number().int().nonnegative(),
  /** Wall-clock time spent in timed samples. */
  elapsedMs: z.number(),
  warmupRuns: z.number().int().nonnegative(),
  stopReason: StopReasonSchema,
  resolution: TimerResolutionSchema,
  /** Bytes touched between samples to evict the caches (cold mode), else 0. */
  evictBytes: z.number().int().nonnegative(),
  /** Per-stage times of kernels with more than one stage. */
  stages: z.array(StageTimingSchema).optional(),
  /** Raw durations of the timed batches in nanoseconds (GPU timestamps only), for diagnostics. */
  batchNs: z.array(z.number()).optional(),
  /** With several rounds (src/measure/rounds.ts): the median of each round's samples, in order. */
  roundMedians: z.array(z.number()).optional(),
  /**
   * With --launches: the median of each launch's samples (each in a fresh browser process), in order; the
   * interval counts their spread.
   */
  launchMedians: z.array(z.number()).optional(),
});
export type RawTiming = z.infer<typeof RawTimingSchema>;

/** Status of a case: ok, failed its check, not runnable on this adapter, or an error. */
export const CaseStatusSchema = z.enum(['ok', 'incorrect', 'unsupported', 'error']);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

/** Why a case was not run, as a code (the message says it in words). */
export const SkipReasonSchema = z.enum([
  /** The adapter lacks a feature the kernel needs (shader-f16, subgroups). */
  'missing-feature',
  /** A device limit (buffer size, workgroup size, storage) rules the configuration out. */
  'device-limit',
  /** The kernel's own rules rule the configuration out (checkConfig). */
  'invalid-configuration',
  /** GPU timestamps were asked for and the adapter has none. */
  'no-timestamps',
]);
export type SkipReason = z.infer<typeof SkipReasonSchema>;

/**
 * What went wrong outside the kernel: the runner itself failed, so the core may relaunch it
 * (src/measure/faults.ts).
 */
export const FaultKindSchema = z.enum(['browser-exited', 'page-crashed', 'device-lost', 'disconnected']);
export type FaultKind = z.infer<typeof FaultKindSchema>;

/** What was wrong with the kernel itself when a case failed: its shader did not compile (the user's code to fix). */
export const KernelErrorSchema = z.enum(['shader-compile']);
export type KernelError = z.infer<typeof KernelErrorSchema>;

/**
 * What happened to one case: measured, failed its check, skipped (with a reason code) or failed (with a fault
 * code when the runner did).
 */
export const CaseOutcomeSchema = z.object({
  status: CaseStatusSchema,
  message: z.string().optional(),
  reason: SkipReasonSchema.optional(),
  fault: FaultKindSchema.optional(),
  error: KernelErrorSchema.optional(),
  correctness: CorrectnessSchema.nullable(),
  timing: RawTimingSchema.nullable(),
});
export type CaseOutcome = z.infer<typeof CaseOutcomeSchema>;

/** Page -> host, while a case runs: what it is doing now. */
export const ProgressEventSchema = z.object({
  phase: z.enum(['compile', 'check', 'warmup', 'sample', 'stages']),
  samples: z.number().int().optional(),
  /** Relative half-width of the median's 95% interval so far (null until 6 samples). */
  relHalfWidth: z.number().nullable().optional(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;
