/**
 * Rounds: each case measured several times in turn (case 1, 2, ..., then 1, 2, ... again), so
 * that its samples span the whole run instead of a few seconds of it. Two measurements of the
 * same case minutes apart differ by more than one stretch of samples can show (the machine's
 * load, clocks and thread placement drift; on SwiftShader, 2 vCPUs, repeats of matmul-naive at
 * 128 in one launch gave 8.89, 8.12 and 8.20 ms with intervals of ±1%). The rounds' medians
 * measure that drift, and the case's interval counts it (src/results/derive.ts). Pure.
 */
import type { CaseOutcome, RawTiming, StageTiming, TimingOptions } from '../protocol/messages.js';
import { sortSamples } from '../stats/sorted.js';
import { detectQuantization } from '../stats/timer.js';
import { median } from '../stats/summary.js';

/** The timing options of one of `rounds` rounds: the case's time and sample budget shared out. */
export function roundTiming(timing: TimingOptions, rounds: number): TimingOptions {
  if (rounds === 1) return timing;
  // `rounds` counts every round of every launch: each gets its share of the case's budget.
  return {
    ...timing,
    maxTimeMs: timing.maxTimeMs / rounds,
    maxSamples: Math.max(timing.minSamples, Math.ceil(timing.maxSamples / rounds)),
  };
}

function mergedResolution(
  timings: readonly RawTiming[],
  batchNs: readonly number[] | undefined,
): RawTiming['resolution'] {
  const found = batchNs && batchNs.length > 0 ? detectQuantization(batchNs).stepNs : null;
  const stepNs = found ?? Math.min(...timings.map((t) => t.resolution.stepNs));
  return { stepNs, quantized: stepNs > 1, batchLengthened: timings.some((t) => t.resolution.batchLengthened) };
}

function mergeStages(timings: readonly RawTiming[]): StageTiming[] | undefined {
  if (!timings.every((t) => t.stages)) return undefined;
  return timings[0]!.stages!.map((stage, i) => ({
    name: stage.name,
    samplesMs: timings.flatMap((t) => t.stages![i]?.samplesMs ?? []),
  }));
}

/** The median of each launch's samples: `launches[i]` is the launch round i ran in. */
function launchMedians(timings: readonly RawTiming[], launches: readonly number[]): number[] {
  const byLaunch = new Map<number, number[]>();
  timings.forEach((t, i) => byLaunch.set(launches[i]!, [...(byLaunch.get(launches[i]!) ?? []), ...t.samplesMs]));
  return [...byLaunch.keys()].sort((a, b) => a - b).map((launch) => median(sortSamples(byLaunch.get(launch)!)));
}

/**
 * One outcome of a case from its rounds, in order (`launches`, with --launches: the launch each
 * round ran in, for each launch's median): the first that is not ok if any (a case
 * that failed once failed), else every sample in run order, the counts summed and each round's
 * median in `roundMedians`. The stop reason is the last round's; the batch size the largest
 * (samples are per run of the kernel whatever the batch). The timer's step is found again in all
 * the rounds' readings together: a round with few readings can see only a multiple of it (two
 * steps, when all its readings happened to be even), which the others refute.
 */
export function mergeRounds(outcomes: readonly CaseOutcome[], launches?: readonly number[]): CaseOutcome {
  if (outcomes.length === 0) throw new RangeError('mergeRounds needs at least one round');
  const failed = outcomes.find((outcome) => outcome.status !== 'ok' || outcome.timing === null);
  if (failed) return failed;
  if (outcomes.length === 1) return outcomes[0]!;
  const timings = outcomes.map((outcome) => outcome.timing!);
  const last = timings.at(-1)!;
  const sum = (pick: (t: RawTiming) => number) => timings.reduce((total, t) => total + pick(t), 0);
  const batchNs = timings.every((t) => t.batchNs) ? timings.flatMap((t) => t.batchNs!) : undefined;
  const stages = mergeStages(timings);
  const timing: RawTiming = {
    clock: last.clock,
    mode: last.mode,
    batchSize: Math.max(...timings.map((t) => t.batchSize)),
    samplesMs: timings.flatMap((t) => t.samplesMs),
    droppedSamples: sum((t) => t.droppedSamples),
    discardedSamples: sum((t) => t.discardedSamples),
    transientSamples: sum((t) => t.transientSamples),
    elapsedMs: sum((t) => t.elapsedMs),
    warmupRuns: sum((t) => t.warmupRuns),
    stopReason: last.stopReason,
    resolution: mergedResolution(timings, batchNs),
    evictBytes: last.evictBytes,
    roundMedians: timings.map((t) => median(sortSamples(t.samplesMs))),
    ...(launches ? { launchMedians: launchMedians(timings, launches) } : {}),
    ...(stages ? { stages } : {}),
    ...(batchNs ? { batchNs } : {}),
  };
  return { ...outcomes.at(-1)!, timing };
}
