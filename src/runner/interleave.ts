/**
 * Timing two prepared kernels against each other on one device, sample by sample, in a balanced
 * order (ABBA, then BAAB, ...), so that whatever drifts in the machine (load, clocks, thread
 * placement) falls on both alike; each block of four samples gives one ratio B/A. On SwiftShader
 * here two kernels measured this way gave a ratio whose spread over 20-sample blocks was 4%,
 * against 26-40% for either kernel alone. The stopping rule watches the ratios.
 */
import type { Clock, ProgressEvent, RawTiming, TimingOptions } from '../protocol/messages.js';
import { detectQuantization } from '../stats/timer.js';
import { StoppingRule } from '../stats/stopping.js';
import { batchFor } from './batching.js';
import { CaseFailure, type PreparedStage } from './prepare.js';
import { CALIBRATION_RUNS, runAndWait, TimestampPool, wallClockStepNs, warmupFor } from './timing.js';

/** Blocks of four timed samples (A B B A or B A A B) in one submit. */
const BLOCK = 4;
/** Blocks whose samples are submitted together before their timestamps are read. */
const BLOCKS_PER_SUBMIT = 4;
/** Blocks at the start that are not counted: the two sides settling into the alternation. */
const SETTLING_BLOCKS = 1;

/** What interleaved timing gives: each side's raw timing and the ratio of every block. */
export interface InterleavedTiming {
  timings: [RawTiming, RawTiming];
  /** Time per run of B / time per run of A, one per block of four samples, in order. */
  ratios: number[];
}

/** The order of the four samples of block `index`: ABBA for even blocks, BAAB for odd ones (0 = A, 1 = B). */
export function blockOrder(index: number): readonly (0 | 1)[] {
  return index % 2 === 0 ? [0, 1, 1, 0] : [1, 0, 0, 1];
}

/**
 * Times `sides[0]` (A) and `sides[1]` (B) interleaved until the ratios' interval meets the noise target, or
 * the budget runs out.
 */
export async function timeInterleaved(
  device: GPUDevice,
  sides: readonly [readonly PreparedStage[], readonly PreparedStage[]],
  options: TimingOptions,
  clock: Clock,
  progress: (event: ProgressEvent) => void,
): Promise<InterleavedTiming> {
  if (options.mode === 'cold')
    throw new CaseFailure({ status: 'unsupported', message: 'interleaved timing runs hot: drop --cold' });
  progress({ phase: 'warmup' });
  const warmupMs = warmupFor(device, options);
  let warmupRuns = 0;
  const warmupStart = performance.now();
  do {
    for (const stages of sides) await runAndWait(device, stages, 1);
    warmupRuns++;
  } while (performance.now() - warmupStart < warmupMs);
  const wallPerRunNs = (((performance.now() - warmupStart) / warmupRuns) * 1e6) / 2;

  const pool = clock === 'gpu-timestamp' ? new TimestampPool(device, BLOCK * BLOCKS_PER_SUBMIT) : null;
  /** Times each item (a side's stages, batched) in order; ns per item. */
  const time = async (items: readonly { stages: readonly PreparedStage[]; repeats: number }[]): Promise<number[]> => {
    if (pool) return pool.timeSequence(items);
    const durations: number[] = [];
    for (const { stages, repeats } of items) {
      const t0 = performance.now();
      await runAndWait(device, stages, repeats);
      durations.push((performance.now() - t0) * 1e6);
    }
    return durations;
  };
  try {
    // Each side's batch, from single runs, as a case alone would have it.
    const calibrate = async (stages: readonly PreparedStage[]) => {
      const single = await time(Array.from({ length: CALIBRATION_RUNS }, () => ({ stages, repeats: 1 })));
      const positive = single.filter((ns) => ns > 0).sort((a, b) => a - b);
      const stepNs = clock === 'gpu-timestamp' ? (detectQuantization(single).stepNs ?? 1) : wallClockStepNs();
      const singleRunNs = positive.length > 0 ? positive[positive.length >> 1]! : wallPerRunNs;
      return { stepNs, batch: batchFor(singleRunNs, stepNs, options) };
    };
    const calibrated = [await calibrate(sides[0]), await calibrate(sides[1])];
    const samples: [number[], number[]] = [[], []];
    const batchNs: [number[], number[]] = [[], []];
    const ratios: number[] = [];
    let dropped = 0;
    let settling = SETTLING_BLOCKS;
    const rule = new StoppingRule({
      noiseTarget: options.noiseTarget,
      minSamples: options.minSamples,
      maxSamples: options.maxSamples,
      maxTimeMs: options.maxTimeMs,
    });
    const start = performance.now();
    for (let block = 0; ;) {
      const orders = Array.from({ length: BLOCKS_PER_SUBMIT }, (_, i) => blockOrder(block + i));
      const items = orders.flat().map((side) => ({ stages: sides[side], repeats: calibrated[side]!.batch }));
      const durations = await time(items);
      for (const [j, order] of orders.entries()) {
        const perRun = order.map((side, i) => durations[j * BLOCK + i]! / 1e6 / calibrated[side]!.batch);
        block++;
        // A broken reading (a clock that did not move) voids its block: the pairing needs all four.
        if (perRun.some((ms) => !(ms > 0))) {
          dropped++;
          continue;
        }
        if (settling > 0) {
          settling--;
          continue;
        }
        const mean = (side: 0 | 1) => (perRun[order.indexOf(side)]! + perRun[order.lastIndexOf(side)]!) / 2;
        order.forEach((side, i) => {
          samples[side].push(perRun[i]!);
          batchNs[side].push(perRun[i]! * 1e6 * calibrated[side]!.batch);
        });
        ratios.push(mean(1) / mean(0));
        rule.add(ratios.at(-1)!);
      }
      const elapsedMs = performance.now() - start;
      const decision = rule.check(elapsedMs);
      progress({ phase: 'sample', samples: ratios.length, relHalfWidth: decision.relHalfWidth });
      if (ratios.length === 0 && elapsedMs >= options.maxTimeMs) {
        throw new CaseFailure({
          status: 'error',
          message: `GPU timestamps gave no usable block in ${dropped} blocks; try --clock wall`,
        });
      }
      if (!decision.stop || ratios.length < 3) continue;
      const raw = (side: 0 | 1): RawTiming => ({
        clock,
        mode: 'hot',
        batchSize: calibrated[side]!.batch,
        samplesMs: samples[side],
        droppedSamples: dropped * 2,
        discardedSamples: SETTLING_BLOCKS * 2,
        transientSamples: 0,
        elapsedMs,
        warmupRuns,
        stopReason: decision.reason!,
        resolution: {
          stepNs: calibrated[side]!.stepNs,
          quantized: calibrated[side]!.stepNs > 1,
          batchLengthened: false,
        },
        evictBytes: 0,
        ...(clock === 'gpu-timestamp' ? { batchNs: batchNs[side] } : {}),
      });
      return { timings: [raw(0), raw(1)], ratios };
    }
  } finally {
    pool?.destroy();
  }
}
