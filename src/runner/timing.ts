/**
 * Timing a prepared kernel, the way nvbench does it: warm up, calibrate a batch size from a
 * first measurement (long enough to dwarf the timer's step and the submit overhead), then take
 * samples until the 95% interval of the median is within the noise target or the budget runs
 * out (src/stats/stopping.ts). GPU timestamps (a pair per compute pass) when the device has
 * 'timestamp-query'; wall clock around onSubmittedWorkDone otherwise. In cold mode a pass that
 * walks a large buffer runs, untimed, before every sample, and every sample is one run.
 */
import evictShader from '../../shaders/evict.wgsl';
import type {
  Clock,
  ProgressEvent,
  RawTiming,
  StageTiming,
  TimerResolution,
  TimingOptions,
} from '../protocol/messages.js';
import { detectQuantization } from '../stats/timer.js';
import { batchFor, regrid } from './batching.js';
import { autocorrelationInflation } from '../stats/autocorrelation.js';
import { StoppingRule } from '../stats/stopping.js';
import { findStartTransient } from '../stats/transient.js';
import { CaseFailure, encodeRuns, type PreparedStage } from './prepare.js';

/** Timestamped samples submitted together before reading their timestamps back. */
const MAX_SAMPLES_PER_SUBMIT = 32;
/** Aim for this much GPU work per submit of timestamped samples, so readbacks stay rare. */
const SUBMIT_TARGET_MS = 100;
/** Fewest samples a case keeps when its time budget runs out. */
const MIN_SAMPLES_ON_TIMEOUT = 3;
/** Single runs timed to calibrate the batch size and look for a timer grid. */
export const CALIBRATION_RUNS = 5;
/**
 * Bytes the cold mode walks between samples: larger than the last-level cache of every GPU in
 * src/specs (the largest, MI300X's Infinity Cache, is 256 MB), clamped to the device's limits.
 */
const EVICT_BYTES = 512 * 2 ** 20;
/** Invocations of the eviction pass (grid-stride loop): enough to fill any device. */
const EVICT_THREADS = 256 * 1024;
/** Samples of each stage of a multi-stage kernel, timed alone after the whole kernel. */
const STAGE_SAMPLES = 7;
/**
 * Least warm-up of the first case measured on a device. Right after the browser starts, its own
 * start-up work competes for the processor: on SwiftShader with 2 cores, matmul-naive at 64 ran
 * at half speed for the first 100-250 ms of GPU time, and a 100 ms warm-up let one launch in six
 * measure 2x the time of the others. Later cases find the device settled.
 */
const FIRST_CASE_WARMUP_MS = 1000;
/** Devices that have measured a case already (see FIRST_CASE_WARMUP_MS). */
const settledDevices = new WeakSet<GPUDevice>();

/** The warm-up of the next case on `device`: the asked one, or FIRST_CASE_WARMUP_MS for its first case. */
export function warmupFor(device: GPUDevice, options: Pick<TimingOptions, 'warmupMs'>): number {
  const warmupMs = settledDevices.has(device) ? options.warmupMs : Math.max(options.warmupMs, FIRST_CASE_WARMUP_MS);
  settledDevices.add(device);
  return warmupMs;
}

/** Encodes and submits `repeats` runs in one pass and waits until the GPU has finished them. */
export async function runAndWait(device: GPUDevice, stages: readonly PreparedStage[], repeats: number): Promise<void> {
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  encodeRuns(pass, stages, repeats);
  pass.end();
  device.queue.submit([encoder.finish()]);
  await device.queue.onSubmittedWorkDone();
}

/** The eviction pass of cold mode: a buffer larger than the caches, walked read-modify-write. */
class Evictor {
  readonly bytes: number;
  private readonly stage: PreparedStage;
  private readonly buffers: GPUBuffer[];

