/**
 * The ONNX Runtime Web peer page: a one-node ONNX model per case (MatMul, or Conv on NHWC data),
 * run by onnxruntime-web's WebGPU execution provider in the same browser as the runner page but on
 * a page of its own (the runner page never loads ORT). It feeds the same seeded inputs as
 * flopscope's kernels, checks the output against the same CPU reference, and times the session as
 * a user would run it: inputs already on the GPU (ort.Tensor.fromGpuBuffer), output kept there
 * (preferredOutputLocation 'gpu-buffer'), wall clock around a batch of session.run() calls ended
 * by waiting for the GPU (queue.onSubmittedWorkDone()): ORT records and submits its own command
 * buffers, so no GPU timestamp of ours brackets its dispatches.
 *
 * A case is two steps: prepare (model, session, GPU tensors, one run watched for its GPU work,
 * output read back and checked) and time (the timed batches), so that a protocol with separate
 * "prepare" and "time" calls can call them apart.
 */
import * as ort from 'onnxruntime-web/webgpu';
import { convProblem } from '../kernels/conv-problem.js';
import { gemmProblem, gemmShape } from '../kernels/gemm-problem.js';
import type { KernelDescriptor, Shape } from '../kernels/types.js';
import type { CaseOutcome, CaseRequest, Correctness, RawTiming, TimingOptions } from '../protocol/messages.js';
import { checkOutput } from '../runner/check.js';
import { seededValues } from '../runner/inputs.js';
import { StoppingRule } from '../stats/stopping.js';
import { convGraph, encodeModel, filtersToOihw, matmulGraph } from './onnx-model.js';

/** What the host calls on the peer page. */
export interface PeerApi {
  /** Points ORT at its .wasm files on this server; ORT's version. */
  init(): Promise<{ ort: string }>;
  /** `options` only from tests (PrepareOptions); the host sends the request alone. */
  runCase(request: CaseRequest, options?: PrepareOptions): Promise<CaseOutcome>;
}

/** Shortest timed batch: well above performance.now()'s coarsest tick in Chromium (0.1 ms). */
const MIN_BATCH_MS = 5;

/** One graph input: its name, flopscope's data for it and the dims the model declares. */
interface GraphInput {
  name: string;
  data: Float32Array<ArrayBuffer>;
  dims: readonly number[];
}

/** What a kernel of this page runs: the model, its inputs and output, and the reference to check against. */
interface OrtProblem {
  /** The ONNX operator the case measures. */
  op: 'MatMul' | 'Conv';
  /** Names of the ORT programs that compute it: a run must dispatch one of them on WebGPU. */
  programs: RegExp;
  model: Uint8Array;
  graphInputs: GraphInput[];
  output: { name: string; length: number };
  /** Inputs in the layout the CPU reference reads (flopscope's). */
  referenceInputs: Record<string, Float32Array>;
  reference: KernelDescriptor;
  /** Layout the WebGPU EP runs layout-sensitive operators (Conv) in. */
  preferredLayout: 'NCHW' | 'NHWC';
}

function matmulProblem(shape: Shape, seed: number): OrtProblem {
  const { m, n, k, batch } = gemmShape(shape);
  const graph = matmulGraph(shape);
  const a = seededValues(batch * m * k, seed, 'a');
  const b = seededValues(batch * k * n, seed, 'b');
  return {
    op: 'MatMul',
    programs: /MatMul|Gemm/,
    model: encodeModel(graph),
    graphInputs: [
      { name: 'a', data: a, dims: graph.inputs[0]!.dims },
      { name: 'b', data: b, dims: graph.inputs[1]!.dims },
    ],
    output: { name: 'c', length: batch * m * n },
    referenceInputs: { a, b },
    reference: gemmProblem as unknown as KernelDescriptor,
    preferredLayout: 'NCHW',
  };
}

/**
 * The conv layer: input [N,H,W,C] fed as is; the filters [R,S,C,M] become the model's weights
 * [M,C,R,S] (transposed once on the CPU, before the session exists), uploaded by ORT when it
 * creates the session, as a model's weights are. The session prefers NHWC, so the Transposes
 * around the Conv cancel against ORT's layout transformation (src/peers/onnx-model.ts).
 */
