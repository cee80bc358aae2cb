/** Turning a case program (src/protocol/program.ts) into GPU objects: buffers, pipelines, bind groups. */
import { toF16 } from '../protocol/f16.js';
import {
  BYTES_PER_ELEMENT,
  type CaseProgram,
  type Failure,
  type ProgramStage,
  type UniformValue,
} from '../protocol/program.js';
import { seededValues } from '../protocol/seeded-inputs.js';

/** A failure that ends a case with a status (and what the core needs to say why), rather than a bug in the runner. */
export class CaseFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

/** One stage ready to dispatch. */
export interface PreparedStage {
  name: string;
  pipeline: GPUComputePipeline;
  bindGroup: GPUBindGroup;
  workgroups: readonly [number, number, number];
}

/** A case built on the device: its buffers filled, its pipelines compiled. */
export interface PreparedKernel {
  buffers: Map<string, GPUBuffer>;
  stages: PreparedStage[];
  destroy(): void;
}

function packUniforms(values: readonly UniformValue[]): ArrayBuffer {
  // Uniform buffers are at least 16 bytes and a multiple of 16.
  const data = new ArrayBuffer(Math.max(16, Math.ceil((values.length * 4) / 16) * 16));
  const view = new DataView(data);
  values.forEach((value, i) => {
    if ('u32' in value) view.setUint32(i * 4, value.u32, true);
    else view.setFloat32(i * 4, value.f32, true);
  });
  return data;
}

/** Shader modules by source, per device: a tuning sweep compiles one source many times with other constants. */
const modules = new WeakMap<GPUDevice, Map<string, GPUShaderModule>>();

async function shaderModule(
  device: GPUDevice,
  code: string,
  index: number,
  stage: ProgramStage,
): Promise<GPUShaderModule> {
  let cache = modules.get(device);
  if (!cache) modules.set(device, (cache = new Map<string, GPUShaderModule>()));
  const cached = cache.get(code);
  if (cached) return cached;
  const module = device.createShaderModule({ code, label: stage.name });
  const info = await module.getCompilationInfo();
  const messages = info.messages.map(({ type, message, lineNum, linePos, offset, length }) => ({
    type,
    message,
    lineNum,
    linePos,
    offset,
    length,
  }));
  const first = messages.find((message) => message.type === 'error');
  if (first) {
    throw new CaseFailure({
      status: 'error',
      message: `WGSL error in stage ${stage.name} at line ${first.lineNum}:${first.linePos}: ${first.message}`,
      compile: { shader: index, stage: stage.name, messages },
    });
  }
  cache.set(code, module);
  return module;
}

/**
 * Pipelines by module, entry point and constants: the same configuration at several shapes (a
 * run's sizes, tune's shapes) compiles once. Compiling is what costs on a CPU adapter: a 16 x 32
 * register block takes SwiftShader 10-25 s, the dispatches at a small shape milliseconds.
 * Bounded, oldest first out; each case binds its own buffers to the pipeline it gets.
 */
const pipelines = new WeakMap<GPUShaderModule, Map<string, GPUComputePipeline>>();
const PIPELINES_PER_MODULE = 32;

async function pipelineFor(
  device: GPUDevice,
  module: GPUShaderModule,
  stage: ProgramStage,
): Promise<GPUComputePipeline> {
  let cache = pipelines.get(module);
  if (!cache) pipelines.set(module, (cache = new Map<string, GPUComputePipeline>()));
  const constants = Object.entries(stage.constants).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = JSON.stringify([stage.entryPoint, constants]);
  const cached = cache.get(key);
  if (cached) return cached;
  try {
    const pipeline = await device.createComputePipelineAsync({
      layout: 'auto',
      compute: { module, entryPoint: stage.entryPoint, constants: { ...stage.constants } },
      label: stage.name,
    });
    if (cache.size >= PIPELINES_PER_MODULE) cache.delete(cache.keys().next().value!);
    cache.set(key, pipeline);
    return pipeline;
  } catch (error) {
    throw new CaseFailure({
      status: 'error',
      message: `pipeline for stage ${stage.name} failed: ${(error as Error).message}`,
    });
  }
}