  constructor(device: GPUDevice) {
    const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
    this.bytes = Math.floor(Math.min(EVICT_BYTES, limit) / 16) * 16;
    const data = device.createBuffer({ label: 'evict', size: this.bytes, usage: GPUBufferUsage.STORAGE });
    const params = device.createBuffer({
      label: 'evict params',
      size: 8,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    device.queue.writeBuffer(params, 0, new Uint32Array([this.bytes / 16, EVICT_THREADS]));
    const module = device.createShaderModule({ code: evictShader, label: 'evict' });
    const pipeline = device.createComputePipeline({
      layout: 'auto',
      compute: { module, entryPoint: 'main', constants: { WG_SIZE: 256 } },
    });
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: data } },
        { binding: 1, resource: { buffer: params } },
      ],
    });
    this.stage = { name: 'evict', pipeline, bindGroup, workgroups: [EVICT_THREADS / 256, 1, 1] };
    this.buffers = [data, params];
  }

  /** Adds the eviction pass (untimed) to an encoder. */
  encode(encoder: GPUCommandEncoder): void {
    const pass = encoder.beginComputePass({ label: 'evict' });
    encodeRuns(pass, [this.stage], 1);
    pass.end();
  }

  destroy(): void {
    for (const buffer of this.buffers) buffer.destroy();
  }
}

/** A reusable set of timestamp queries and the buffers to read them back. */
export class TimestampPool {
  readonly querySet: GPUQuerySet;
  private readonly resolve: GPUBuffer;
  private readonly readback: GPUBuffer;

