/**
 * The TensorFlow.js peer page: tf.matMul on TF.js's WebGPU backend, in the same browser as the
 * runner page but on a page of its own (the runner page never loads TF.js). It multiplies the same
 * seeded inputs as flopscope's matmul kernels, checks the product against the same CPU reference
 * and times it with the wall clock: TF.js records and submits its own command buffers, so no GPU
 * timestamp brackets its dispatches; a sample is performance.now() around a batch of tf.matMul
 * calls ended by reading back one element of the last product (runBatch).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgpu';
import { gemmProblem, gemmShape } from '../kernels/gemm-problem.js';
import type { KernelDescriptor } from '../kernels/types.js';
import type { CaseOutcome, CaseRequest, RawTiming } from '../protocol/messages.js';
import { checkOutput } from '../measure/check.js';
import { seededValues } from '../protocol/seeded-inputs.js';
import { StoppingRule } from '../stats/stopping.js';

/** What the host calls on the peer page. */
export interface PeerApi {
  /** Starts TF.js's WebGPU backend; its version. */
  init(): Promise<{ tfjs: string; backend: string }>;
  runCase(request: CaseRequest): Promise<CaseOutcome>;
}

/** Shortest timed batch: well above performance.now()'s coarsest tick in Chromium (0.1 ms). */
const MIN_BATCH_MS = 5;

/**
 * Runs `repeats` products of a and b and waits for the GPU: the last product's first element is
 * read back through TF.js (a 1-element slice: 4 bytes), which flushes TF.js's queued commands by
 * its own path. (Calling the backend's submitQueue() directly left later uploads unseen.)
 */
async function runBatch(a: tf.Tensor, b: tf.Tensor, repeats: number): Promise<void> {
  for (let i = 1; i < repeats; i++) tf.matMul(a, b).dispose();
  const last = tf.matMul(a, b);
  const first = tf.slice(last, [0, 0, 0], [1, 1, 1]);
  await first.data();
  first.dispose();
  last.dispose();
}

async function timedBatch(a: tf.Tensor, b: tf.Tensor, repeats: number): Promise<number> {
  const start = performance.now();
  await runBatch(a, b, repeats);
  return performance.now() - start;
}

async function runCase(request: CaseRequest): Promise<CaseOutcome> {
  if (request.kernel !== 'tfjs-matmul') return { status: 'error', message: `the TF.js peer page runs tfjs-matmul, not ${request.kernel}`, correctness: null, timing: null };
  const { m, n, k, batch } = gemmShape(request.shape);
  const inputs = { a: seededValues(batch * m * k, request.seed, 'a'), b: seededValues(batch * k * n, request.seed, 'b') };
  const a = tf.tensor3d(inputs.a, [batch, m, k]);
  const b = tf.tensor3d(inputs.b, [batch, k, n]);
  try {
    const product = tf.matMul(a, b);
    const output = (await product.data()) as Float32Array;
    product.dispose();
    const reference = gemmProblem as unknown as KernelDescriptor;
    const correctness = checkOutput(reference, request.shape, {}, inputs, output, batch * m * n, request.maxCheckedElements, request.seed);
    const { timing } = request;
    // Warm-up: compiled programs cached, the clock's batch size chosen from one timed run.
    const warmStart = performance.now();
    let warmupRuns = 1;
    let one = await timedBatch(a, b, 1);
    while (performance.now() - warmStart < timing.warmupMs) {
      one = Math.min(one, await timedBatch(a, b, 1));
      warmupRuns++;
    }
    const batchSize = Math.max(1, Math.ceil(Math.max(timing.minSampleMs, MIN_BATCH_MS) / Math.max(one, 1e-3)));
    const rule = new StoppingRule({ noiseTarget: timing.noiseTarget, minSamples: timing.minSamples, maxSamples: timing.maxSamples, maxTimeMs: timing.maxTimeMs });
    const samplesMs: number[] = [];
    const start = performance.now();
    for (;;) {
      const perRun = (await timedBatch(a, b, batchSize)) / batchSize;
      samplesMs.push(perRun);
      rule.add(perRun);
      const decision = rule.check(performance.now() - start);
      if (decision.stop) {
        const raw: RawTiming = {
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
          resolution: { stepNs: 100_000, quantized: false, batchLengthened: false },
          evictBytes: 0,
        };
        return { status: correctness.passed ? 'ok' : 'incorrect', correctness, timing: raw };
      }
    }
  } catch (error) {
    return { status: 'error', message: `TF.js failed: ${(error as Error).message}`, correctness: null, timing: null };
  } finally {
    a.dispose();
    b.dispose();
  }
}

const api: PeerApi = {
  async init() {
    const ok = await tf.setBackend('webgpu');
    await tf.ready();
    if (!ok || tf.getBackend() !== 'webgpu') throw new Error('NoWebGpuError: TF.js could not start its WebGPU backend');
    return { tfjs: tf.version_core, backend: tf.getBackend() };
  },
  runCase,
};

(window as unknown as { flopscopePeer: PeerApi }).flopscopePeer = api;
