/**
 * The measured compute peak of this device in this browser: fma-peak, sized up until one run
 * is long enough to fill the device, then measured in every configuration of its space.
 */
import { fmaPeak } from '../kernels/fma-peak.js';
import type { Params, Shape } from '../kernels/types.js';
import type { CaseOutcome, TimingOptions } from '../protocol/messages.js';
import { sortSamples } from '../stats/sorted.js';
import { median } from '../stats/summary.js';

/** A run of fma-peak at least this long is taken to fill the device. */
const FILL_RUN_MS = 2;
/** Threads of the first probe, and the most it grows to. */
const FIRST_THREADS = 16_384;
const MAX_THREADS = 1 << 24;
/** Loop trips per thread: enough arithmetic per thread to hide launch costs. */
const ITERATIONS = 256;

/** Runs a case; what the peak search needs from a session. */
export type CaseRunner = (shape: Shape, params: Params, timing: TimingOptions, role: 'probe' | 'peak') => Promise<CaseOutcome>;

/** The shape at which fma-peak fills the device, or the outcome of the probe that failed. */
export async function peakShape(run: CaseRunner, timing: TimingOptions): Promise<{ shape: Shape } | { failed: CaseOutcome; shape: Shape }> {
  const probeTiming: TimingOptions = { ...timing, warmupMs: 0, minSamples: 3, maxTimeMs: 500, minSampleMs: 0.5 };
  let threads = FIRST_THREADS;
  for (;;) {
    const shape = { threads, iterations: ITERATIONS };
    const outcome = await run(shape, fmaPeak.defaultParams, probeTiming, 'probe');
    if (outcome.status !== 'ok' || !outcome.timing) return { failed: outcome, shape };
    const medianMs = median(sortSamples(outcome.timing.samplesMs));
    if (medianMs >= FILL_RUN_MS || threads >= MAX_THREADS) return { shape };
    threads = Math.min(MAX_THREADS, threads * Math.max(2, 2 ** Math.floor(Math.log2(FILL_RUN_MS / medianMs))));
  }
}

/** The configurations fma-peak is measured in: every point of its (small) parameter space. */
export function peakConfigurations(): Params[] {
  return (fmaPeak.paramSpace.WG_SIZE ?? [fmaPeak.defaultParams.WG_SIZE!]).map((size) => ({ ...fmaPeak.defaultParams, WG_SIZE: size }));
}
