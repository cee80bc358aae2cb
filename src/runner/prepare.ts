/** Turning a kernel descriptor and a case into GPU objects: buffers, pipelines, bind groups. */
import { bufferBytes } from '../kernels/limits.js';
import type { KernelDescriptor, Params, Shape, StageSpec, UniformValue } from '../kernels/types.js';
import { formatCompilationErrors } from '../shaders/compile-errors.js';
import { linkedShaderOf } from '../shaders/linked-shaders.js';
import { unlinkedShader } from '../shaders/source-map.js';
import { toF16 } from './f16.js';
import { seededValues } from './inputs.js';

/** A failure that ends a case with a status, rather than a bug in the runner. */
export class CaseFailure extends Error {
  constructor(
    readonly status: 'unsupported' | 'error',
    message: string,
  ) {
    super(message);
  }
}

/** One stage ready to dispatch. */
export interface PreparedStage {
  name: string;
  pipeline: GPUComputePipeline;
  bindGroup: GPUBindGroup;
  workgroups: readonly [number, number, number];
}

/** A kernel instance: its buffers filled, its pipelines compiled. */
export interface PreparedKernel {
  buffers: Map<string, GPUBuffer>;
  inputs: Record<string, Float32Array>;
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

async function compile(device: GPUDevice, code: string, stage: StageSpec): Promise<GPUComputePipeline> {
  const module = device.createShaderModule({ code, label: stage.name });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((message) => message.type === 'error');
  if (errors.length > 0) {
    // file:line:col of the file the code came from (through the link), the line and a caret.
    const shader = linkedShaderOf(code) ?? unlinkedShader(code, `<shader of stage ${stage.name}>`);
    throw new CaseFailure('error', `WGSL error in stage ${stage.name}:\n${formatCompilationErrors(errors, shader)}`);
  }
  try {
    return await device.createComputePipelineAsync({
      layout: 'auto',
      compute: { module, entryPoint: stage.entryPoint, constants: { ...stage.constants } },
      label: stage.name,
    });
  } catch (error) {
    throw new CaseFailure('error', `pipeline for stage ${stage.name} failed: ${(error as Error).message}`);
  }
}

/** Creates and fills the buffers and compiles every stage; the caller destroys the result. */
export async function prepareKernel(
  device: GPUDevice,
  kernel: KernelDescriptor,
  shape: Shape,
  params: Params,
  seed: number,
): Promise<PreparedKernel> {
  const missing = (kernel.requiredFeatures ?? []).filter((feature) => !device.features.has(feature));
  if (missing.length > 0) throw new CaseFailure('unsupported', `not supported on this adapter: needs ${missing.join(', ')}`);

  const buffers = new Map<string, GPUBuffer>();
  const owned: GPUBuffer[] = [];
  const inputs: Record<string, Float32Array> = {};
  const destroy = () => owned.forEach((buffer) => buffer.destroy());
  const specs = kernel.buffers(shape, params);
  const ungenerated = specs.find((spec) => spec.role === 'input' && spec.type === 'u32');
  if (ungenerated) throw new CaseFailure('error', `input ${ungenerated.name}: only f32 and f16 inputs are generated`);
  try {
    device.pushErrorScope('out-of-memory');
    for (const spec of specs) {
      const buffer = device.createBuffer({
        label: spec.name,
        size: Math.max(4, Math.ceil(bufferBytes(spec) / 4) * 4),
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      });
      owned.push(buffer);
      buffers.set(spec.name, buffer);
      if (spec.role === 'input') {
        const values = seededValues(spec.length, seed, spec.name);
        if (spec.type === 'f16') {
          // The reference sees exactly what the GPU sees: the values rounded to f16.
          const { bits, rounded } = toF16(values);
          inputs[spec.name] = rounded;
          device.queue.writeBuffer(buffer, 0, bits);
        } else {
          inputs[spec.name] = values;
          device.queue.writeBuffer(buffer, 0, values);
        }
      }
    }
    const oom = await device.popErrorScope();
    if (oom) throw new CaseFailure('error', `out of GPU memory creating buffers: ${oom.message}`);

    const stages: PreparedStage[] = [];
    for (const stage of kernel.stages(shape, params)) {
      const pipeline = await compile(device, stage.shader ?? kernel.shader, stage);
      const entries: GPUBindGroupEntry[] = stage.bindings.map((name, binding) => {
        const buffer = buffers.get(name);
        if (!buffer) throw new Error(`stage ${stage.name} binds unknown buffer ${name}`);
        return { binding, resource: { buffer } };
      });
      if (stage.uniforms) {
        const data = packUniforms(stage.uniforms);
        const uniform = device.createBuffer({ label: `${stage.name} uniforms`, size: data.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
        owned.push(uniform);
        device.queue.writeBuffer(uniform, 0, data);
        entries.push({ binding: stage.bindings.length, resource: { buffer: uniform } });
      }
      device.pushErrorScope('validation');
      const bindGroup = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries, label: stage.name });
      const invalid = await device.popErrorScope();
      if (invalid) throw new CaseFailure('error', `bind group for stage ${stage.name}: ${invalid.message}`);
      stages.push({ name: stage.name, pipeline, bindGroup, workgroups: stage.workgroups });
    }
    return { buffers, inputs, stages, destroy };
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
