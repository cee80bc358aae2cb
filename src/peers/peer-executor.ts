/**
 * The executor of a peer page (a library such as TF.js running the case instead of WGSL of ours):
 * the same calls as the runner page (src/protocol/program.ts), the same seeded buffers, the same
 * checked output elements; the library does the work and the wall clock times it, since a
 * library records and submits its own command buffers and no GPU timestamp brackets them.
 */
import type { RawTiming, TimingOptions } from '../protocol/messages.js';
import type { CaseProgram, ExecutorApi, Failure, Prepared, Timed } from '../protocol/program.js';
import { sampleIndices, seededInputs } from '../protocol/seeded-inputs.js';
import { StoppingRule } from '../stats/stopping.js';

/** A case built by a peer library. */
export interface PeerCase {
  /** Runs the operation `repeats` times and resolves once the GPU has finished them. */
  run(repeats: number): Promise<void>;
  /** The output of the last run, read back. */
  output(): Promise<Float32Array>;
  dispose(): void;
}

/** What a peer page says about its library once started. */
export interface PeerInfo {
  library: string;
  version: string;
  /** The library's backend it runs on, e.g. 'webgpu'. */
  backend: string;
}

/** The executor of a peer page: the runner page's calls, with the library's info from init. */
export type PeerExecutorApi = Omit<ExecutorApi, 'init'> & { init(): Promise<PeerInfo> };

/** What a peer library provides. */
export interface PeerLibrary {
  /** Starts the library on WebGPU; rejects when it cannot. */
  init(): Promise<PeerInfo>;
  /** Builds the case from the program's seeded inputs; a Failure when the library cannot run it. */
  build(program: CaseProgram, inputs: Record<string, Float32Array>): Promise<PeerCase | Failure>;
}

/** Shortest timed batch: well above performance.now()'s coarsest tick in Chromium (0.1 ms). */
const MIN_BATCH_MS = 5;
/** performance.now()'s step assumed in the record: Chromium's coarsest (100 µs). */
const WALL_STEP_NS = 100_000;

async function timedBatch(peer: PeerCase, repeats: number): Promise<number> {
  const start = performance.now();
  await peer.run(repeats);
  return performance.now() - start;
}

/** Warm-up, a batch long enough for the wall clock, then samples until the stopping rule says stop. */
async function timePeer(peer: PeerCase, timing: TimingOptions): Promise<RawTiming> {
  const warmStart = performance.now();
  let warmupRuns = 1;
  let one = await timedBatch(peer, 1);
  while (performance.now() - warmStart < timing.warmupMs) {
    one = Math.min(one, await timedBatch(peer, 1));
    warmupRuns++;
  }
  const batchSize = Math.max(1, Math.ceil(Math.max(timing.minSampleMs, MIN_BATCH_MS) / Math.max(one, 1e-3)));
  const rule = new StoppingRule({
    noiseTarget: timing.noiseTarget,
    minSamples: timing.minSamples,
    maxSamples: timing.maxSamples,
    maxTimeMs: timing.maxTimeMs,
  });
  const samplesMs: number[] = [];
  const start = performance.now();
  for (;;) {
    const perRun = (await timedBatch(peer, batchSize)) / batchSize;
    samplesMs.push(perRun);
    rule.add(perRun);
    const decision = rule.check(performance.now() - start);
    if (!decision.stop) continue;
    return {
      clock: 'wall',
      mode: 'hot',
      batchSize,
      samplesMs,
      droppedSamples: 0,
      discardedSamples: 0,
      transientSamples: 0,
      elapsedMs: performance.now() - start,
      warmupRuns,
      stopReason: decision.reason!,
      resolution: { stepNs: WALL_STEP_NS, quantized: false, batchLengthened: false },
      evictBytes: 0,
    };
  }
}

/** The executor of a peer page over `library`. */
export function createPeerExecutor(library: PeerLibrary): PeerExecutorApi {
  const cases = new Map<number, PeerCase>();
  let nextHandle = 1;
  const failed = (error: unknown): { ok: false; failure: Failure } => ({
    ok: false,
    failure: { status: 'error', message: `${(error as Error).message ?? String(error)}` },
  });
  return {
    init: () => library.init(),
    async prepare(program): Promise<Prepared> {
      let built: PeerCase | Failure;
      try {
        built = await library.build(program, seededInputs(program.buffers, program.seed));
      } catch (error) {
        return failed(error);
      }
      if ('status' in built) return { ok: false, failure: built };
      try {
        await built.run(1);
        const output = await built.output();
        const spec = program.buffers.find((buffer) => buffer.name === program.output)!;
        const indices = sampleIndices(spec.length, program.maxChecked, program.seed);
        const handle = nextHandle++;
        cases.set(handle, built);
        return {
          ok: true,
          handle,
          output: indices.length === output.length ? output : Float32Array.from(indices, (index) => output[index]!),
        };
      } catch (error) {
        built.dispose();
        return failed(error);
      }
    },
    async time(handle, timing): Promise<Timed> {
      const peer = cases.get(handle);
      if (!peer) return { ok: false, failure: { status: 'error', message: `prepared case ${handle} is gone` } };
      try {
        return { ok: true, timing: await timePeer(peer, timing) };
      } catch (error) {
        return failed(error);
      }
    },
    async timeInterleaved() {
      return {
        ok: false,
        failure: {
          status: 'unsupported',
          message: 'a peer library runs alone: it is not measured interleaved with another kernel',
        },
      };
    },
    async release(handle) {
      cases.get(handle)?.dispose();
      cases.delete(handle);
    },
  };
}