function conv2dProblem(shape: Shape, seed: number): OrtProblem {
  const [inputSpec, filterSpec, outputSpec] = convProblem.buffers(shape);
  const input = seededValues(inputSpec!.length, seed, 'input');
  const filter = seededValues(filterSpec!.length, seed, 'filter');
  const graph = convGraph(shape, filtersToOihw(filter, shape));
  return {
    op: 'Conv',
    // Conv2dMM, GroupedConv, ...; a 1x1 Conv runs as ORT's MatMul program.
    programs: /Conv|MatMul|Gemm/,
    model: encodeModel(graph),
    graphInputs: [{ name: 'input', data: input, dims: graph.inputs[0]!.dims }],
    output: { name: 'output', length: outputSpec!.length },
    referenceInputs: { input, filter },
    reference: convProblem as unknown as KernelDescriptor,
    preferredLayout: 'NHWC',
  };
}

const PROBLEMS: Record<string, (shape: Shape, seed: number) => OrtProblem> = { 'ort-matmul': matmulProblem, 'ort-conv': conv2dProblem };

/** Program names of ORT's compute pipelines: the label of the shader module each was made from (ORT labels modules, not pipelines). */
const pipelineNames = new WeakMap<GPUComputePipeline, string>();

/**
 * Wraps pipeline creation on this page, for good, so that every compute pipeline is known by its
 * shader module's label (`MatMul`, `Conv2dMM`, `Transpose`): ORT may build its pipelines in one
 * session and reuse them in the next. It costs a map entry per pipeline, nothing per dispatch.
 */
function namePipelines(): void {
  const device = GPUDevice.prototype;
  const { createComputePipeline, createComputePipelineAsync } = device;
  const nameOf = (descriptor: GPUComputePipelineDescriptor) => descriptor.label || descriptor.compute.module.label || '(unlabelled)';
  device.createComputePipeline = function (this: GPUDevice, descriptor: GPUComputePipelineDescriptor) {
    const pipeline = createComputePipeline.call(this, descriptor);
    pipelineNames.set(pipeline, nameOf(descriptor));
    return pipeline;
  };
  device.createComputePipelineAsync = async function (this: GPUDevice, descriptor: GPUComputePipelineDescriptor) {
    const pipeline = await createComputePipelineAsync.call(this, descriptor);
    pipelineNames.set(pipeline, nameOf(descriptor));
    return pipeline;
  };
}

/** The GPU work one call recorded: program names in dispatch order, and dispatches left unsubmitted when it returned. */
interface GpuWork {
  programs: string[];
  unsubmitted: number;
}

/**
 * Runs `fn` with WebGPU's compute-pass and queue methods wrapped, recording every dispatch (by
 * its pipeline's program name) and whether all of them were submitted by the time `fn`
 * resolved. This is how the page knows a node ran on WebGPU: a node ORT assigns to its CPU
 * fallback dispatches nothing. Only this page's prototypes, restored after.
 */
async function watchGpuWork<T>(fn: () => Promise<T>): Promise<{ result: T; work: GpuWork }> {
  const pass = GPUComputePassEncoder.prototype;
  const queue = GPUQueue.prototype;
  const original = { setPipeline: pass.setPipeline, dispatchWorkgroups: pass.dispatchWorkgroups, dispatchWorkgroupsIndirect: pass.dispatchWorkgroupsIndirect, submit: queue.submit };
  const programs: string[] = [];
  let current = '';
  let unsubmitted = 0;
  pass.setPipeline = function (this: GPUComputePassEncoder, pipeline: GPUComputePipeline) {
    current = pipelineNames.get(pipeline) ?? (pipeline.label || '(unknown pipeline)');
    return original.setPipeline.call(this, pipeline);
  };
  pass.dispatchWorkgroups = function (this: GPUComputePassEncoder, ...args: Parameters<GPUComputePassEncoder['dispatchWorkgroups']>) {
    programs.push(current);
    unsubmitted++;
    return original.dispatchWorkgroups.apply(this, args);
  };
  pass.dispatchWorkgroupsIndirect = function (this: GPUComputePassEncoder, ...args: Parameters<GPUComputePassEncoder['dispatchWorkgroupsIndirect']>) {
    programs.push(current);
    unsubmitted++;
    return original.dispatchWorkgroupsIndirect.apply(this, args);
  };
  queue.submit = function (this: GPUQueue, buffers: Iterable<GPUCommandBuffer>) {
    unsubmitted = 0;
    return original.submit.call(this, buffers);
  };
  try {
    const result = await fn();
    return { result, work: { programs, unsubmitted } };
  } finally {
    Object.assign(pass, { setPipeline: original.setPipeline, dispatchWorkgroups: original.dispatchWorkgroups, dispatchWorkgroupsIndirect: original.dispatchWorkgroupsIndirect });
    queue.submit = original.submit;
  }
}

