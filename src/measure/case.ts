/**
 * One case, the way every command measures it: skip what cannot run here (with a reason code),
 * build the program on the runner and run it once, check the output against the kernel's CPU
 * reference, and only then time it. Pure over the Runner interface.
 */
import type { KernelDescriptor, Params, Shape } from '../api/types.js';
import { checkConfiguration } from './limits.js';
import type { CaseOutcome, ProgressEvent, TimingOptions } from '../protocol/messages.js';
import type { Failure } from '../protocol/program.js';
import { sampleIndices, seededInputs } from '../protocol/seeded-inputs.js';
import { checkOutput, describeMismatch } from './check.js';
import { isCompileError, withCompileErrors } from './compile-failure.js';
import { buildProgram } from './program.js';
import type { Runner } from './runner.js';

/** How a case is measured. */
export interface CaseOptions {
  seed: number;
  timing: TimingOptions;
  /** Outputs up to this many elements are checked whole; larger ones on a seeded sample of this many. */
  maxCheckedElements: number;
  /** Told when the check starts (the runner reports the other phases). */
  onProgress?: ((event: ProgressEvent) => void) | undefined;
}

/** Seeded inputs are the same every time a case runs (rounds, A/B): keep the last few instead of redrawing them. */
class InputCache {
  private readonly entries = new Map<string, Record<string, Float32Array>>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(program: Parameters<typeof seededInputs>[0], seed: number): Record<string, Float32Array> {
    const key = `${seed}:${JSON.stringify(program)}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const inputs = seededInputs(program, seed);
    const size = Object.values(inputs).reduce((sum, values) => sum + values.byteLength, 0);
    for (const [oldKey, old] of this.entries) {
      if (this.bytes + size <= this.maxBytes) break;
      this.bytes -= Object.values(old).reduce((sum, values) => sum + values.byteLength, 0);
      this.entries.delete(oldKey);
    }
    if (size <= this.maxBytes) {
      this.entries.set(key, inputs);
      this.bytes += size;
    }
    return inputs;
  }
}

/** 256 MiB: a few cases' inputs, never the whole memory. */
const inputCache = new InputCache(256 * 2 ** 20);

/** A failure from the runner as a case outcome. */
export function failedOutcome(failure: Failure): CaseOutcome {
  return {
    status: failure.status,
    message: failure.message,
    ...(failure.reason ? { reason: failure.reason } : {}),
    ...(failure.fault ? { fault: failure.fault } : {}),
    ...(isCompileError(failure) ? { error: 'shader-compile' as const } : {}),
    correctness: null,
    timing: null,
  };
}

/** The outcome of a configuration that cannot run on this device, or null when it can. */
export function skipOutcome(
  kernel: KernelDescriptor,
  shape: Shape,
  params: Params,
  device: Runner['device'],
): CaseOutcome | null {
  const missing = (kernel.requiredFeatures ?? []).filter((feature) => !device.features.includes(feature));
  if (missing.length > 0) {
    return failedOutcome({
      status: 'unsupported',
      reason: 'missing-feature',
      message: `not supported on this adapter: needs ${missing.join(', ')}`,
    });
  }
  const violation = checkConfiguration(kernel, shape, params, device.limits);
  if (!violation) return null;
  const reason = violation.limit === 'configuration' ? 'invalid-configuration' : 'device-limit';
  return failedOutcome({ status: 'unsupported', reason, message: `skipped: ${violation.message}` });
}

/** Measures one case on `runner`. */
export async function measureCase(
  runner: Runner,
  kernel: KernelDescriptor,
  shape: Shape,
  params: Params,
  options: CaseOptions,
): Promise<CaseOutcome> {
  const skipped = skipOutcome(kernel, shape, params, runner.device);
  if (skipped) return skipped;
  const program = buildProgram(kernel, shape, params, options.seed, options.maxCheckedElements);
  const prepared = await runner.prepare(program);
  if (!prepared.ok) return failedOutcome(withCompileErrors(prepared.failure, program, kernel));
  try {
    options.onProgress?.({ phase: 'check' });
    const output = program.buffers.find((buffer) => buffer.name === program.output)!;
    const indices = sampleIndices(output.length, program.maxChecked, program.seed);
    const correctness = checkOutput(
      kernel,
      shape,
      params,
      inputCache.get(program.buffers, program.seed),
      indices,
      prepared.output,
      output.length,
    );
    if (!correctness.passed)
      return { status: 'incorrect', message: describeMismatch(correctness), correctness, timing: null };
    const timed = await runner.time(prepared.handle, options.timing);
    if (!timed.ok) return { ...failedOutcome(timed.failure), correctness };
    return { status: 'ok', correctness, timing: timed.timing };
  } finally {
    await runner.release(prepared.handle).catch(() => undefined);
  }
}
