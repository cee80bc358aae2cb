/**
 * The results file: everything needed to reproduce a run and compare it with another.
 * Versioned (`schema`) and validated whenever it is read.
 */
import { z } from 'zod';
import {
  AdapterInfoSchema,
  CacheModeSchema,
  CaseStatusSchema,
  ClockSchema,
  CorrectnessSchema,
  FaultKindSchema,
  KernelErrorSchema,
  SkipReasonSchema,
  StopReasonSchema,
  TimerResolutionSchema,
  TimingOptionsSchema,
} from '../protocol/messages.js';

/** The schema identifier this version of flopscope writes and reads. */
export const RESULTS_SCHEMA = 'flopscope/results@1';

/** Summary of a case's samples (all times per run of the kernel, in ms). */
export const TimingSummarySchema = z.object({
  clock: ClockSchema,
  /** hot: samples back to back; cold: caches evicted before every sample. */
  mode: CacheModeSchema,
  medianMs: z.number(),
  /**
   * 95% interval of the median [low, high] (distribution-free, widened for autocorrelation); null with fewer
   * than 6 samples.
   */
  ci95Ms: z.tuple([z.number(), z.number()]).nullable(),
  /** Half the interval's width / the median (the figure --noise targets); null without an interval. */
  relHalfWidth: z.number().nullable(),
  /**
   * Lag-1 autocorrelation of the samples in run order; the interval is widened by sqrt((1+r)/(1-r)) for r in
   * [0, 0.9].
   */
  autocorrelation: z.number(),
  minMs: z.number(),
  p25Ms: z.number(),
  p75Ms: z.number(),
  meanMs: z.number(),
  maxMs: z.number(),
  /** 1.4826 x MAD / median: robust relative spread of the samples. */
  relSpread: z.number(),
  /** Samples outside Tukey's fences (1.5 IQR). */
  outliers: z.number().int(),
  sampleCount: z.number().int(),
  /** Runs of the kernel per timed sample. */
  batchSize: z.number().int(),
  droppedSamples: z.number().int(),
  discardedSamples: z.number().int(),
  /** Samples dropped from the start because they came from another regime than the rest (a device still settling). */
  transientSamples: z.number().int().optional(),
  warmupRuns: z.number().int(),
  stopReason: StopReasonSchema,
  resolution: TimerResolutionSchema,
  evictBytes: z.number().int(),
  /** Wall-clock time spent taking the samples. */
  elapsedMs: z.number(),
  /** With --rounds: each round's median, in order; the interval counts their spread. */
  roundMedians: z.array(z.number()).optional(),
  /**
   * With --launches: the median of each launch's samples (each in a fresh browser process), in order; the
   * interval counts their spread.
   */
  launchMedians: z.array(z.number()).optional(),
  /** Stages of a multi-stage kernel, each timed alone: median and interval per run, in ms. */
  stages: z
    .array(z.object({ name: z.string(), medianMs: z.number(), ci95Ms: z.tuple([z.number(), z.number()]).nullable(), sampleCount: z.number().int() }))
    .optional(),
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
  /** Why an unsupported case was not run, as a code (message says it in words). */
  reason: SkipReasonSchema.optional(),
  /** The fault of the runner an error case hit (the browser exited, the page crashed, the device was lost). */
  fault: FaultKindSchema.optional(),
  /** What was wrong with the kernel when an error case failed: `shader-compile` (exit 2: the WGSL is to fix). */
  error: KernelErrorSchema.optional(),
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
  /** gbPerS / the measured copy bandwidth of this run (a fraction); null when either is unknown. */
  fractionOfMeasuredBandwidth: z.number().nullable(),
  /**
   * Model FLOPs utilization: gflops / the f32 vector peak in `peaks.reference` (a fraction); null when no
   * peak is known.
   */
  mfu: z.number().nullable(),
  /** flops / bytes, FLOP per byte; null when bytes is 0. */
  arithmeticIntensity: z.number().nullable(),
  /** Which roof of `peaks.reference` limits a kernel of this intensity; null without both peaks. */
  bound: z.enum(['compute', 'memory']).nullable(),
  /**
   * Where the kernel's code came from: its module (null for a built-in), its shader file and a content hash
   * of the shader as linked (what it imports included), so a comparison can say the code changed.
   */
  source: z.object({ module: z.string().nullable(), file: z.string().nullable(), hash: z.string().nullable() }).optional(),
  /** In an A/B run: which side the case measured (its id ends in @base or @candidate). */
  side: z.enum(['base', 'candidate']).optional(),
  /** The workload layer this case stands for, and how many times the model runs it. */
  workload: z.object({ name: z.string(), layer: z.string(), repeat: z.number().int().positive() }).optional(),
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
    /**
     * Where a browser flopscope did not launch was reached: the DevTools endpoint of --browser-ws-endpoint,
     * or the origin `flopscope serve` served the page from; scheme, host and port only (no credentials, path
     * or query).
     */
    endpoint: z.string().optional(),
    /**
     * The browser or runtime: 'Chrome', 'Firefox', 'Edge', 'Safari', 'dawn.node'. Absent in older results
     * (src/results/implementation.ts infers it).
     */
    name: z.string().optional(),
    /**
     * Its WebGPU implementation: 'Dawn' (Chromium, dawn.node), 'wgpu' (Firefox), 'WebKit' (Safari). Absent in
     * older results.
     */
    webgpu: z.string().optional(),
    /** Preferences flopscope set in the browser's profile (Firefox: dom.webgpu.enabled, ...). */
    prefs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    /** The protocol flopscope drove it with. Absent: cdp (or none, for dawn.node and serve). */
    protocol: z.enum(['cdp', 'webdriver-bidi']).optional(),
  }),
  adapter: AdapterInfoSchema,
  /**
   * What was inferred about an adapter that reports no name (Firefox's adapter.info is empty):
   * e.g. lavapipe, from isFallbackAdapter and the Vulkan drivers installed (src/specs/unnamed-adapter.ts).
   */
  adapterInferred: z.object({ name: z.string(), software: z.boolean(), how: z.string() }).optional(),
  features: z.array(z.string()),
  limits: z.record(z.string(), z.number()),
  host: z.object({
    platform: z.string(),
    arch: z.string(),
    cpuModel: z.string(),
    logicalCores: z.number().int(),
    /** Null when the browser reported the machine and gave no memory size. */
    memoryBytes: z.number().nullable(),
    /** Node.js version of the harness. */
    node: z.string(),
    /**
     * Who described the machine: the harness (Node's os module: the browser ran here), or the
     * browser (navigator, for a remote or served browser): then cpuModel is 'unknown' and
     * memoryBytes is navigator.deviceMemory (rounded by the browser) or null. Absent: harness.
     */
    reportedBy: z.enum(['harness', 'browser']).optional(),
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
  /** --scale the shapes were shrunk by (workloads and scaled suites); absent = real shapes. */
  scale: z.number().optional(),
  /** --rounds: each case measured this many times in turn; absent = 1. */
  rounds: z.number().int().optional(),
  /** --launches: every round repeated in this many fresh browser processes; absent = 1. */
  launches: z.number().int().optional(),
});

