/**
 * From what the page measured to what a results file records: the timing summary and the
 * figures derived from it (GFLOP/s, GB/s, fraction of the measured peak). Pure.
 */
import type { KernelDescriptor, Params, Shape } from '../api/types.js';
import { mfu } from '../flops/mfu.js';
import { shaderHash } from '../shaders/hash.js';
import { arithmeticIntensity, boundBy } from '../flops/roofline.js';
import type { CaseOutcome, RawTiming } from '../protocol/messages.js';
import { autocorrelationInflation, lag1Autocorrelation, widenInterval } from '../stats/autocorrelation.js';
import { medianCi, minSamplesForConfidence, relativeHalfWidth, rerunHalfWidth, roundsHalfWidth } from '../stats/ci.js';
import { sortSamples, type SortedSamples } from '../stats/sorted.js';
import { median, summarize } from '../stats/summary.js';
import type { CaseRecord, MeasuredPeaks, ReferencePeaks, TimingSummary } from './schema.js';

/** The stable key of a case: kernel, shape and parameters (sorted), e.g. `matmul-naive/256x256x256/WG_X=16,WG_Y=16`. */
export function caseId(kernel: KernelDescriptor, shape: Shape, params: Params): string {
  const paramText = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join(',');
  return `${kernel.name}/${kernel.formatShape(shape)}/${paramText}`;
}

/** Hashes of the shaders of each kernel (built-ins are hashed once, when first recorded). */
const hashes = new WeakMap<KernelDescriptor, string | null>();

/** Where a kernel's code came from, for its records: module, shader file, shader hash. */
export function kernelSource(kernel: KernelDescriptor): NonNullable<CaseRecord['source']> {
  let hash = kernel.source.hash ?? hashes.get(kernel);
  if (hash === undefined) {
    hash = kernel.shader ? shaderHash(kernel.shader) : null;
    hashes.set(kernel, hash);
  }
  return { module: kernel.source.module ?? null, file: kernel.source.file, hash };
}

/** Rate in giga-units per second of `amount` units done in `ms` milliseconds. */
export function perSecondGiga(amount: number, ms: number): number {
  return amount / ms / 1e6;
}

/** The peaks a case's figures are taken against. */
export interface PeakContext {
  measured: MeasuredPeaks;
  reference: ReferencePeaks | null;
}

/**
 * The 95% interval of the median as [low, high] and its relative half-width (nulls below 6
 * samples): the distribution-free interval, widened for the lag-1 autocorrelation of the samples
 * in run order, as the page's stopping rule judges it; with several rounds, also at least the t
 * interval of the rounds' medians around it (the drift between them).
 */
function medianInterval(
  runOrder: readonly number[],
  sorted: SortedSamples,
  p50: number,
  roundMedians: readonly number[] = [],
  launchMedians: readonly number[] = [],
): { ci95Ms: [number, number] | null; relHalfWidth: number | null } {
  if (sorted.length < minSamplesForConfidence(0.95)) return { ci95Ms: null, relHalfWidth: null };
  let ci = widenInterval(medianCi(sorted, 0.95), p50, autocorrelationInflation(runOrder));
  const halves = [roundMedians.length >= 2 ? roundsHalfWidth(roundMedians, 0.95) : 0, launchMedians.length >= 2 ? rerunHalfWidth(launchMedians, 0.95) : 0];
  const half = Math.max(...halves);
  if (half > 0) ci = { low: Math.min(ci.low, p50 * Math.exp(-half)), high: Math.max(ci.high, p50 * Math.exp(half)) };
  return { ci95Ms: [ci.low, ci.high], relHalfWidth: relativeHalfWidth(ci, p50) };
}

