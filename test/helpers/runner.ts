/**
 * Shared set-up of the end-to-end tests: one headless Chromium with the runner page per test
 * file, opened in beforeAll and closed in afterAll, plus small request builders.
 */
import { afterAll, beforeAll } from 'vitest';
import { openRunner, type RunnerHandle } from '../../src/host/run.js';
import type { Params, Shape } from '../../src/kernels/types.js';
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
export function useRunner(extraFlags: readonly string[] = []): () => RunnerHandle {
  let handle: RunnerHandle | null = null;
  beforeAll(async () => {
    handle = await openRunner({ extraFlags, log: () => undefined });
  });
  afterAll(async () => {
    await handle?.close();
  });
  return () => {
    if (!handle) throw new Error('runner not open: useRunner() must be called at the top of a describe');
    return handle;
  };
}

/** Runs one case with the test timing and a fixed seed. */
export function runCase(
  handle: RunnerHandle,
  kernel: string,
  shape: Shape,
  params: Params,
  timing: Partial<TimingOptions> = {},
): Promise<CaseOutcome> {
  return handle.session.runCase({
    kernel,
    shape,
    params,
    seed: 1,
    timing: { ...TEST_TIMING, ...timing },
    maxCheckedElements: 1 << 20,
  });
}
