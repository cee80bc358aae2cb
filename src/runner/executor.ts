/**
 * The runner's work, wherever it runs (a browser page, Dawn in Node, the serve page): open the
 * GPU, build each case program the core sends (src/protocol/program.ts), run it once and hand
 * back the output elements the core checks, time it when asked, and free it. It knows no kernel.
 * Uses only WebGPU (`navigator.gpu`) and `performance`, no DOM.
 */
import { fromF16 } from '../protocol/f16.js';
import type { DeviceReport, ProgressEvent } from '../protocol/messages.js';
import type { CaseProgram, ExecutorApi, Failure, Prepared, Timed, TimedPair } from '../protocol/program.js';
import { sampleIndices } from '../protocol/seeded-inputs.js';
import { openGpu, type GpuContext } from './device.js';
import { timeInterleaved } from './interleave.js';
import { CaseFailure, prepareProgram, type PreparedKernel } from './prepare.js';
import { chooseClock, runAndWait, timeKernel } from './timing.js';

/** Copies a storage buffer back to the CPU as numbers (f16 buffers are decoded). */
async function readBack(device: GPUDevice, buffer: GPUBuffer, type: 'f32' | 'f16' | 'u32'): Promise<Float32Array> {
  const staging = device.createBuffer({ size: buffer.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  try {
    const encoder = device.createCommandEncoder();
    encoder.copyBufferToBuffer(buffer, 0, staging, 0, buffer.size);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const data = staging.getMappedRange().slice(0);
    if (type === 'f16') return fromF16(new Uint16Array(data));
    return type === 'u32' ? Float32Array.from(new Uint32Array(data)) : new Float32Array(data);
  } finally {
    staging.destroy();
  }
}

/** A case built on a device, kept until the core releases it. */
interface Entry {
  device: GPUDevice;
  kernel: PreparedKernel;
}

/** The runner over `navigator.gpu`, reporting progress through `progress`. */
export function createExecutor(progress: (event: ProgressEvent) => void): ExecutorApi {
  let gpu: Promise<GpuContext> | null = null;
  /** The features the kernels need, as the host gave them at init. */
  let wanted: readonly string[] = [];
  /** Why each lost device was lost. */
  const lost = new WeakMap<GPUDevice, string>();
  const entries = new Map<number, Entry>();
  let nextHandle = 1;

  /** The current device, opened on first use and again after a device loss. */
  const currentGpu = (): Promise<GpuContext> => {
    if (!gpu) {
      const opening = openGpu(wanted);
      gpu = opening;
      opening.then(
        (context) =>
          context.device.lost.then((info) => {
            lost.set(context.device, `GPU device lost (${info.reason}): ${info.message || 'no message'}`);
            if (gpu === opening) gpu = null;
          }),
        () => {
          if (gpu === opening) gpu = null;
        },
      );
    }
    return gpu;
  };

  /** The failure of a device that was lost, or null. */
  const lostFailure = (device: GPUDevice | undefined): Failure | null => {
    const reason = device && lost.get(device);
    return reason ? { status: 'error', message: reason, fault: 'device-lost' } : null;
  };

  /** A failure from a thrown error: the runner's own kind, a device loss, or an error. */
  const failureOf = (error: unknown, device: GPUDevice): Failure =>
    error instanceof CaseFailure
      ? error.failure
      : (lostFailure(device) ?? { status: 'error', message: (error as Error).message ?? String(error) });

  /** Runs `work` inside validation and internal error scopes: errors WebGPU reports asynchronously void the result. */
  const scoped = async <T>(device: GPUDevice, work: () => Promise<T>): Promise<{ value: T } | { failure: Failure }> => {
    device.pushErrorScope('internal');
    device.pushErrorScope('validation');
    let result: { value: T } | { failure: Failure };
    try {
      result = { value: await work() };
    } catch (error) {
      result = { failure: failureOf(error, device) };
    }
    const validation = await device.popErrorScope().catch(() => null);
    const internal = await device.popErrorScope().catch(() => null);
    const deferred = validation ?? internal;
    if ('value' in result && (deferred || lost.has(device))) {
      result = {
        failure: lostFailure(device) ?? { status: 'error', message: `WebGPU reported: ${deferred!.message}` },
      };
    }
    return result;
  };

  return {
    init: async (options): Promise<DeviceReport> => {
      if (options?.features) wanted = options.features;
      return (await currentGpu()).report;
    },

    async prepare(program: CaseProgram): Promise<Prepared> {
      const { device } = await currentGpu();
      let kernel: PreparedKernel | null = null;
      const result = await scoped(device, async () => {
        progress({ phase: 'compile' });
        kernel = await prepareProgram(device, program);
        await runAndWait(device, kernel.stages, 1);
        const spec = program.buffers.find((buffer) => buffer.name === program.output);
        const buffer = kernel.buffers.get(program.output);
        if (!spec || !buffer)
          throw new CaseFailure({ status: 'error', message: `the program has no output buffer ${program.output}` });
        const output = await readBack(device, buffer, spec.type);
        const indices = sampleIndices(spec.length, program.maxChecked, program.seed);
        return indices.length === spec.length
          ? output.subarray(0, spec.length)
          : Float32Array.from(indices, (index) => output[index]!);
      });
      if ('failure' in result) {
        (kernel as PreparedKernel | null)?.destroy();
        return { ok: false, failure: result.failure };
      }
      const handle = nextHandle++;
      entries.set(handle, { device, kernel: kernel! });
      return { ok: true, handle, output: result.value };
    },

    async time(handle, timing): Promise<Timed> {
      const entry = entries.get(handle);
      const { device, report } = await currentGpu();
      if (!entry || entry.device !== device) {
        return {
          ok: false,
          failure: lostFailure(entry?.device) ?? { status: 'error', message: `prepared case ${handle} is gone` },
        };
      }
      const clock = chooseClock(timing, report.timestampQuery);
      if (!clock) {
        return {
          ok: false,
          failure: {
            status: 'unsupported',
            reason: 'no-timestamps',
            message: 'GPU timestamps were asked for but this adapter has no timestamp-query',
          },
        };
      }
      const result = await scoped(device, () => timeKernel(device, entry.kernel.stages, timing, clock, progress));
      return 'failure' in result ? { ok: false, failure: result.failure } : { ok: true, timing: result.value };
    },

    async timeInterleaved(handles, timing): Promise<TimedPair> {
      const pair = handles.map((handle) => entries.get(handle));
      const { device, report } = await currentGpu();
      if (pair.some((entry) => !entry || entry.device !== device)) {
        const gone = pair.find((entry) => entry && entry.device !== device);
        return {
          ok: false,
          failure: lostFailure(gone?.device) ?? {
            status: 'error',
            message: `prepared cases ${handles.join(' and ')} are gone`,
          },
        };
      }
      const clock = chooseClock(timing, report.timestampQuery);
      if (!clock) {
        return {
          ok: false,
          failure: {
            status: 'unsupported',
            reason: 'no-timestamps',
            message: 'GPU timestamps were asked for but this adapter has no timestamp-query',
          },
        };
      }
      const [a, b] = pair as [Entry, Entry];
      const result = await scoped(device, () =>
        timeInterleaved(device, [a.kernel.stages, b.kernel.stages], timing, clock, progress),
      );
      return 'failure' in result ? { ok: false, failure: result.failure } : { ok: true, ...result.value };
    },

    async release(handle) {
      entries.get(handle)?.kernel.destroy();
      entries.delete(handle);
    },
  };
}
