/**
 * The runner's work, wherever it runs (the browser page, or Dawn in Node): open the GPU, and
 * run each requested case: prepare, run once, check against the CPU reference, time.
 * Uses only WebGPU (`navigator.gpu`) and `performance`, no DOM.
 */
import { getKernel } from '../kernels/index.js';
import type { CaseOutcome, CaseRequest, DeviceReport, ProgressEvent, RunnerApi } from '../protocol/messages.js';
import { checkOutput, readBack } from '../measure/check.js';
import { openGpu, type GpuContext } from './device.js';
import { CaseFailure, prepareKernel, type PreparedKernel } from './prepare.js';
import { chooseClock, measure, runAndWait } from './timing.js';

let gpu: Promise<GpuContext> | null = null;
let lostReason: string | null = null;

/** The current device, opened on first use and again after a device loss. */
function currentGpu(): Promise<GpuContext> {
  if (!gpu) {
    gpu = openGpu();
    gpu.then(
      (context) =>
        context.device.lost.then((info) => {
          lostReason = `GPU device lost (${info.reason}): ${info.message}`;
          gpu = null;
        }),
      () => {
        gpu = null;
      },
    );
  }
  return gpu;
}

function describeMismatch(outcome: CaseOutcome['correctness']): string {
  if (!outcome) return 'output check failed';
  const worst = outcome.worst;
  const at = worst ? `; worst at element ${worst.index}: expected ${worst.expected}, got ${worst.actual ?? 'NaN/Inf'} (tolerance ${worst.tolerance.toPrecision(3)})` : '';
  return `${outcome.mismatches} of ${outcome.checked} checked elements outside tolerance${at}`;
}

async function runCase(request: CaseRequest, progress: (event: ProgressEvent) => void): Promise<CaseOutcome> {
  const { device, report } = await currentGpu();
  const kernel = getKernel(request.kernel);
  const clock = chooseClock(request.timing, report.timestampQuery);
  if (!clock) {
    return { status: 'unsupported', message: 'GPU timestamps were asked for but this adapter has no timestamp-query', correctness: null, timing: null };
  }
  let prepared: PreparedKernel | null = null;
  device.pushErrorScope('internal');
  device.pushErrorScope('validation');
  let outcome: CaseOutcome;
  try {
    progress({ phase: 'compile' });
    prepared = await prepareKernel(device, kernel, request.shape, request.params, request.seed);
    await runAndWait(device, prepared.stages, 1);
    progress({ phase: 'check' });
    const outputSpec = kernel.buffers(request.shape, request.params).find((spec) => spec.name === kernel.output);
    const outputBuffer = prepared.buffers.get(kernel.output);
    if (!outputSpec || !outputBuffer) throw new Error(`kernel ${kernel.name} declares no output buffer ${kernel.output}`);
    const output = await readBack(device, outputBuffer, outputSpec.type === 'f16' ? 'f16' : 'f32');
    const correctness = checkOutput(kernel, request.shape, request.params, prepared.inputs, output, outputSpec.length, request.maxCheckedElements, request.seed);
    if (!correctness.passed) {
      outcome = { status: 'incorrect', message: describeMismatch(correctness), correctness, timing: null };
    } else {
      const timing = await measure(device, prepared.stages, request.timing, clock, progress);
      outcome = { status: 'ok', correctness, timing };
    }
  } catch (error) {
    const status = error instanceof CaseFailure ? error.status : 'error';
    outcome = { status, message: lostReason ?? (error as Error).message ?? String(error), correctness: null, timing: null };
  } finally {
    prepared?.destroy();
  }
  // Errors WebGPU reports asynchronously (a bad dispatch, an internal failure) void the case.
  const validation = await device.popErrorScope();
  const internal = await device.popErrorScope();
  const deferred = validation ?? internal;
  if (deferred && outcome.status === 'ok') {
    outcome = { status: 'error', message: `WebGPU reported: ${deferred.message}`, correctness: outcome.correctness, timing: null };
  }
  return outcome;
}

/** The runner API over `navigator.gpu`, reporting progress through `progress`. */
export function createRunner(progress: (event: ProgressEvent) => void): RunnerApi {
  return {
    init: async (): Promise<DeviceReport> => (await currentGpu()).report,
    runCase: (request) => runCase(request, progress),
  };
}
