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

/** How long to measure a case and when to stop. */
export const TimingOptionsSchema = z.object({
  clock: ClockChoiceSchema,
  /** Time spent running the kernel untimed after the first (compiling) run. */
  warmupMs: z.number().nonnegative(),
  /** Each sample times a batch of dispatches lasting at least this long. */
  minSampleMs: z.number().positive(),
  minSamples: z.number().int().positive(),
  maxSamples: z.number().int().positive(),
  /** Budget for the timed samples of one case. */
  maxTimeMs: z.number().positive(),
});
export type TimingOptions = z.infer<typeof TimingOptionsSchema>;

/** Host -> page: run one case. */
export const CaseRequestSchema = z.object({
  kernel: z.string(),
  shape: z.record(z.string(), z.number()),
  params: z.record(z.string(), z.number()),
  seed: z.number().int(),
  timing: TimingOptionsSchema,
  /** Outputs up to this many elements are checked whole; larger ones on a seeded sample of this many. */
  maxCheckedElements: z.number().int().positive(),
});
export type CaseRequest = z.infer<typeof CaseRequestSchema>;

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

/** Raw timing of one case as the page measured it. */
export const RawTimingSchema = z.object({
  clock: ClockSchema,
  /** Dispatches (runs of the whole kernel) per timed sample. */
  batchSize: z.number().int().positive(),
  /** Time per run of the kernel, one entry per sample, in milliseconds. */
  samplesMs: z.array(z.number()),
  /** Samples thrown away because the GPU clock went backwards or did not move. */
  droppedSamples: z.number().int().nonnegative(),
  /** Wall-clock time spent in timed samples. */
  elapsedMs: z.number(),
  warmupRuns: z.number().int().nonnegative(),
  stopReason: z.enum(['min-samples', 'max-samples', 'max-time']),
  /** Raw durations of the timed batches in nanoseconds (GPU timestamps only), for diagnostics. */
  batchNs: z.array(z.number()).optional(),
});
export type RawTiming = z.infer<typeof RawTimingSchema>;

/** Status of a case: ok, failed its check, not runnable on this adapter, or an error. */
export const CaseStatusSchema = z.enum(['ok', 'incorrect', 'unsupported', 'error']);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

/** Page -> host: what happened to one case. */
export const CaseOutcomeSchema = z.object({
  status: CaseStatusSchema,
  message: z.string().optional(),
  correctness: CorrectnessSchema.nullable(),
  timing: RawTimingSchema.nullable(),
});
export type CaseOutcome = z.infer<typeof CaseOutcomeSchema>;

/** Page -> host, while a case runs: what it is doing now. */
export const ProgressEventSchema = z.object({
  phase: z.enum(['compile', 'check', 'warmup', 'sample']),
  samples: z.number().int().optional(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

/** What the page exposes as `window.flopscope`. */
export interface RunnerApi {
  init(): Promise<DeviceReport>;
  runCase(request: CaseRequest): Promise<CaseOutcome>;
}
