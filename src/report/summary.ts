/**
 * The rows every report format starts from: one per ok-or-not case of every run, with the device
 * it ran on and its headline rate. Pure: results in, rows out.
 */
import { implementationOf } from '../results/implementation.js';
import type { CaseRecord, Results } from '../results/schema.js';
import { adapterDisplayName } from '../specs/unnamed-adapter.js';

/** One case of one run, flattened for reports. */
export interface ReportRow {
  /** The run's file (or label) and start time. */
  run: string;
  startedAt: string;
  commit: string | null;
  /** The adapter, as a series key across devices. */
  device: string;
  /** The browser and its WebGPU implementation: 'Firefox (wgpu)', 'Chrome (Dawn)'. */
  implementation: string;
  /**
   * What charts and tables group by: the adapter on the implementation ('SwiftShader Device (Subzero) on
   * Chrome (Dawn)').
   */
  series: string;
  kernel: string;
  shape: string;
  params: string;
  id: string;
  role: CaseRecord['role'];
  status: CaseRecord['status'];
  metric: CaseRecord['metric'];
  /** GFLOP/s or GB/s, by the metric. */
  rate: number | null;
  unit: 'GFLOP/s' | 'GB/s';
  /** ± relative half-width of the median's 95% interval. */
  relHalfWidth: number | null;
  /** The rate at the ends of the median time's 95% interval: [slowest, fastest]; null without an interval. */
  rateCi: [number, number] | null;
  /** In an A/B run: which side the case measured. */
  side: 'base' | 'candidate' | null;
  medianMs: number | null;
  clock: string | null;
  flops: number;
  bytes: number;
  gflops: number | null;
  arithmeticIntensity: number | null;
  fractionOfMeasuredPeak: number | null;
  mfu: number | null;
  caseParams: Record<string, number>;
  shapeFields: Record<string, number>;
}

/** The adapter's name as reports show it ('unnamed adapter (lavapipe, inferred)' when it reports none). */
export function deviceName(results: Results): string {
  return adapterDisplayName(results.env.adapter, results.env.adapterInferred);
}

/** The adapter on its implementation, the key of a series: 'SwiftShader Device (Subzero) on Chrome (Dawn)'. */
export function seriesName(results: Results): string {
  return `${deviceName(results)} on ${implementationOf(results).label}`;
}

/** The legend line that says what ran: 'Adapter: X; browser Chrome/156.0.8078.79 (Dawn).' */
export function adapterLine(results: Results): string {
  return `Adapter: ${deviceName(results)}; browser ${results.env.browser.version} (${implementationOf(results).webgpu}).`;
}

/** A case's rate at the ends of its median time's interval (a longer time is a lower rate). */
function rateInterval(record: CaseRecord): [number, number] | null {
  const rate = record.metric === 'bandwidth' ? record.gbPerS : record.gflops;
  const ci = record.timing?.ci95Ms;
  if (rate === null || !ci || !(ci[0] > 0)) return null;
  const medianMs = record.timing!.medianMs;
  return [(rate * medianMs) / ci[1], (rate * medianMs) / ci[0]];
}

/** The rows of `runs` (each a results file and the label it is shown under). */
export function reportRows(runs: ReadonlyArray<{ label: string; results: Results }>): ReportRow[] {
  return runs.flatMap(({ label, results }) =>
    results.cases.map((record) => ({
      run: label,
      startedAt: results.env.startedAt,
      commit: results.env.harness.commit,
      device: deviceName(results),
      implementation: implementationOf(results).label,
      series: seriesName(results),
      kernel: record.kernel,
      shape: record.shapeLabel,
      params: Object.entries(record.params)
        .map(([key, value]) => `${key}=${value}`)
        .join(' '),
      id: record.id,
      role: record.role,
      status: record.status,
      metric: record.metric,
      rate: record.metric === 'bandwidth' ? record.gbPerS : record.gflops,
      unit: record.metric === 'bandwidth' ? 'GB/s' : 'GFLOP/s',
      relHalfWidth: record.timing?.relHalfWidth ?? null,
      rateCi: rateInterval(record),
      side: record.side ?? null,
      medianMs: record.timing?.medianMs ?? null,
      clock: record.timing?.clock ?? null,
      flops: record.flops,
      bytes: record.bytes,
      gflops: record.gflops,
      arithmeticIntensity: record.arithmeticIntensity,
      fractionOfMeasuredPeak:
        record.metric === 'bandwidth' ? record.fractionOfMeasuredBandwidth : record.fractionOfMeasuredPeak,
      mfu: record.mfu,
      caseParams: { ...record.params },
      shapeFields: { ...record.shape },
    })),
  );
}
