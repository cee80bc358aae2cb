/**
 * From what the page measured to what a results file records: the timing summary and the
 * figures derived from it (GFLOP/s, GB/s, fraction of the measured peak). Pure.
 */
import type { KernelDescriptor, Params, Shape } from '../kernels/types.js';
import type { CaseOutcome } from '../protocol/messages.js';
import { summarize } from '../stats/summary.js';
import type { CaseRecord, TimingSummary } from './schema.js';

/** The stable key of a case: kernel, shape and parameters (sorted), e.g. `matmul-naive/256x256x256/WG_X=16,WG_Y=16`. */
export function caseId(kernel: KernelDescriptor, shape: Shape, params: Params): string {
  const paramText = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join(',');
  return `${kernel.name}/${kernel.formatShape(shape)}/${paramText}`;
}

/** Rate in giga-units per second of `amount` units done in `ms` milliseconds. */
export function perSecondGiga(amount: number, ms: number): number {
  return amount / ms / 1e6;
}

/** The case record of one outcome. `measuredPeakGflops` is this run's fma-peak, if known. */
export function caseRecord(
  kernel: KernelDescriptor,
  shape: Shape,
  params: Params,
  role: CaseRecord['role'],
  outcome: CaseOutcome,
  measuredPeakGflops: number | null,
): CaseRecord {
  const flops = kernel.flops(shape);
  const bytes = kernel.bytes(shape);
  const raw = outcome.timing;
  let timing: TimingSummary | null = null;
  if (raw && raw.samplesMs.length > 0) {
    const summary = summarize(raw.samplesMs);
    timing = {
      clock: raw.clock,
      medianMs: summary.p50,
      minMs: summary.min,
      meanMs: summary.mean,
      maxMs: summary.max,
      sampleCount: summary.n,
      batchSize: raw.batchSize,
      droppedSamples: raw.droppedSamples,
      warmupRuns: raw.warmupRuns,
      stopReason: raw.stopReason,
      elapsedMs: raw.elapsedMs,
    };
  }
  const ok = outcome.status === 'ok' && timing !== null;
  const gflops = ok ? perSecondGiga(flops, timing!.medianMs) : null;
  return {
    id: caseId(kernel, shape, params),
    kernel: kernel.name,
    role,
    shape: { ...shape },
    shapeLabel: kernel.formatShape(shape),
    params: { ...params },
    metric: kernel.metric,
    status: outcome.status,
    ...(outcome.message ? { message: outcome.message } : {}),
    samples: raw?.samplesMs ?? [],
    timing,
    correctness: outcome.correctness,
    flops,
    bytes,
    gflops,
    gbPerS: ok ? perSecondGiga(bytes, timing!.medianMs) : null,
    fractionOfMeasuredPeak: gflops !== null && measuredPeakGflops ? gflops / measuredPeakGflops : null,
  };
}
