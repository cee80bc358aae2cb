/**
 * Every default of a run, in one place: the CLI's options, the serve page's plans, tune and the
 * docs read them from here. Each says why it is what it is.
 */
import type { TimingOptions } from '../protocol/messages.js';

/** The suite a run measures when none is asked for (`npm run bench`). */
export const DEFAULT_SUITE = 'quick';

/** Timing of a run's cases: ±1% at 95%, at most 5 s of samples per case, each sample at least 1 ms of work. */
export const DEFAULT_TIMING: TimingOptions = {
  clock: 'auto',
  mode: 'hot',
  warmupMs: 100,
  minSampleMs: 1,
  noiseTarget: 0.01,
  minSamples: 10,
  maxSamples: 1000,
  maxTimeMs: 5000,
};

/**
 * Rounds of a run when --rounds is not given: the intervals must hold across runs. In one round,
 * 5 relaunches of matmul-naive at 128 and 256 landed inside each other's intervals 10-53% of the
 * time on SwiftShader here; in 5 rounds, 73-88% (bench/repeatability.mjs); the quick suite took
 * 51 s instead of 35 s.
 */
export const DEFAULT_ROUNDS = 5;
/** Model workloads, with up to 144 layers each prepared and checked per round, run once. */
export const WORKLOAD_ROUNDS = 1;

/** Elements of an output checked against the CPU reference (a larger output is sampled). */
export const MAX_CHECKED_ELEMENTS = 65_536;

/** The seed of a run's input data (and of a tuning search) when none is given. */
export const DEFAULT_SEED = 1;

/** Sizes `tune` searches when --sizes is not given. */
export const DEFAULT_TUNE_SIZES: readonly number[] = [256];

/** A sweep measures many configurations: a few samples each, compared within one run (and a short warm-up). */
export const TUNE_TIMING: Partial<TimingOptions> = {
  warmupMs: 20,
  maxTimeMs: 300,
  minSamples: 3,
  maxSamples: 20,
  noiseTarget: 0.05,
};

/**
 * Timing of an A/B run's cases: the stopping rule watches the paired ratios (one per block of
 * four interleaved samples), to ±1%, for at most 20 s a case; at least 10 blocks. Here the
 * ratios' spread was about 4% per block, so ±1% needs some 40 blocks.
 */
export const AB_TIMING: Partial<TimingOptions> = { maxTimeMs: 20_000, noiseTarget: 0.01, minSamples: 10 };

/** Where results files go when --out is not given. */
export const RESULTS_DIR = 'results';

/** `flopscope serve` binds loopback unless told otherwise, on a free port. */
export const SERVE_HOST = '127.0.0.1';
export const SERVE_PORT = 0;
