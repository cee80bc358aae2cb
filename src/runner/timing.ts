/**
 * Timing a prepared kernel: warm-up, then samples, each sample a batch of runs long enough to
 * dwarf the timer's resolution and the submit overhead. GPU timestamps (a pair per compute
 * pass) when the device has 'timestamp-query'; wall clock around onSubmittedWorkDone otherwise.
 */
import type { Clock, ProgressEvent, RawTiming, TimingOptions } from '../protocol/messages.js';
import { CaseFailure, encodeRuns, type PreparedStage } from './prepare.js';

/** Most runs batched into one sample, so a tiny kernel cannot make a sample take forever to encode. */
const MAX_BATCH = 4096;
/** Timestamped samples submitted together before reading their timestamps back. */
const MAX_SAMPLES_PER_SUBMIT = 32;
/** Aim for this much GPU work per submit of timestamped samples, so readbacks stay rare. */
const SUBMIT_TARGET_MS = 100;
/** Fewest samples a case keeps when its time budget runs out. */
const MIN_SAMPLES_ON_TIMEOUT = 3;

/** Submits `repeats` runs in one pass and waits until the GPU has finished them. */
export async function runAndWait(device: GPUDevice, stages: readonly PreparedStage[], repeats: number): Promise<void> {
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  encodeRuns(pass, stages, repeats);
  pass.end();
  device.queue.submit([encoder.finish()]);
  await device.queue.onSubmittedWorkDone();
}

/** A reusable set of timestamp queries and the buffers to read them back. */
class TimestampPool {
  readonly querySet: GPUQuerySet;
  private readonly resolve: GPUBuffer;
  private readonly readback: GPUBuffer;

  constructor(
    private readonly device: GPUDevice,
    readonly capacity: number,
  ) {
    this.querySet = device.createQuerySet({ type: 'timestamp', count: capacity * 2 });
    this.resolve = device.createBuffer({ size: capacity * 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
    this.readback = device.createBuffer({ size: capacity * 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  }

  /** Runs `count` timestamped passes of `repeats` runs each; returns each pass's duration in ns. */
  async timePasses(stages: readonly PreparedStage[], repeats: number, count: number): Promise<number[]> {
    const encoder = this.device.createCommandEncoder();
    for (let i = 0; i < count; i++) {
      const pass = encoder.beginComputePass({
        timestampWrites: { querySet: this.querySet, beginningOfPassWriteIndex: 2 * i, endOfPassWriteIndex: 2 * i + 1 },
      });
      encodeRuns(pass, stages, repeats);
      pass.end();
    }
    encoder.resolveQuerySet(this.querySet, 0, count * 2, this.resolve, 0);
    encoder.copyBufferToBuffer(this.resolve, 0, this.readback, 0, count * 16);
    this.device.queue.submit([encoder.finish()]);
    await this.readback.mapAsync(GPUMapMode.READ, 0, count * 16);
    const stamps = new BigUint64Array(this.readback.getMappedRange(0, count * 16).slice(0));
    this.readback.unmap();
    const durations: number[] = [];
    for (let i = 0; i < count; i++) durations.push(Number(stamps[2 * i + 1]! - stamps[2 * i]!));
    return durations;
  }

  destroy(): void {
    this.querySet.destroy();
    this.resolve.destroy();
    this.readback.destroy();
  }
}

/** The clock this case will use, given what was asked for and what the device has. */
export function chooseClock(options: TimingOptions, hasTimestamps: boolean): Clock | null {
  if (options.clock === 'wall') return 'wall';
  if (hasTimestamps) return 'gpu-timestamp';
  return options.clock === 'auto' ? 'wall' : null;
}

/** Warms up, picks a batch size, then takes samples until the rule in `options` says stop. */
export async function measure(
  device: GPUDevice,
  stages: readonly PreparedStage[],
  options: TimingOptions,
  clock: Clock,
  progress: (event: ProgressEvent) => void,
): Promise<RawTiming> {
  // Warm-up: the run that compiled and checked the kernel is done; now run untimed for a while.
  progress({ phase: 'warmup' });
  let warmupRuns = 0;
  const warmupStart = performance.now();
  do {
    await runAndWait(device, stages, 1);
    warmupRuns++;
  } while (performance.now() - warmupStart < options.warmupMs);
  const wallPerRunMs = (performance.now() - warmupStart) / warmupRuns;

  const pool = clock === 'gpu-timestamp' ? new TimestampPool(device, MAX_SAMPLES_PER_SUBMIT) : null;
  try {
    // Batch size from a first measurement of one run (GPU time when we have it: wall time
    // includes the submit overhead the batch exists to amortise).
    const singleMs = pool ? Math.max((await pool.timePasses(stages, 1, 1))[0]! / 1e6, 1e-6) : wallPerRunMs;
    const batchSize = Math.min(MAX_BATCH, Math.max(1, Math.ceil(options.minSampleMs / singleMs)));
    const batchMs = batchSize * singleMs;

    const samplesMs: number[] = [];
    const batchNs: number[] = [];
    let droppedSamples = 0;
    const start = performance.now();
    let stopReason: RawTiming['stopReason'];
    for (;;) {
      if (pool) {
        const remaining = options.maxSamples - samplesMs.length;
        const count = Math.max(1, Math.min(pool.capacity, remaining, Math.floor(SUBMIT_TARGET_MS / batchMs)));
        for (const ns of await pool.timePasses(stages, batchSize, count)) {
          // A clock that went backwards or did not move is a broken sample, not a fast one.
          if (ns > 0) {
            batchNs.push(ns);
            samplesMs.push(ns / 1e6 / batchSize);
          } else droppedSamples++;
        }
      } else {
        const t0 = performance.now();
        await runAndWait(device, stages, batchSize);
        samplesMs.push((performance.now() - t0) / batchSize);
      }
      progress({ phase: 'sample', samples: samplesMs.length });
      const elapsedMs = performance.now() - start;
      if (samplesMs.length === 0 && elapsedMs >= options.maxTimeMs) {
        throw new CaseFailure('error', `GPU timestamps gave no positive duration in ${droppedSamples} samples; try --clock wall`);
      }
      if (samplesMs.length >= options.maxSamples) stopReason = 'max-samples';
      else if (samplesMs.length >= options.minSamples) stopReason = 'min-samples';
      else if (elapsedMs >= options.maxTimeMs && samplesMs.length >= Math.min(MIN_SAMPLES_ON_TIMEOUT, options.minSamples)) stopReason = 'max-time';
      else continue;
      return {
        clock,
        batchSize,
        samplesMs,
        droppedSamples,
        elapsedMs,
        warmupRuns,
        stopReason,
        ...(pool ? { batchNs } : {}),
      };
    }
  } finally {
    pool?.destroy();
  }
}
