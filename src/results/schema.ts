/**
 * The results file: everything needed to reproduce a run and compare it with another.
 * Versioned (`schema`) and validated whenever it is read.
 */
import { z } from 'zod';
import { AdapterInfoSchema, CaseStatusSchema, ClockSchema, CorrectnessSchema, TimingOptionsSchema } from '../protocol/messages.js';

/** The schema identifier this version of flopscope writes and reads. */
export const RESULTS_SCHEMA = 'flopscope/results@1';

/** Summary of a case's samples (all times per run of the kernel, in ms). */
export const TimingSummarySchema = z.object({
  clock: ClockSchema,
  medianMs: z.number(),
  minMs: z.number(),
  meanMs: z.number(),
  maxMs: z.number(),
  sampleCount: z.number().int(),
  /** Runs of the kernel per timed sample. */
  batchSize: z.number().int(),
  droppedSamples: z.number().int(),
  warmupRuns: z.number().int(),
  stopReason: z.string(),
  /** Wall-clock time spent taking the samples. */
  elapsedMs: z.number(),
});
export type TimingSummary = z.infer<typeof TimingSummarySchema>;

/** One measured case: a kernel at a shape with a configuration. */
export const CaseRecordSchema = z.object({
  /** Stable key used to match cases across runs: kernel, shape and parameters. */
  id: z.string(),
  kernel: z.string(),
  /** `peak` cases measure the device's attainable peak; `benchmark` cases are the suite. */
  role: z.enum(['benchmark', 'peak']),
  shape: z.record(z.string(), z.number()),
  shapeLabel: z.string(),
  params: z.record(z.string(), z.number()),
  metric: z.enum(['flops', 'bandwidth']),
  status: CaseStatusSchema,
  message: z.string().optional(),
  /** Time per run of the kernel, one per sample, in ms (the clock is timing.clock). */
  samples: z.array(z.number()),
  timing: TimingSummarySchema.nullable(),
  correctness: CorrectnessSchema.nullable(),
  /** Useful FLOPs of one run (src/flops). */
  flops: z.number(),
  /** Least bytes one run moves. */
  bytes: z.number(),
  /** Useful FLOPs / median time, in GFLOP/s; null unless the case is ok. */
  gflops: z.number().nullable(),
  /** Least bytes / median time, in GB/s (1e9 bytes); null unless the case is ok. */
  gbPerS: z.number().nullable(),
  /** gflops / the measured fma-peak of this run (a fraction); null when either is unknown. */
  fractionOfMeasuredPeak: z.number().nullable(),
});
export type CaseRecord = z.infer<typeof CaseRecordSchema>;

/** Where and with what a run happened. */
export const RunEnvironmentSchema = z.object({
  harness: z.object({ version: z.string(), commit: z.string().nullable() }),
  browser: z.object({
    version: z.string(),
    userAgent: z.string(),
    executable: z.string().nullable(),
    source: z.string(),
    flags: z.array(z.string()),
  }),
  adapter: AdapterInfoSchema,
  features: z.array(z.string()),
  limits: z.record(z.string(), z.number()),
  host: z.object({
    platform: z.string(),
    arch: z.string(),
    cpuModel: z.string(),
    logicalCores: z.number().int(),
    memoryBytes: z.number(),
    node: z.string(),
  }),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type RunEnvironment = z.infer<typeof RunEnvironmentSchema>;

/** What was asked for: the suite, or the kernels and sizes given on the command line. */
export const SuiteInfoSchema = z.object({
  name: z.string().nullable(),
  kernels: z.array(z.string()),
  sizes: z.array(z.number()).nullable(),
  seed: z.number().int(),
  timing: TimingOptionsSchema,
});

/** Peaks of this device measured in this run. */
export const MeasuredPeaksSchema = z.object({
  /** Best fma-peak figure of the run, in GFLOP/s (f32). */
  computeGflops: z.number().nullable(),
  /** Id of the case that gave it. */
  computeCaseId: z.string().nullable(),
});

/** A whole results file. */
export const ResultsSchema = z.object({
  schema: z.literal(RESULTS_SCHEMA),
  /** False while the run is going on, and forever if it died half-way. */
  complete: z.boolean(),
  env: RunEnvironmentSchema,
  suite: SuiteInfoSchema,
  peaks: z.object({ measured: MeasuredPeaksSchema }),
  cases: z.array(CaseRecordSchema),
});
export type Results = z.infer<typeof ResultsSchema>;
