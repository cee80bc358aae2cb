/** Schema-valid results and outcomes built by hand, for unit tests of derive, report and peaks. */
import type { CaseOutcome, RawTiming } from '../../src/protocol/messages.js';
import { RESULTS_SCHEMA, type Results } from '../../src/results/schema.js';

/** Raw timing of `samplesMs` with sensible defaults (GPU clock, hot, 1 ns timer). */
export function rawTiming(samplesMs: number[], overrides: Partial<RawTiming> = {}): RawTiming {
  return {
    clock: 'gpu-timestamp',
    mode: 'hot',
    batchSize: 4,
    samplesMs,
    droppedSamples: 0,
    discardedSamples: 0,
    transientSamples: 0,
    elapsedMs: samplesMs.reduce((a, b) => a + b, 0) * 4,
    warmupRuns: 3,
    stopReason: 'noise-target',
    resolution: { stepNs: 1, quantized: false, batchLengthened: false },
    evictBytes: 0,
    ...overrides,
  };
}

/** An ok outcome with a passed full check. */
export function okOutcome(samplesMs: number[], overrides: Partial<RawTiming> = {}): CaseOutcome {
  return {
    status: 'ok',
    correctness: {
      passed: true,
      mode: 'full',
      checked: 16,
      total: 16,
      mismatches: 0,
      maxAbsError: 0,
      maxErrorRatio: 0,
      worst: null,
    },
    timing: rawTiming(samplesMs, overrides),
  };
}

/** An empty, complete results file of a SwiftShader run. */
export function emptyResults(): Results {
  return {
    schema: RESULTS_SCHEMA,
    complete: true,
    env: {
      harness: { version: '0.1.0', commit: 'abc1234' },
      browser: {
        version: 'Chrome/156.0.8078.79',
        userAgent: 'test',
        executable: '/usr/bin/chromium',
        source: 'PATH',
        flags: [],
      },
      adapter: {
        vendor: 'google',
        architecture: 'swiftshader',
        device: '',
        description: 'SwiftShader Device (Subzero)',
        isFallbackAdapter: true,
      },
      features: ['timestamp-query'],
      limits: { maxStorageBufferBindingSize: 2 ** 30 },
      host: {
        platform: 'linux',
        arch: 'x64',
        cpuModel: 'test CPU',
        logicalCores: 2,
        memoryBytes: 2 ** 34,
        node: 'v20',
      },
      startedAt: '2026-11-24T12:00:00.000Z',
      finishedAt: '2026-11-24T12:01:00.000Z',
    },
    suite: {
      name: 'quick',
      kernels: ['matmul-naive'],
      sizes: null,
      seed: 1,
      timing: {
        clock: 'auto',
        mode: 'hot',
        warmupMs: 100,
        minSampleMs: 1,
        noiseTarget: 0.01,
        minSamples: 10,
        maxSamples: 1000,
        maxTimeMs: 5000,
      },
    },
    peaks: { measured: { computeGflops: null, computeCaseId: null }, reference: null },
    cases: [],
  };
}