/** Peaks of this device measured in this run. */
export const MeasuredPeaksSchema = z.object({
  /** Best fma-peak figure of the run, in GFLOP/s (f32). */
  computeGflops: z.number().nullable(),
  /** Id of the case that gave it. */
  computeCaseId: z.string().nullable(),
  /** Best f16 fma-peak figure, GFLOP/s; absent or null where the adapter has no shader-f16. */
  computeF16Gflops: z.number().nullable().optional(),
  computeF16CaseId: z.string().nullable().optional(),
  /** Best copy bandwidth of the run, GB/s (bytes read + written); null when not measured. */
  bandwidthGbPerS: z.number().nullable().optional(),
  bandwidthCaseId: z.string().nullable().optional(),
});
export type MeasuredPeaks = z.infer<typeof MeasuredPeaksSchema>;

/**
 * The peak figures MFU and the roofline are taken against, and where they come from: a row of
 * the vendor table (matched from the adapter or named with --gpu), figures given on the command
 * line, or, for a software adapter, an estimate from the host CPU.
 */
export const ReferencePeaksSchema = z.object({
  /** What the figures describe, e.g. 'NVIDIA H100 SXM5 80GB' or 'host CPU (SwiftShader)'. */
  name: z.string(),
  origin: z.enum(['vendor-table', 'command-line', 'cpu-estimate']),
  /** How the row was chosen: 'adapter description', '--gpu h100', '--peak-tflops', ... */
  matchedBy: z.string(),
  /** f32 vector peak, TFLOP/s: the MFU denominator. */
  fp32Tflops: z.number().nullable(),
  fp16Tflops: z.number().nullable(),
  /** Dense tensor/matrix f16 peak (never the sparsity figure), TFLOP/s. */
  tensorFp16Tflops: z.number().nullable(),
  /** Memory bandwidth, GB/s. */
  bandwidthGbPerS: z.number().nullable(),
  boostClockMhz: z.number().nullable(),
  /** The vendor page or whitepaper, or the formula of an estimate. */
  source: z.string(),
  /** True for figures that are estimates rather than published numbers. */
  estimate: z.boolean(),
});
export type ReferencePeaks = z.infer<typeof ReferencePeaksSchema>;

/** The best configuration a tuning run found at one shape. */
export const TuneBestSchema = z.object({
  shape: z.record(z.string(), z.number()),
  shapeLabel: z.string(),
  params: z.record(z.string(), z.number()),
  gflops: z.number(),
  /** gflops / this run's measured fma-peak; null when no peak was measured. */
  fractionOfMeasuredPeak: z.number().nullable(),
  /** A memory-bound kernel is ranked by GB/s: its metric, rate and share of the measured bandwidth. */
  metric: z.literal('bandwidth').optional(),
  gbPerS: z.number().nullable().optional(),
  fractionOfMeasuredBandwidth: z.number().nullable().optional(),
  caseId: z.string(),
});