  constructor(
    private readonly device: GPUDevice,
    readonly capacity: number,
  ) {
    this.querySet = device.createQuerySet({ type: 'timestamp', count: capacity * 2 });
    this.resolve = device.createBuffer({
      size: capacity * 16,
      usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
    });
    this.readback = device.createBuffer({
      size: capacity * 16,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
  }

  /**
   * Runs `count` timestamped passes of `repeats` runs each (each preceded by an untimed
   * eviction pass when `evictor` is given); returns each pass's duration in ns.
   */
  async timePasses(
    stages: readonly PreparedStage[],
    repeats: number,
    count: number,
    evictor: Evictor | null = null,
  ): Promise<number[]> {
    return this.timeSequence(
      Array.from({ length: count }, () => ({ stages, repeats })),
      evictor,
    );
  }

  /**
   * Runs one timestamped pass per item, in order, in one submit (each preceded by an untimed
   * eviction pass when `evictor` is given); returns each pass's duration in ns.
   */
  async timeSequence(
    items: readonly { stages: readonly PreparedStage[]; repeats: number }[],
    evictor: Evictor | null = null,
  ): Promise<number[]> {
    const count = items.length;
    if (count > this.capacity)
      throw new RangeError(`${count} timed passes in one submit, over the pool's ${this.capacity}`);
    const encoder = this.device.createCommandEncoder();
    for (const [i, { stages, repeats }] of items.entries()) {
      evictor?.encode(encoder);
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

/** The smallest step performance.now() moves by here (coarsened by the browser, often 5 to 100 µs). */
export function wallClockStepNs(): number {
  let step = Number.POSITIVE_INFINITY;
  let last = performance.now();
  for (let changes = 0; changes < 5;) {
    const now = performance.now();
    if (now !== last) {
      step = Math.min(step, now - last);
      last = now;
      changes++;
    }
  }
  return Math.round(step * 1e6);
}

/** One way of timing a batch: GPU timestamps or the wall clock, hot or cold. */
interface Sampler {
  /**
   * Times `count` batches of `repeats` runs, each after an eviction pass when `cold` (and the
   * sampler has an evictor); durations in ns, one per batch (non-positive = broken).
   */
  time(stages: readonly PreparedStage[], repeats: number, count: number, cold: boolean): Promise<number[]>;
  destroy(): void;
}

function timestampSampler(device: GPUDevice, evictor: Evictor | null): Sampler {
  const pool = new TimestampPool(device, MAX_SAMPLES_PER_SUBMIT);
  return {
    time: (stages, repeats, count, cold) =>
      pool.timePasses(stages, repeats, Math.min(count, pool.capacity), cold ? evictor : null),
    destroy: () => pool.destroy(),
  };
}

function wallSampler(device: GPUDevice, evictor: Evictor | null): Sampler {
  return {
    async time(stages, repeats, count, cold) {
      const durations: number[] = [];
      for (let i = 0; i < count; i++) {
        if (evictor && cold) {
          const encoder = device.createCommandEncoder();
          evictor.encode(encoder);
          device.queue.submit([encoder.finish()]);
          await device.queue.onSubmittedWorkDone();
        }
        const t0 = performance.now();
        await runAndWait(device, stages, repeats);
        durations.push((performance.now() - t0) * 1e6);
      }
      return durations;
    },
    destroy: () => undefined,
  };
}

/** Warms up, picks a batch size, then takes samples until the stopping rule says stop. */
export async function timeKernel(
  device: GPUDevice,
  stages: readonly PreparedStage[],
  options: TimingOptions,
  clock: Clock,
  progress: (event: ProgressEvent) => void,
): Promise<RawTiming> {
  // Warm-up: the run that compiled and checked the kernel is done; now run untimed for a while
  // (longer for the first case on this device: the browser may still be starting up).
  progress({ phase: 'warmup' });
  const warmupMs = warmupFor(device, options);
  let warmupRuns = 0;
  const warmupStart = performance.now();
  do {
    await runAndWait(device, stages, 1);
    warmupRuns++;
  } while (performance.now() - warmupStart < warmupMs);
  const wallPerRunNs = ((performance.now() - warmupStart) / warmupRuns) * 1e6;

  const evictor = options.mode === 'cold' ? new Evictor(device) : null;
  const sampler = clock === 'gpu-timestamp' ? timestampSampler(device, evictor) : wallSampler(device, evictor);
  try {
    // Calibration: single runs (hot: they only size the work), to estimate one run's time and look for a timer grid.
    const calibration = await sampler.time(stages, 1, CALIBRATION_RUNS, false);
    const positive = calibration.filter((ns) => ns > 0);
    const grid = clock === 'gpu-timestamp' ? detectQuantization(calibration) : null;
    let stepNs = clock === 'gpu-timestamp' ? (grid?.stepNs ?? 1) : wallClockStepNs();
    const singleRunNs = positive.length > 0 ? positive.sort((a, b) => a - b)[positive.length >> 1]! : wallPerRunNs;
    // Cold samples are single runs (only the first run of a batch would be cold).
    let batchSize = evictor ? 1 : batchFor(singleRunNs, stepNs, options);

    const newRule = (kept: readonly number[] = []) => {
      const fresh = new StoppingRule({
        noiseTarget: options.noiseTarget,
        minSamples: options.minSamples,
        maxSamples: options.maxSamples,
        maxTimeMs: options.maxTimeMs,
      });
      for (const sample of kept) fresh.add(sample);
      return fresh;
    };
    let rule = newRule();
    let samplesMs: number[] = [];
    let batchNs: number[] = [];
    let droppedSamples = 0;
    let discardedSamples = 0;
    let transientSamples = 0;
    let batchLengthened = false;
    let gridChecked = clock !== 'gpu-timestamp' || evictor !== null;
    const start = performance.now();
    for (;;) {
      const perSubmit = Math.max(1, Math.floor((SUBMIT_TARGET_MS * 1e6) / Math.max(singleRunNs * batchSize, 1)));
      const remaining = options.maxSamples - samplesMs.length;
      // Cold samples go one per submit: their eviction passes dwarf the readback they would save.
      const count =
        clock === 'gpu-timestamp' && !evictor ? Math.max(1, Math.min(MAX_SAMPLES_PER_SUBMIT, remaining, perSubmit)) : 1;
      for (const ns of await sampler.time(stages, batchSize, count, true)) {
        // A clock that went backwards or did not move is a broken sample, not a fast one.
        if (ns > 0) {
          batchNs.push(ns);
          samplesMs.push(ns / 1e6 / batchSize);
          rule.add(ns / 1e6 / batchSize);
        } else droppedSamples++;
      }
      // With a few batches in hand, look again for a timer grid (calibration's single runs are
      // too few to show one); if it is coarse for these batches, lengthen them and start over.
      if (!gridChecked && batchNs.length >= 8) {
        gridChecked = true;
        const decision = regrid(batchNs, batchSize, stepNs, options);
        stepNs = decision.stepNs;
        if (decision.lengthenTo !== null) {
          batchSize = decision.lengthenTo;
          batchLengthened = true;
          discardedSamples += samplesMs.length;
          samplesMs = [];
          batchNs = [];
          rule = newRule();
          continue;
        }
      }
      const elapsedMs = performance.now() - start;
      // Neighbouring samples are correlated: widen the interval accordingly before judging the noise.
      const decision = rule.check(elapsedMs, autocorrelationInflation(samplesMs));
      progress({ phase: 'sample', samples: samplesMs.length, relHalfWidth: decision.relHalfWidth });
      if (samplesMs.length === 0 && elapsedMs >= options.maxTimeMs) {
        throw new CaseFailure({
          status: 'error',
          message: `GPU timestamps gave no positive duration in ${droppedSamples} samples; try --clock wall`,
        });
      }
      const leastSamples = Math.min(MIN_SAMPLES_ON_TIMEOUT, options.minSamples);
      const stop = decision.stop && (decision.reason !== 'max-time' || samplesMs.length >= leastSamples);
      if (!stop) continue;
      // Samples from before the steady state (a start that differs from the rest) are dropped,
      // then sampling goes on while the budget lasts.
      const transient = findStartTransient(samplesMs, { minShift: options.noiseTarget });
      if (transient && samplesMs.length - transient.count >= leastSamples) {
        transientSamples += transient.count;
        samplesMs = samplesMs.slice(transient.count);
        batchNs = batchNs.slice(transient.count);
        rule = newRule(samplesMs);
        if (decision.reason !== 'max-time') continue;
      }
      const resolution: TimerResolution = { stepNs, quantized: stepNs > 1, batchLengthened };
      const timing: RawTiming = {
        clock,
        mode: options.mode,
        batchSize,
        samplesMs,
        droppedSamples,
        discardedSamples,
        transientSamples,
        elapsedMs,
        warmupRuns,
        stopReason: decision.reason!,
        resolution,
        evictBytes: evictor?.bytes ?? 0,
        ...(clock === 'gpu-timestamp' ? { batchNs } : {}),
      };
      if (stages.length > 1) {
        progress({ phase: 'stages' });
        timing.stages = await timeStages(sampler, stages, batchSize, evictor !== null);
      }
      return timing;
    }
  } finally {
    sampler.destroy();
    evictor?.destroy();
  }
}

/**
 * Each stage of a multi-stage kernel timed alone, in batches of the same size as the whole
 * kernel's (a stage re-run on its own reads what the previous run left, which is what it reads
 * inside the kernel too).
 */
async function timeStages(
  sampler: Sampler,
  stages: readonly PreparedStage[],
  batchSize: number,
  cold: boolean,
): Promise<StageTiming[]> {
  const timings: StageTiming[] = [];
  for (const stage of stages) {
    const samplesMs: number[] = [];
    // Broken (non-positive) readings are dropped; give up on the stage after as many again.
    for (let tries = 0; samplesMs.length < STAGE_SAMPLES && tries < 2; tries++) {
      for (const ns of await sampler.time([stage], batchSize, STAGE_SAMPLES - samplesMs.length, cold)) {
        if (ns > 0) samplesMs.push(ns / 1e6 / batchSize);
      }
    }
    timings.push({ name: stage.name, samplesMs });
  }
  return timings;
}