/** The timing summary of raw samples: median, its interval, spread and how sampling went. */
export function timingSummary(raw: RawTiming): TimingSummary {
  const summary = summarize(raw.samplesMs);
  const sorted = sortSamples(raw.samplesMs);
  const timing: TimingSummary = {
    clock: raw.clock,
    mode: raw.mode,
    medianMs: summary.p50,
    ...medianInterval(raw.samplesMs, sorted, summary.p50, raw.roundMedians, raw.launchMedians),
    autocorrelation: lag1Autocorrelation(raw.samplesMs),
    minMs: summary.min,
    p25Ms: summary.p25,
    p75Ms: summary.p75,
    meanMs: summary.mean,
    maxMs: summary.max,
    relSpread: summary.relSpread,
    outliers: summary.outliers.indices.length,
    sampleCount: summary.n,
    batchSize: raw.batchSize,
    droppedSamples: raw.droppedSamples,
    discardedSamples: raw.discardedSamples,
    transientSamples: raw.transientSamples,
    warmupRuns: raw.warmupRuns,
    stopReason: raw.stopReason,
    resolution: raw.resolution,
    evictBytes: raw.evictBytes,
    elapsedMs: raw.elapsedMs,
    ...(raw.roundMedians ? { roundMedians: raw.roundMedians } : {}),
    ...(raw.launchMedians ? { launchMedians: raw.launchMedians } : {}),
  };
  if (raw.stages) {
    timing.stages = raw.stages
      .filter((stage) => stage.samplesMs.length > 0)
      .map((stage) => {
        const stageSorted = sortSamples(stage.samplesMs);
        const p50 = median(stageSorted);
        return { name: stage.name, medianMs: p50, ci95Ms: medianInterval(stage.samplesMs, stageSorted, p50).ci95Ms, sampleCount: stage.samplesMs.length };
      });
  }
  return timing;
}

/**
 * Sets the figures of a record that depend on peaks: fractions of this run's measured peaks,
 * MFU against the reference f32 peak, and the roofline's verdict (reference peaks when both are
 * known, else this run's measured ones).
 */
export function applyPeaks(record: CaseRecord, peaks: PeakContext): CaseRecord {
  const { measured, reference } = peaks;
  const ratio = (value: number | null, peak: number | null | undefined) => (value !== null && peak ? value / peak : null);
  const referenceGflops = reference?.fp32Tflops ? reference.fp32Tflops * 1e3 : null;
  const roof =
    referenceGflops && reference?.bandwidthGbPerS
      ? { gflops: referenceGflops, gbPerS: reference.bandwidthGbPerS }
      : measured.computeGflops && measured.bandwidthGbPerS
        ? { gflops: measured.computeGflops, gbPerS: measured.bandwidthGbPerS }
        : null;
  record.fractionOfMeasuredPeak = ratio(record.gflops, measured.computeGflops);
  record.fractionOfMeasuredBandwidth = ratio(record.gbPerS, measured.bandwidthGbPerS);
  record.mfu = record.gflops !== null ? mfu(record.gflops * 1e9, referenceGflops !== null ? referenceGflops * 1e9 : null) : null;
  record.bound = roof && record.arithmeticIntensity !== null ? boundBy(record.arithmeticIntensity, roof.gflops * 1e9, roof.gbPerS * 1e9) : null;
  return record;
}

/** The case record of one outcome, its figures taken against `peaks`. */
export function caseRecord(
  kernel: KernelDescriptor,
  shape: Shape,
  params: Params,
  role: CaseRecord['role'],
  outcome: CaseOutcome,
  peaks: PeakContext,
): CaseRecord {
  const flops = kernel.flops(shape);
  const bytes = kernel.bytes(shape);
  const raw = outcome.timing;
  const timing = raw && raw.samplesMs.length > 0 ? timingSummary(raw) : null;
  const ok = outcome.status === 'ok' && timing !== null;
  return applyPeaks(
    {
      id: caseId(kernel, shape, params),
      kernel: kernel.name,
      role,
      shape: { ...shape },
      shapeLabel: kernel.formatShape(shape),
      params: { ...params },
      metric: kernel.metric,
      source: kernelSource(kernel),
      status: outcome.status,
      ...(outcome.message ? { message: outcome.message } : {}),
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      ...(outcome.fault ? { fault: outcome.fault } : {}),
      ...(outcome.error ? { error: outcome.error } : {}),
      samples: raw?.samplesMs ?? [],
      timing,
      correctness: outcome.correctness,
      flops,
      bytes,
      gflops: ok ? perSecondGiga(flops, timing.medianMs) : null,
      gbPerS: ok ? perSecondGiga(bytes, timing.medianMs) : null,
      fractionOfMeasuredPeak: null,
      fractionOfMeasuredBandwidth: null,
      mfu: null,
      arithmeticIntensity: bytes > 0 ? arithmeticIntensity(flops, bytes) : null,
      bound: null,
    },
    peaks,
  );
}