/** What a `flopscope tune` run searched (its cases are the configurations it measured). */
export const TuneInfoSchema = z.object({
  kernel: z.string(),
  /** `grid`: every configuration; `search`: a budgeted random + greedy-neighbour search. */
  strategy: z.enum(['grid', 'search']),
  /** Configurations measured per shape at most (search); null for the grid. */
  budget: z.number().int().nullable(),
  /** Configurations in the kernel's parameter space. */
  spaceSize: z.number().int(),
  /** Best configuration per shape (shapes where none passed are left out). */
  best: z.array(TuneBestSchema),
});
export type TuneInfo = z.infer<typeof TuneInfoSchema>;

/** A model workload: the sum of its layers, each layer's median time counted `repeat` times. */
export const WorkloadSummarySchema = z.object({
  name: z.string(),
  description: z.string(),
  /** The --scale its shapes were shrunk by (1 = the model's real shapes). */
  scale: z.number(),
  layers: z.array(z.object({ layer: z.string(), caseId: z.string(), kernel: z.string(), repeat: z.number().int(), medianMs: z.number().nullable(), flops: z.number() })),
  /** Sum of repeat x flops, useful FLOPs. */
  flops: z.number(),
  /** Sum of repeat x median ms; null when a layer has no time (failed or unsupported). */
  totalMs: z.number().nullable(),
  gflops: z.number().nullable(),
  fractionOfMeasuredPeak: z.number().nullable(),
  mfu: z.number().nullable(),
});
export type WorkloadSummary = z.infer<typeof WorkloadSummarySchema>;

/** One side of an A/B run: where its kernels came from. */
export const AbSideSchema = z.object({
  /** How it is shown, e.g. 'origin/main (3f2a9c1)' or 'working tree'. */
  label: z.string(),
  origin: z.enum(['working-tree', 'revision', 'directory', 'params']),
  /** The git revision asked for and the commit it named. */
  revision: z.string().optional(),
  commit: z.string().optional(),
  /** The folder its config was loaded from. */
  path: z.string().optional(),
  /** Parameters set on this side (--base-param, --param). */
  params: z.record(z.string(), z.number()).optional(),
});
export type AbSide = z.infer<typeof AbSideSchema>;

/** One case of an A/B run: the base's and the candidate's records, and the paired ratios that judge them. */
export const AbCaseSchema = z.object({
  kernel: z.string(),
  shape: z.record(z.string(), z.number()),
  shapeLabel: z.string(),
  baseId: z.string(),
  candidateId: z.string(),
  /** Candidate time / base time per block of interleaved samples (ABBA, BAAB, ...), in order: above 1 is slower. */
  ratios: z.array(z.number()),
  /** Median ratio, its 95% interval and relative half-width; null unless both sides ran and passed. */
  ratio: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  relHalfWidth: z.number().nullable(),
  /** Wilcoxon signed-rank p-value of the log ratios. */
  pValue: z.number().nullable(),
  verdict: z.enum(['faster', 'slower', 'unchanged', 'ambiguous', 'failed']),
  note: z.string().optional(),
  /** The two sides' shaders differ (content hashes). */
  codeChanged: z.boolean(),
});
export type AbCase = z.infer<typeof AbCaseSchema>;

/** An A/B run: a base and a candidate measured interleaved on one page, judged from the paired ratios. */
export const AbSchema = z.object({
  /** The fraction of change that matters (0.05 = 5%). */
  threshold: z.number(),
  confidence: z.number(),
  base: AbSideSchema,
  candidate: AbSideSchema,
  cases: z.array(AbCaseSchema),
  /** Cases significantly slower by more than the threshold: what makes `flopscope ab` exit 1. */
  regressions: z.number().int(),
});
export type Ab = z.infer<typeof AbSchema>;

/** A whole results file. */
export const ResultsSchema = z.object({
  schema: z.literal(RESULTS_SCHEMA),
  /** False while the run is going on, and forever if it died half-way. */
  complete: z.boolean(),
  env: RunEnvironmentSchema,
  suite: SuiteInfoSchema,
  peaks: z.object({
    measured: MeasuredPeaksSchema,
    /** The vendor (or estimated, or given) peaks of this device; null when none is known. */
    reference: ReferencePeaksSchema.nullable().optional(),
    /** Why no reference peak is known (e.g. the adapter names no GPU in the table). */
    referenceMissing: z.string().optional(),
  }),
  cases: z.array(CaseRecordSchema),
  /** Present in the results of `flopscope tune` only. */
  tune: TuneInfoSchema.optional(),
  /** Present in the results of `flopscope ab` only. */
  ab: AbSchema.optional(),
  /** Model workloads run (suites such as bert-base), each the sum of its layer cases. */
  workloads: z.array(WorkloadSummarySchema).optional(),
});
export type Results = z.infer<typeof ResultsSchema>;