/** A case ready to time: its session and GPU-resident feeds, checked. */
export interface PreparedCase {
  correctness: Correctness;
  /** Program names of one run's dispatches, in order. */
  programs: string[];
  /** Program names dispatched while the session was created (e.g. a weight transpose, done once). */
  setupPrograms: string[];
  /** One session.run() on the GPU-resident feeds, its output kept on the GPU and released. */
  run(): Promise<void>;
  /** Resolves once the GPU has finished everything submitted so far. */
  waitForGpu(): Promise<void>;
  /** How waitForGpu waits, for the report. */
  batchEnd: string;
  dispose(): Promise<void>;
}

/** How to prepare a case beyond its request. */
export interface PrepareOptions {
  /**
   * Nodes ORT must run on its CPU EP (its forceCpuNodeNames option; node names from
   * onnx-model.ts, e.g. `matmul0`): only for the test that shows such a run is refused.
   */
  cpuNodes?: readonly string[];
}

/** Why a case cannot be measured as a WebGPU figure (thrown by prepare, reported as an error). */
class NotOnWebGpu extends Error {}

/**
 * Builds the model and session, uploads the inputs into GPU buffers on ORT's device, runs once
 * watching the GPU work, reads the output back and checks it against the CPU reference.
 */
export async function prepare(request: CaseRequest, options: PrepareOptions = {}): Promise<PreparedCase> {
  const problem = PROBLEMS[request.kernel]!(request.shape, request.seed);
  const { result: session, work: setup } = await watchGpuWork(() =>
    ort.InferenceSession.create(problem.model, {
      executionProviders: [{ name: 'webgpu', preferredLayout: problem.preferredLayout, ...(options.cpuNodes ? { forceCpuNodeNames: options.cpuNodes } : {}) }],
      preferredOutputLocation: 'gpu-buffer',
      graphOptimizationLevel: 'all',
    }),
  );
  const buffers: GPUBuffer[] = [];
  const release = async () => {
    for (const buffer of buffers) buffer.destroy();
    await session.release();
  };
  try {
    // The device ORT created for the session: input buffers must live on it.
    const device = await ort.env.webgpu.device;
    const feeds: Record<string, ort.Tensor> = {};
    for (const input of problem.graphInputs) {
      const buffer = device.createBuffer({ size: input.data.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
      buffers.push(buffer);
      device.queue.writeBuffer(buffer, 0, input.data);
      feeds[input.name] = ort.Tensor.fromGpuBuffer(buffer, { dataType: 'float32', dims: input.dims });
    }
    const { result: first, work } = await watchGpuWork(() => session.run(feeds));
    const output = first[problem.output.name]!;
    if (output.location !== 'gpu-buffer') throw new NotOnWebGpu(`ONNX Runtime returned its output in '${output.location}', not in a GPU buffer: the WebGPU EP did not run the graph`);
    if (!work.programs.some((name) => problem.programs.test(name))) {
      throw new NotOnWebGpu(
        `ONNX Runtime ran ${problem.op} without a WebGPU dispatch of it (GPU programs: ${work.programs.join(', ') || 'none'}): it fell back to its wasm CPU kernel, so this is not a WebGPU figure`,
      );
    }
    const data = (await output.getData()) as Float32Array;
    output.dispose();
    const correctness = checkOutput(problem.reference, request.shape, {}, problem.referenceInputs, data, problem.output.length, request.maxCheckedElements, request.seed);
    // ORT submitted every dispatch of a run before run() resolved (checked here): then waiting
    // for the queue waits for the run. Otherwise the next batch end reads the output back.
    const flushesItself = work.unsubmitted === 0;
    let last: ort.Tensor | null = null;
    return {
      correctness,
      programs: work.programs,
      setupPrograms: setup.programs,
      batchEnd: flushesItself ? 'queue.onSubmittedWorkDone()' : 'reading the last output back',
      async run() {
        last?.dispose();
        last = (await session.run(feeds))[problem.output.name]!;
        if (flushesItself) {
          last.dispose();
          last = null;
        }
      },
      async waitForGpu() {
        if (last) {
          await last.getData(true);
          last = null;
        }
        await device.queue.onSubmittedWorkDone();
      },
      dispose: release,
    };
  } catch (error) {
    await release();
    throw error;
  }
}

async function timedBatch(prepared: PreparedCase, repeats: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < repeats; i++) await prepared.run();
  await prepared.waitForGpu();
  return performance.now() - start;
}

/** Times a prepared case: warm-up, then batches of runs until the stopping rule says stop. */
export async function time(prepared: PreparedCase, timing: TimingOptions): Promise<RawTiming> {
  // Warm-up: pipelines compiled, buffer pools filled, the clock's batch size chosen from one timed run.
  const warmStart = performance.now();
  let warmupRuns = 1;
  let one = await timedBatch(prepared, 1);
  while (performance.now() - warmStart < timing.warmupMs) {
    one = Math.min(one, await timedBatch(prepared, 1));
    warmupRuns++;
  }
  const batchSize = Math.max(1, Math.ceil(Math.max(timing.minSampleMs, MIN_BATCH_MS) / Math.max(one, 1e-3)));
  const rule = new StoppingRule({ noiseTarget: timing.noiseTarget, minSamples: timing.minSamples, maxSamples: timing.maxSamples, maxTimeMs: timing.maxTimeMs });
  const samplesMs: number[] = [];
  const start = performance.now();
  for (;;) {
    const perRun = (await timedBatch(prepared, batchSize)) / batchSize;
    samplesMs.push(perRun);
    rule.add(perRun);
    const decision = rule.check(performance.now() - start);
    if (decision.stop) {
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
        resolution: { stepNs: 100_000, quantized: false, batchLengthened: false },
        evictBytes: 0,
      };
    }
  }
}

