/**
 * The ONNX Runtime Web peer page: a one-node ONNX model per case (MatMul, or Conv on NHWC data),
 * run by onnxruntime-web's WebGPU execution provider in the same browser as the runner page but on
 * a page of its own (the runner page never loads ORT). It feeds the same seeded inputs as
 * flopscope's kernels, returns the output for the core to check against the same CPU reference, and times the
 * session as
 * a user would run it: inputs already on the GPU (ort.Tensor.fromGpuBuffer), output kept there
 * (preferredOutputLocation 'gpu-buffer'), wall clock around a batch of session.run() calls ended
 * by waiting for the GPU (queue.onSubmittedWorkDone()): ORT records and submits its own command
 * buffers, so no GPU timestamp of ours brackets its dispatches.
 *
 * It runs on src/peers/peer-executor.ts: build() is the prepare step (model, session, GPU
 * tensors, one run watched for its GPU work); the executor reads the output back for the core to
 * check against the CPU reference, and times run(repeats) by the wall clock.
 */
import * as ort from 'onnxruntime-web/webgpu';
import { conv2d } from '../api/problems/conv2d.js';
import { gemmShape } from '../api/problems/gemm.js';
import type { Shape } from '../api/types.js';
import { exposeExecutor } from '../runner/expose.js';
import { convGraph, encodeModel, filtersToOihw, matmulGraph } from './onnx-model.js';
import { createPeerExecutor, type PeerCase } from './peer-executor.js';

/** One graph input: its name, flopscope's data for it and the dims the model declares. */
interface GraphInput {
  name: string;
  data: Float32Array;
  dims: readonly number[];
}

/** What a kernel of this page runs: the model, its inputs and output. */
interface OrtProblem {
  /** The ONNX operator the case measures. */
  op: 'MatMul' | 'Conv';
  /** Names of the ORT programs that compute it: a run must dispatch one of them on WebGPU. */
  programs: RegExp;
  model: Uint8Array;
  graphInputs: GraphInput[];
  output: string;
  /** Layout the WebGPU EP runs layout-sensitive operators (Conv) in. */
  preferredLayout: 'NCHW' | 'NHWC';
}

function matmulProblem(shape: Shape, inputs: Record<string, Float32Array>): OrtProblem {
  gemmShape(shape);
  const graph = matmulGraph(shape);
  return {
    op: 'MatMul',
    programs: /MatMul|Gemm/,
    model: encodeModel(graph),
    graphInputs: [
      { name: 'a', data: inputs.a!, dims: graph.inputs[0]!.dims },
      { name: 'b', data: inputs.b!, dims: graph.inputs[1]!.dims },
    ],
    output: 'c',
    preferredLayout: 'NCHW',
  };
}

/**
 * The conv layer: input [N,H,W,C] fed as is; the filters [R,S,C,M] become the model's weights
 * [M,C,R,S] (transposed once on the CPU, before the session exists), uploaded by ORT when it
 * creates the session, as a model's weights are. The session prefers NHWC, so the Transposes
 * around the Conv cancel against ORT's layout transformation (src/peers/onnx-model.ts).
 */
function conv2dProblem(shape: Shape, inputs: Record<string, Float32Array>): OrtProblem {
  const problem = conv2d();
  const names = problem.buffers(shape, {}).map((b) => b.name);
  const graph = convGraph(shape, filtersToOihw(inputs[names[1]!]!, shape));
  return {
    op: 'Conv',
    // Conv2dMM, GroupedConv, ...; a 1x1 Conv runs as ORT's MatMul program.
    programs: /Conv|MatMul|Gemm/,
    model: encodeModel(graph),
    graphInputs: [{ name: 'input', data: inputs[names[0]!]!, dims: graph.inputs[0]!.dims }],
    output: 'output',
    preferredLayout: 'NHWC',
  };
}

const PROBLEMS: Record<string, (shape: Shape, inputs: Record<string, Float32Array>) => OrtProblem> = {
  'ort-matmul': matmulProblem,
  'ort-conv': conv2dProblem,
};

/**
 * Program names of ORT's compute pipelines: the label of the shader module each was made from (ORT labels
 * modules, not pipelines).
 */
const pipelineNames = new WeakMap<GPUComputePipeline, string>();

/**
 * Wraps pipeline creation on this page, for good, so that every compute pipeline is known by its
 * shader module's label (`MatMul`, `Conv2dMM`, `Transpose`): ORT may build its pipelines in one
 * session and reuse them in the next. It costs a map entry per pipeline, nothing per dispatch.
 */
function namePipelines(): void {
  const device = GPUDevice.prototype;
  const { createComputePipeline, createComputePipelineAsync } = device;
  const nameOf = (descriptor: GPUComputePipelineDescriptor) =>
    descriptor.label || descriptor.compute.module.label || '(unlabelled)';
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

/**
 * The GPU work one call recorded: program names in dispatch order, and dispatches left unsubmitted when it
 * returned.
 */
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
  const original = {
    setPipeline: pass.setPipeline,
    dispatchWorkgroups: pass.dispatchWorkgroups,
    dispatchWorkgroupsIndirect: pass.dispatchWorkgroupsIndirect,
    submit: queue.submit,
  };
  const programs: string[] = [];
  let current = '';
  let unsubmitted = 0;
  pass.setPipeline = function (this: GPUComputePassEncoder, pipeline: GPUComputePipeline) {
    current = pipelineNames.get(pipeline) ?? (pipeline.label || '(unknown pipeline)');
    return original.setPipeline.call(this, pipeline);
  };
  pass.dispatchWorkgroups = function (
    this: GPUComputePassEncoder,
    ...args: Parameters<GPUComputePassEncoder['dispatchWorkgroups']>
  ) {
    programs.push(current);
    unsubmitted++;
    return original.dispatchWorkgroups.apply(this, args);
  };
  pass.dispatchWorkgroupsIndirect = function (
    this: GPUComputePassEncoder,
    ...args: Parameters<GPUComputePassEncoder['dispatchWorkgroupsIndirect']>
  ) {
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
    Object.assign(pass, {
      setPipeline: original.setPipeline,
      dispatchWorkgroups: original.dispatchWorkgroups,
      dispatchWorkgroupsIndirect: original.dispatchWorkgroupsIndirect,
    });
    queue.submit = original.submit;
  }
}

