/**
 * Text formats of a report: Markdown for a pull-request comment, CSV, and the JSON of
 * github-action-benchmark's `customBiggerIsBetter` tool. Pure.
 */
import { formatNumber, formatPercent } from '../flops/units.js';
import type { Results } from '../results/schema.js';
import { implementationOf } from '../results/implementation.js';
import { implementationRatiosMarkdown } from './implementations.js';
import { deviceName, type ReportRow } from './summary.js';

const cell = (value: number | null, format: (v: number) => string) => (value === null ? '-' : format(value));

/**
 * Markdown: per run, the device and its peaks, then a table of its benchmark cases; then, when
 * the runs come from several WebGPU implementations, their rates side by side (`ratios: false`
 * leaves that out).
 */
export function markdownReport(runs: ReadonlyArray<{ label: string; results: Results }>, rows: readonly ReportRow[], options: { ratios?: boolean } = {}): string {
  const parts: string[] = ['## flopscope results', ''];
  for (const { label, results } of runs) {
    const { measured, reference } = results.peaks;
    parts.push(`### ${label}`, '');
    parts.push(`${deviceName(results)}, ${results.env.browser.version} (${implementationOf(results).webgpu}), started ${results.env.startedAt}${results.env.harness.commit ? `, flopscope ${results.env.harness.commit}` : ''}.`);
    parts.push(
      `Measured fma-peak: ${measured.computeGflops ? `${formatNumber(measured.computeGflops)} GFLOP/s` : 'not measured'}; copy bandwidth: ${measured.bandwidthGbPerS ? `${formatNumber(measured.bandwidthGbPerS)} GB/s` : 'not measured'}. ` +
        `MFU against: ${reference?.fp32Tflops ? `${reference.name}, ${formatNumber(reference.fp32Tflops * 1e3)} GFLOP/s f32${reference.estimate ? ' (estimate)' : ''}` : 'no reference peak'}.`,
      '',
    );
    parts.push('| Kernel | Shape | Config | Rate | ±95% CI | Median (ms) | Clock | % peak | MFU |', '|---|---|---|--:|--:|--:|---|--:|--:|');
    for (const row of rows.filter((r) => r.run === label && r.role === 'benchmark')) {
      const rate = row.status === 'ok' ? cell(row.rate, (v) => `${formatNumber(v)} ${row.unit}`) : `**${row.status}**`;
      parts.push(
        `| ${row.kernel} | ${row.shape} | ${row.params || '-'} | ${rate} | ${cell(row.relHalfWidth, (v) => `±${formatPercent(v, 2)}`)} | ${cell(row.medianMs, formatNumber)} | ${row.clock ?? '-'} | ${cell(row.fractionOfMeasuredPeak, (v) => formatPercent(v))} | ${cell(row.mfu, (v) => formatPercent(v))} |`,
      );
    }
    parts.push('');
  }
  const ratios = options.ratios === false ? '' : implementationRatiosMarkdown(rows);
  if (ratios) parts.push(ratios);
  return parts.join('\n');
}

/** CSV with a header, one line per case of every run. */
export function csvReport(rows: readonly ReportRow[]): string {
  const header = ['run', 'started_at', 'device', 'kernel', 'shape', 'params', 'role', 'status', 'rate', 'unit', 'rel_half_width', 'median_ms', 'clock', 'flops', 'bytes', 'fraction_of_measured_peak', 'mfu', 'implementation'];
  const quote = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = rows.map((r) =>
    [r.run, r.startedAt, r.device, r.kernel, r.shape, r.params, r.role, r.status, r.rate, r.unit, r.relHalfWidth, r.medianMs, r.clock, r.flops, r.bytes, r.fractionOfMeasuredPeak, r.mfu, r.implementation].map(quote).join(','),
  );
  return [header.join(','), ...lines].join('\n') + '\n';
}

/** One entry of github-action-benchmark's customBiggerIsBetter input. */
export interface BenchmarkEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

/** The ok benchmark cases as customBiggerIsBetter entries (rates: bigger is better). */
export function githubActionBenchmark(rows: readonly ReportRow[]): BenchmarkEntry[] {
  return rows
    .filter((r) => r.role === 'benchmark' && r.status === 'ok' && r.rate !== null)
    .map((r) => ({
      name: `${r.kernel} ${r.shape}${r.params ? ` ${r.params}` : ''}`,
      unit: r.unit,
      value: r.rate!,
      ...(r.relHalfWidth !== null ? { range: `±${formatPercent(r.relHalfWidth, 2)}` } : {}),
      extra: `${r.series}; median ${formatNumber(r.medianMs ?? 0)} ms (${r.clock} clock); run ${r.run}`,
    }));
}
