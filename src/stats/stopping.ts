/**
 * When to stop taking samples of one case. Like nvbench's stdrel criterion, it stops once the
 * noise is low enough, with floors (samples, time) and caps (samples, time); unlike it, "noise"
 * is the relative half-width of the distribution-free 95% interval of the median (ci.ts), which
 * is what the report shows and which one slow outlier cannot inflate.
 * For iid samples that width shrinks like 1/√n, so a noisy case reaches any target given time;
 * maxTimeMs is what bounds it (nvbench's extra "noise has plateaued" exit is not needed).
 */

import { requireConfidence } from './bootstrap.js';
import { medianCiRanks, minSamplesForConfidence } from './ci.js';
import { sortSamples, type SortedSamples } from './sorted.js';
import { median } from './summary.js';

/** Options of the stopping rule. Times in ms; `resolution` in the samples' own unit. */
export interface StoppingOptions {
  /** Stop when the CI's relative half-width is at or below this; default 0.01 (±1%). */
  noiseTarget?: number;
  /** Coverage of the median interval; default 0.95. */
  confidence?: number;
  /** Never stop for noise with fewer samples; default 10. */
  minSamples?: number;
  /** Stop at this many samples; default no cap. */
  maxSamples?: number;
  /** Never stop for noise before this much time has passed; default 0. */
  minTimeMs?: number;
  /** Stop once this much time has passed, whatever the noise. */
  maxTimeMs: number;
  /**
   * The timer step in the samples' unit (e.g. detectQuantization's stepNs, scaled), default 0.
   * The half-width is never taken below resolution / 2: the median of readings on a grid of that
   * step can be off by up to half a step, so an interval narrower than that is no evidence of
   * low noise (all readings equal on a coarse timer give a zero-width interval).
   */
  resolution?: number;
}

/** Why sampling stopped; null while it goes on. */
export type StopReason = 'noise-target' | 'max-time' | 'max-samples';

/** A stopping decision. */
export interface StoppingDecision {
  stop: boolean;
  /**
   * The best true reason when several hold ('noise-target' first: the result met its precision),
   * null when not stopping.
   */
  reason: StopReason | null;
  /**
   * Relative half-width of the median's interval (floored by resolution); null while n is too
   * small for the interval to reach `confidence` (n < 6 at 95%); Infinity if the median is 0.
   */
  relHalfWidth: number | null;
  /** Samples seen. */
  n: number;
}

interface ResolvedOptions {
  noiseTarget: number;
  confidence: number;
  minSamples: number;
  maxSamples: number;
  minTimeMs: number;
  maxTimeMs: number;
  resolution: number;
  /** The fewest samples that can give an interval at `confidence`. */
  ciMinSamples: number;
}

function resolveOptions(options: StoppingOptions): ResolvedOptions {
  const {
    noiseTarget = 0.01,
    confidence = 0.95,
    minSamples = 10,
    maxSamples = Number.POSITIVE_INFINITY,
    minTimeMs = 0,
    maxTimeMs,
    resolution = 0,
  } = options;
  requireConfidence(confidence);
  if (!(noiseTarget > 0)) throw new RangeError(`noiseTarget must be > 0, got ${noiseTarget}`);
  if (!(maxTimeMs >= 0)) throw new RangeError(`maxTimeMs must be >= 0, got ${maxTimeMs}`);
  if (!(minSamples >= 0)) throw new RangeError(`minSamples must be >= 0, got ${minSamples}`);
  if (!(maxSamples >= 1)) throw new RangeError(`maxSamples must be >= 1, got ${maxSamples}`);
  if (!(resolution >= 0)) throw new RangeError(`resolution must be >= 0, got ${resolution}`);
  const ciMinSamples = minSamplesForConfidence(confidence);
  return {
    noiseTarget,
    confidence,
    minSamples,
    maxSamples,
    minTimeMs,
    maxTimeMs,
    resolution,
    ciMinSamples,
  };
}

function decide(sorted: SortedSamples, elapsedMs: number, o: ResolvedOptions, inflation = 1): StoppingDecision {
  const n = sorted.length;
  let relHalfWidth: number | null = null;
  if (n >= o.ciMinSamples) {
    const { lowRank, highRank } = medianCiRanks(n, o.confidence);
    const halfWidth = Math.max(((sorted[highRank - 1]! - sorted[lowRank - 1]!) / 2) * inflation, o.resolution / 2);
    relHalfWidth = halfWidth / Math.abs(median(sorted));
    if (Number.isNaN(relHalfWidth)) relHalfWidth = Number.POSITIVE_INFINITY; // 0 / 0
  }
  const quietEnough =
    relHalfWidth !== null && relHalfWidth <= o.noiseTarget && n >= o.minSamples && elapsedMs >= o.minTimeMs;
  let reason: StopReason | null = null;
  if (quietEnough) reason = 'noise-target';
  else if (n >= o.maxSamples) reason = 'max-samples';
  else if (elapsedMs >= o.maxTimeMs) reason = 'max-time';
  return { stop: reason !== null, reason, relHalfWidth, n };
}

/** The state shouldStop looks at: all samples so far (any order) and the time spent. */
export interface StoppingState {
  samples: readonly number[];
  elapsedMs: number;
}

/**
 * Whether to stop, from scratch: sorts a copy, O(n log n). Rules, in order: 'noise-target' when
 * n >= minSamples, elapsed >= minTimeMs and relHalfWidth <= noiseTarget; else 'max-samples' when
 * n >= maxSamples; else 'max-time' when elapsed >= maxTimeMs (even below minSamples: the time cap
 * is hard, and the caller sees n). Call it after each sample, or use StoppingRule for O(n) steps.
 */
export function shouldStop(state: StoppingState, options: StoppingOptions): StoppingDecision {
  return decide(sortSamples(state.samples), state.elapsedMs, resolveOptions(options));
}

/**
 * The same rule, kept incrementally: add() inserts into a sorted array by binary search (O(log n)
 * compares and one O(n) memmove) and check() costs O(√n), so calling both after each of thousands
 * of samples stays cheap.
 */
export class StoppingRule {
  private readonly options: ResolvedOptions;
  private readonly values: number[] = [];

  constructor(options: StoppingOptions) {
    this.options = resolveOptions(options);
  }

  /** Records one sample; RangeError if it is not finite. */
  add(sample: number): void {
    if (!Number.isFinite(sample)) throw new RangeError(`sample ${this.values.length} is ${sample}`);
    let low = 0;
    let high = this.values.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.values[mid]! <= sample) low = mid + 1;
      else high = mid;
    }
    this.values.splice(low, 0, sample);
  }

  /** The samples so far, sorted; a view that later add() calls change. */
  get sorted(): SortedSamples {
    return this.values as readonly number[] as SortedSamples;
  }

  /** Samples seen so far. */
  get n(): number {
    return this.values.length;
  }

  /**
   * The decision after `elapsedMs` of sampling. `inflation` (>= 1) widens the interval for
   * samples that are not independent (autocorrelation.ts autocorrelationInflation).
   */
  check(elapsedMs: number, inflation = 1): StoppingDecision {
    if (!(inflation >= 1)) throw new RangeError(`inflation must be >= 1, got ${inflation}`);
    return decide(this.sorted, elapsedMs, this.options, inflation);
  }
}