/** Why a case cannot be measured as a WebGPU figure (reported as the case's error). */
class NotOnWebGpu extends Error {}

/**
 * Prepare: builds the model and session, uploads the inputs into GPU buffers on ORT's device and
 * runs once watching the GPU work (a run without a WebGPU dispatch of the operator is refused).
 * The executor then runs it once more and reads the output back for the core to check.
 */
async function build(kernel: string, shape: Shape, inputs: Record<string, Float32Array>): Promise<PeerCase> {
  const problem = PROBLEMS[kernel]!(shape, inputs);
  const session = await ort.InferenceSession.create(problem.model, {
    executionProviders: [{ name: 'webgpu', preferredLayout: problem.preferredLayout }],
    preferredOutputLocation: 'gpu-buffer',
    graphOptimizationLevel: 'all',
  });
  const buffers: GPUBuffer[] = [];
  let last: ort.Tensor | null = null;
  const release = () => {
    last?.dispose();
    last = null;
    for (const buffer of buffers) buffer.destroy();
    void session.release();
  };
  try {
    // The device ORT created for the session: input buffers must live on it.
    const device = await ort.env.webgpu.device;
    const feeds: Record<string, ort.Tensor> = {};
    for (const input of problem.graphInputs) {
      const buffer = device.createBuffer({
        size: input.data.byteLength,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      });
      buffers.push(buffer);
      device.queue.writeBuffer(buffer, 0, input.data as Float32Array<ArrayBuffer>);
      feeds[input.name] = ort.Tensor.fromGpuBuffer(buffer, { dataType: 'float32', dims: input.dims });
    }
    const { result: first, work } = await watchGpuWork(() => session.run(feeds));
    const output = first[problem.output]!;
    const location = output.location;
    output.dispose();
    if (location !== 'gpu-buffer')
      throw new NotOnWebGpu(
        `ONNX Runtime returned its output in '${location}', not in a GPU buffer: the WebGPU EP did not run the graph`,
      );
    if (!work.programs.some((name) => problem.programs.test(name))) {
      throw new NotOnWebGpu(
        `ONNX Runtime ran ${problem.op} without a WebGPU dispatch of it (GPU programs: ${work.programs.join(', ') || 'none'}): it fell back to its wasm CPU kernel, so this is not a WebGPU figure`,
      );
    }
    // ORT submitted every dispatch of a run before run() resolved (checked here): then waiting
    // for the queue waits for the batch. Otherwise the batch end reads the last output back.
    const flushesItself = work.unsubmitted === 0;
    return {
      /**
       * Timing: `repeats` session.run() calls on the GPU-resident feeds, output kept on the GPU, then the
       * wait for the GPU.
       */
      async run(repeats) {
        for (let i = 0; i < repeats; i++) {
          last?.dispose();
          last = (await session.run(feeds))[problem.output]!;
        }
        if (flushesItself) await device.queue.onSubmittedWorkDone();
        else await last!.getData();
      },
      output: async () => (await last!.getData()) as Float32Array,
      dispose: release,
    };
  } catch (error) {
    release();
    throw error;
  }
}

exposeExecutor(
  createPeerExecutor({
    async init() {
      if (!navigator.gpu)
        throw new Error('NoWebGpuError: this browser has no navigator.gpu, so ONNX Runtime cannot use its WebGPU EP');
      namePipelines();
      // ORT's .wasm comes from this page's own server (build.mjs copies it beside this bundle).
      ort.env.wasm.wasmPaths = new URL('./', location.href).href;
      // Threads need SharedArrayBuffer, i.e. a cross-origin isolated page (COOP/COEP headers),
      // which the loopback server does not send; the WebGPU EP does its work on the GPU anyway.
      ort.env.wasm.numThreads = 1;
      ort.env.wasm.proxy = false;
      return {
        library: 'onnxruntime-web',
        version: ort.env.versions.web ?? 'unknown',
        backend: 'webgpu EP (inputs and output GPU-resident)',
      };
    },
    async build(program, inputs) {
      const kernel = program.peer?.kernel ?? program.label;
      if (!(kernel in PROBLEMS))
        return {
          status: 'error',
          message: `the ONNX Runtime peer page runs ${Object.keys(PROBLEMS).join(' and ')}, not ${kernel}`,
        };
      try {
        return await build(kernel, program.peer!.shape, inputs);
      } catch (error) {
        const text = (error as Error).message?.split('\n')[0] ?? String(error);
        return { status: 'error', message: error instanceof NotOnWebGpu ? text : `ONNX Runtime failed: ${text}` };
      }
    },
  }),
);