/** Creates and fills the buffers and compiles every stage; the caller destroys the result. */
export async function prepareProgram(device: GPUDevice, program: CaseProgram): Promise<PreparedKernel> {
  const missing = program.requiredFeatures.filter((feature) => !device.features.has(feature));
  if (missing.length > 0) {
    throw new CaseFailure({
      status: 'unsupported',
      reason: 'missing-feature',
      message: `not supported on this adapter: needs ${missing.join(', ')}`,
    });
  }
  const buffers = new Map<string, GPUBuffer>();
  const owned: GPUBuffer[] = [];
  const destroy = () => owned.forEach((buffer) => buffer.destroy());
  const ungenerated = program.buffers.find((spec) => spec.fill === 'seeded' && spec.type === 'u32');
  if (ungenerated)
    throw new CaseFailure({
      status: 'error',
      message: `input ${ungenerated.name}: only f32 and f16 inputs are generated`,
    });
  try {
    device.pushErrorScope('out-of-memory');
    for (const spec of program.buffers) {
      const buffer = device.createBuffer({
        label: spec.name,
        size: Math.max(4, Math.ceil((spec.length * BYTES_PER_ELEMENT[spec.type]) / 4) * 4),
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      });
      owned.push(buffer);
      buffers.set(spec.name, buffer);
      if (spec.fill === 'seeded') {
        const values = seededValues(spec.length, program.seed, spec.name);
        device.queue.writeBuffer(buffer, 0, spec.type === 'f16' ? toF16(values).bits : values);
      }
    }
    const oom = await device.popErrorScope();
    if (oom) throw new CaseFailure({ status: 'error', message: `out of GPU memory creating buffers: ${oom.message}` });

    const stages: PreparedStage[] = [];
    for (const stage of program.stages) {
      const code = program.shaders[stage.shader];
      if (code === undefined)
        throw new Error(`stage ${stage.name} names shader ${stage.shader}, which the program does not have`);
      const pipeline = await pipelineFor(device, await shaderModule(device, code, stage.shader, stage), stage);
      const entries: GPUBindGroupEntry[] = stage.bindings.map((name, binding) => {
        const buffer = buffers.get(name);
        if (!buffer) throw new Error(`stage ${stage.name} binds unknown buffer ${name}`);
        return { binding, resource: { buffer } };
      });
      if (stage.uniforms.length > 0) {
        const data = packUniforms(stage.uniforms);
        const uniform = device.createBuffer({
          label: `${stage.name} uniforms`,
          size: data.byteLength,
          usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
        });
        owned.push(uniform);
        device.queue.writeBuffer(uniform, 0, data);
        entries.push({ binding: stage.bindings.length, resource: { buffer: uniform } });
      }
      device.pushErrorScope('validation');
      const bindGroup = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries, label: stage.name });
      const invalid = await device.popErrorScope();
      if (invalid)
        throw new CaseFailure({ status: 'error', message: `bind group for stage ${stage.name}: ${invalid.message}` });
      stages.push({ name: stage.name, pipeline, bindGroup, workgroups: stage.workgroups });
    }
    return { buffers, stages, destroy };
  } catch (error) {
    destroy();
    throw error;
  }
}

/** Records `repeats` runs of the given stages into a compute pass. */
export function encodeRuns(pass: GPUComputePassEncoder, stages: readonly PreparedStage[], repeats: number): void {
  for (let r = 0; r < repeats; r++) {
    for (const stage of stages) {
      pass.setPipeline(stage.pipeline);
      pass.setBindGroup(0, stage.bindGroup);
      pass.dispatchWorkgroups(...stage.workgroups);
    }
  }
}
