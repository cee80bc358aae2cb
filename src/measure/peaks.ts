/**
 * The measured peaks of this device in this browser: fma-peak (f32, and f16 where the adapter
 * has shader-f16), sized up until one run is long enough to fill the device, then measured in
 * every configuration of its space; and the copy kernel's bandwidth when it is registered.
 */
import type { KernelRegistry } from '../api/registry.js';
import { BUILTIN_REGISTRY } from '../kernels/index.js';
import { largestFittingSize } from './limits.js';
import type { DeviceLimits, KernelDescriptor, Params, Shape } from '../api/types.js';
import type { CaseOutcome, TimingOptions } from '../protocol/messages.js';
import type { CaseRecord, MeasuredPeaks } from '../results/schema.js';
import { sortSamples } from '../stats/sorted.js';
import { median } from '../stats/summary.js';

/** A run of fma-peak at least this long is taken to fill the device. */
const FILL_RUN_MS = 2;
/** Threads of the first probe, and the most it grows to. */
const FIRST_THREADS = 16_384;
const MAX_THREADS = 1 << 24;
/** Loop trips per thread: enough arithmetic per thread to hide launch costs. */
const ITERATIONS = 256;
/**
 * MiB per buffer of the bandwidth peak's copy (256 MiB read + 256 MiB written): at or past the
 * last-level cache of every GPU in src/specs (the largest, MI300X's Infinity Cache, is 256 MB).
 * Clamped to the largest size whose buffers fit the device (copySize).
 */
export const COPY_SIZE = 256;

/** Runs a case; what the peak search needs from a session. */
export type CaseRunner = (
  kernel: KernelDescriptor,
  shape: Shape,
  params: Params,
  timing: TimingOptions,
) => Promise<CaseOutcome>;

/** The shape at which a compute-peak kernel fills the device, or the outcome of the probe that failed. */
export async function peakShape(
  run: CaseRunner,
  kernel: KernelDescriptor,
  timing: TimingOptions,
): Promise<{ shape: Shape; failed: CaseOutcome | null }> {
  const probeTiming: TimingOptions = {
    ...timing,
    mode: 'hot',
    warmupMs: 0,
    minSamples: 3,
    maxSamples: 5,
    maxTimeMs: 500,
    minSampleMs: 0.5,
  };
  let threads = FIRST_THREADS;
  for (;;) {
    const shape = { threads, iterations: ITERATIONS };
    const outcome = await run(kernel, shape, kernel.defaultParams, probeTiming);
    if (outcome.status !== 'ok' || !outcome.timing) return { failed: outcome, shape };
    const medianMs = median(sortSamples(outcome.timing.samplesMs));
    if (medianMs >= FILL_RUN_MS || threads >= MAX_THREADS) return { shape, failed: null };
    threads = Math.min(MAX_THREADS, threads * Math.max(2, 2 ** Math.floor(Math.log2(FILL_RUN_MS / medianMs))));
  }
}

/** Which measured peak a kernel gives. */
export type PeakKind = 'compute' | 'computeF16' | 'bandwidth';

/** One peak to measure: its kernel, how its shape is found, and the configurations tried. */
export interface PeakPlan {
  kind: PeakKind;
  kernel: KernelDescriptor;
  /** A fixed shape, or null to size the kernel up with peakShape. */
  shape: Shape | null;
  configurations: Params[];
}

/** Every point of a kernel's parameter space (peak kernels have small ones). */
function allConfigurations(kernel: KernelDescriptor): Params[] {
  let configurations: Params[] = [{ ...kernel.defaultParams }];
  for (const [key, values] of Object.entries(kernel.paramSpace)) {
    configurations = configurations.flatMap((config) => values.map((value) => ({ ...config, [key]: value })));
  }
  return configurations;
}

/**
 * The peaks to measure, from the registry's peak family: f32 compute always (the kernel of the
 * f32 FMA-chains problem), f16 compute where the adapter has shader-f16 (or when
 * `includeUnsupported`, to report that it is not), and bandwidth with the baseline copy kernel.
 */
export function peakPlans(
  features: readonly string[],
  limits: DeviceLimits,
  options: { bandwidth: boolean; includeUnsupported?: boolean },
  registry: KernelRegistry = BUILTIN_REGISTRY,
): PeakPlan[] {
  const peakOf = (problem: string) => registry.family('peak').find((kernel) => kernel.problem === problem);
  const fmaPeak = peakOf('fma-chains f32');
  const fmaPeakF16 = peakOf('fma-chains f16');
  const plans: PeakPlan[] = fmaPeak
    ? [{ kind: 'compute', kernel: fmaPeak, shape: null, configurations: allConfigurations(fmaPeak) }]
    : [];
  if (fmaPeakF16 && (features.includes('shader-f16') || options.includeUnsupported)) {
    plans.push({ kind: 'computeF16', kernel: fmaPeakF16, shape: null, configurations: allConfigurations(fmaPeakF16) });
  }
  const copy = registry.family('bandwidth').find((kernel) => kernel.problem === 'copy f32' && kernel.baseline);
  const size = copy ? copySize(copy, limits) : 0;
  if (options.bandwidth && copy && size > 0) {
    plans.push({
      kind: 'bandwidth',
      kernel: copy,
      shape: copy.shapeFromSize(size),
      configurations: [{ ...copy.defaultParams }],
    });
  }
  return plans;
}

/**
 * Size of the bandwidth peak's copy: COPY_SIZE, or the largest size below it whose buffers fit the device (0:
 * none fits).
 */
export function copySize(copy: KernelDescriptor, limits: DeviceLimits): number {
  return Math.min(COPY_SIZE, largestFittingSize(copy, copy.defaultParams, limits));
}

/** Records a finished peak case in `measured` when it beats what is there. */
export function notePeak(measured: MeasuredPeaks, kind: PeakKind, record: CaseRecord): void {
  if (kind === 'bandwidth') {
    if (record.gbPerS !== null && record.gbPerS > (measured.bandwidthGbPerS ?? 0)) {
      measured.bandwidthGbPerS = record.gbPerS;
      measured.bandwidthCaseId = record.id;
    }
    return;
  }
  if (record.gflops === null) return;
  if (kind === 'compute' && record.gflops > (measured.computeGflops ?? 0)) {
    measured.computeGflops = record.gflops;
    measured.computeCaseId = record.id;
  }
  if (kind === 'computeF16' && record.gflops > (measured.computeF16Gflops ?? 0)) {
    measured.computeF16Gflops = record.gflops;
    measured.computeF16CaseId = record.id;
  }
}
