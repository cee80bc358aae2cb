/**
 * Shared set-up of the end-to-end tests: one headless Chromium with the runner page per test
 * file, opened in beforeAll and closed in afterAll, plus a case runner through the core.
 */
import { afterAll, beforeAll } from 'vitest';
import { openRunner } from '../../src/host/open-runner.js';
import { getKernel } from '../../src/kernels/index.js';
import type { KernelDescriptor, Params, Shape } from '../../src/api/types.js';
import { measureCase } from '../../src/measure/case.js';
import type { Runner } from '../../src/measure/runner.js';
import type { CaseOutcome, TimingOptions } from '../../src/protocol/messages.js';

/** Short timing for correctness-first tests: a few samples, never long. */
export const TEST_TIMING: TimingOptions = {
  clock: 'auto',
  mode: 'hot',
  warmupMs: 0,
  minSampleMs: 0.5,
  noiseTarget: 0.05,
  minSamples: 3,
  maxSamples: 5,
  maxTimeMs: 500,
};

/** Opens one runner for the calling test file; `runner()` returns it inside tests. */
export function useRunner(extraFlags: readonly string[] = []): () => Runner {
  let handle: Runner | null = null;
  beforeAll(async () => {
    handle = await openRunner({ extraFlags }, { log: () => undefined });
  });
  afterAll(async () => {
    await handle?.close();
  });
  return () => {
    if (!handle) throw new Error('runner not open: useRunner() must be called at the top of a describe');
    return handle;
  };
}

/**
 * Runs one case (a kernel by name, or a descriptor such as a deliberately broken one) with the test timing
 * and a fixed seed.
 */
export function runCase(
  runner: Runner,
  kernel: string | KernelDescriptor,
  shape: Shape,
  params: Params,
  timing: Partial<TimingOptions> = {},
): Promise<CaseOutcome> {
  const descriptor = typeof kernel === 'string' ? getKernel(kernel) : kernel;
  return measureCase(runner, descriptor, shape, params, {
    seed: 1,
    timing: { ...TEST_TIMING, ...timing },
    maxCheckedElements: 1 << 20,
  });
}
