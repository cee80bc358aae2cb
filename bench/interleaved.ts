/**
 * Cases measured side by side with the fma-peak: every round measures the peak, then each case in
 * turn, on one runner, and each case's rate is divided by the peaks measured just before and just
 * after it (their geometric mean), seconds apart instead of minutes. On this shared 2-core machine
 * the load moves a kernel's rate by 2-5x between minutes (fma-peak 1-5 GFLOP/s within one run
 * while other sessions ran), so a peak measured once at the start says little about a case measured
 * minutes later; the ratio of neighbours cancels most of that drift. Used by bench/matmul-peak.mjs
 * and bench/conv-gemm.mjs (bundled by bench/bundle.mjs), never by the CLI.
 */
import { getKernel } from '../src/kernels/index.js';
import type { Params, Shape } from '../src/kernels/types.js';
import type { CaseSession } from '../src/measure/run.js';
import type { CaseOutcome, TimingOptions } from '../src/protocol/messages.js';
import { sortSamples } from '../src/stats/sorted.js';
import { median } from '../src/stats/summary.js';

/** One case to measure: a kernel at a shape in a configuration, with a label for the table. */
export interface BenchCase {
  label: string;
  kernel: string;
  shape: Shape;
  params: Params;
}

/** A case's figures, one per round, and its outcome. */
export interface CaseRounds {
  case: BenchCase;
  /** GFLOP/s of each round (median of the round's samples). */
  gflops: number[];
  /** GFLOP/s over the geometric mean of the peaks measured before and after it, per round. */
  ratios: number[];
  /** The first failed outcome's status and message, when a round did not come back ok. */
  failure?: string;
}

/** Options of a side-by-side measurement. */
export interface InterleavedOptions {
  rounds: number;
  /** Time budget of the timed samples of one case in one round. */
  caseMs: number;
  /** fma-peak configurations measured before and after each case (the best is the peak); [] for none. */
  peakParams?: readonly Params[];
  seed?: number;
  log?: (line: string) => void;
  /**
   * Called after every run of a kernel with its CLOCK_MONOTONIC window (ns, process.hrtime) and
   * the dispatches it made, so that a profiler's samples of the GPU process can be charged to it.
   */
  trace?: (event: { label: string; startNs: bigint; endNs: bigint; dispatches: number }) => void;
}

/** fma-peak's shape here: 16384 invocations x 256 trips of 64 FMAs, 0.54 GFLOP, tens of ms on SwiftShader. */
export const PEAK_SHAPE: Shape = { threads: 16384, iterations: 256 };
/** The workgroup sizes `flopscope run` measures the peak with; the round's peak is the best of them. */
export const PEAK_PARAMS: readonly Params[] = [{ WG_SIZE: 64 }, { WG_SIZE: 128 }, { WG_SIZE: 256 }];

function timing(caseMs: number): TimingOptions {
  return { clock: 'auto', mode: 'hot', warmupMs: 20, minSampleMs: 2, noiseTarget: 0.02, minSamples: 3, maxSamples: 50, maxTimeMs: caseMs };
}

/** GFLOP/s of an ok outcome (median of its samples), or null with the reason. */
function rate(outcome: CaseOutcome, flops: number): { gflops: number } | { failure: string } {
  if (outcome.status !== 'ok' || !outcome.timing || outcome.timing.samplesMs.length === 0) {
    return { failure: `${outcome.status}${outcome.message ? `: ${outcome.message}` : ''}` };
  }
  return { gflops: flops / (median(sortSamples(outcome.timing.samplesMs)) * 1e6) };
}

/**
 * Measures `cases` in `rounds` rounds, each case between two peak measurements; every case's
 * output is checked against the CPU reference each time it runs (a failed check is a failure, never a rate).
 */
export async function measureInterleaved(session: CaseSession, cases: readonly BenchCase[], options: InterleavedOptions): Promise<{ peaks: number[]; results: CaseRounds[] }> {
  const peakKernel = getKernel('fma-peak');
  const peakParams = options.peakParams ?? PEAK_PARAMS;
  const seed = options.seed ?? 1;
  const log = options.log ?? (() => undefined);
  const run = async (kernel: string, shape: Shape, params: Params, caseMs: number, label = kernel) => {
    const startNs = process.hrtime.bigint();
    const outcome = await session.runCase({ kernel, shape, params, seed, timing: timing(caseMs), maxCheckedElements: 1 << 16 });
    const t = outcome.timing;
    // The checked run, the warm-up, then every timed batch (kept or not).
    const dispatches = t ? 1 + t.warmupRuns + t.batchSize * (t.samplesMs.length + t.droppedSamples + t.discardedSamples + t.transientSamples) : 0;
    options.trace?.({ label, startNs, endNs: process.hrtime.bigint(), dispatches });
    return outcome;
  };
  const peakNow = async (): Promise<number> => {
    if (peakParams.length === 0) return Number.NaN;
    let best = 0;
    for (const params of peakParams) {
      const measured = rate(await run('fma-peak', PEAK_SHAPE, params, options.caseMs / 2, `fma-peak WG_SIZE=${params.WG_SIZE}`), peakKernel.flops(PEAK_SHAPE));
      if ('failure' in measured) throw new Error(`fma-peak ${JSON.stringify(params)}: ${measured.failure}`);
      best = Math.max(best, measured.gflops);
    }
    return best;
  };
  const results: CaseRounds[] = cases.map((c) => ({ case: c, gflops: [], ratios: [] }));
  const peaks: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (const result of results) {
      const before = await peakNow();
      if (peakParams.length) peaks.push(before);
      if (result.failure) continue;
      const c = result.case;
      const measured = rate(await run(c.kernel, c.shape, c.params, options.caseMs, c.label), getKernel(c.kernel).flops(c.shape));
      const after = await peakNow();
      if (peakParams.length) peaks.push(after);
      if ('failure' in measured) {
        result.failure = measured.failure;
        log(`round ${round + 1}: ${c.label}: ${measured.failure}`);
        continue;
      }
      const peak = Math.sqrt(before * after);
      result.gflops.push(measured.gflops);
      if (peakParams.length) result.ratios.push(measured.gflops / peak);
      log(`round ${round + 1}: ${c.label}: ${measured.gflops.toPrecision(3)} GFLOP/s` + (peakParams.length ? `, peak ${peak.toPrecision(3)} GFLOP/s: ${((100 * measured.gflops) / peak).toFixed(1)}%` : ''));
    }
  }
  return { peaks, results };
}

/** The median of a list (the mean of the middle two for an even count). */
export function medianOf(values: readonly number[]): number {
  return median(sortSamples(values));
}

/** Median and range of a list of ratios, as percentages: `76.1% (71.2-80.3)`. */
export function formatRatios(ratios: readonly number[]): string {
  if (ratios.length === 0) return '-';
  const sorted = sortSamples(ratios);
  return `${(100 * median(sorted)).toFixed(1)}% (${(100 * sorted[0]!).toFixed(1)}-${(100 * sorted[sorted.length - 1]!).toFixed(1)})`;
}

/** Parses `KEY=V,KEY=V` into params (a UsageError-free bench helper: throws with the bad part). */
export function parseParams(text: string): Params {
  if (!text) return {};
  return Object.fromEntries(
    text.split(',').map((pair) => {
      const [key, value] = pair.split('=');
      const number = Number(value);
      if (!key || !Number.isFinite(number)) throw new Error(`bad parameter "${pair}": write KEY=VALUE`);
      return [key, number];
    }),
  );
}