/** Counts of each program in dispatch order: `MatMul` or `Transpose x2, Conv`. */
function programSummary(programs: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const label of programs) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts].map(([label, count]) => (count > 1 ? `${label} x${count}` : label)).join(', ');
}

async function runCase(request: CaseRequest, options: PrepareOptions = {}): Promise<CaseOutcome> {
  if (!(request.kernel in PROBLEMS)) return { status: 'error', message: `the ONNX Runtime peer page runs ${Object.keys(PROBLEMS).join(' and ')}, not ${request.kernel}`, correctness: null, timing: null };
  if (request.timing.mode === 'cold') return { status: 'unsupported', message: 'the ONNX Runtime peer is timed hot only: its page evicts no caches between runs', correctness: null, timing: null };
  let prepared: PreparedCase | null = null;
  try {
    prepared = await prepare(request, options);
    const timing = await time(prepared, request.timing);
    const message =
      `onnxruntime-web ${ort.env.versions.web} WebGPU EP; inputs and output GPU-resident (Tensor.fromGpuBuffer in, preferredOutputLocation gpu-buffer out); ` +
      `GPU programs per run: ${programSummary(prepared.programs)}${prepared.setupPrograms.length > 0 ? ` (once, at session creation: ${programSummary(prepared.setupPrograms)})` : ''}; ` +
      `wall clock around batches of session.run() ended by ${prepared.batchEnd}`;
    return { status: prepared.correctness.passed ? 'ok' : 'incorrect', message, correctness: prepared.correctness, timing };
  } catch (error) {
    const text = (error as Error).message?.split('\n')[0] ?? String(error);
    return { status: 'error', message: error instanceof NotOnWebGpu ? text : `ONNX Runtime failed: ${text}`, correctness: null, timing: null };
  } finally {
    await prepared?.dispose();
  }
}

const api: PeerApi = {
  async init() {
    if (!navigator.gpu) throw new Error('NoWebGpuError: this browser has no navigator.gpu, so ONNX Runtime cannot use its WebGPU EP');
    namePipelines();
    // ORT's .wasm comes from this page's own server (build.mjs copies it beside this bundle).
    ort.env.wasm.wasmPaths = new URL('./', location.href).href;
    // Threads need SharedArrayBuffer, i.e. a cross-origin isolated page (COOP/COEP headers),
    // which the loopback server does not send; the WebGPU EP does its work on the GPU anyway.
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
    return { ort: ort.env.versions.web ?? 'unknown' };
  },
  runCase,
};

(window as unknown as { flopscopePeer: PeerApi }).flopscopePeer = api;
