/**
 * Text formats of a report: Markdown for a pull-request comment, CSV, and the JSON of
 * github-action-benchmark's `customBiggerIsBetter` tool. Pure.
 */
import { implementationRatiosMarkdown } from './implementations.js';
import { formatNumber, formatPercent } from './numbers.js';
import type { Results } from '../results/schema.js';
import { markdownAb } from './ab.js';
import { deviceName, type ReportRow } from './summary.js';

const cell = (value: number | null, format: (v: number) => string) => (value === null ? '-' : format(value));

/** Markdown: per run, the device and its peaks, then a table of its benchmark cases. */
export function markdownReport(
  runs: ReadonlyArray<{ label: string; results: Results }>,
  rows: readonly ReportRow[],
): string {
  const parts: string[] = ['## flopscope results', ''];
  for (const { label, results } of runs) {
    // An A/B run reads as its verdicts first: what a pull request's comment needs.
    if (results.ab) parts.push(markdownAb(results, label));
    const { measured, reference } = results.peaks;
    parts.push(`### ${label}`, '');
    parts.push(
      `${deviceName(results)}, ${results.env.browser.version}, started ${results.env.startedAt}${results.env.harness.commit ? `, flopscope ${results.env.harness.commit}` : ''}.`,
    );
    parts.push(
      `Measured fma-peak: ${measured.computeGflops ? `${formatNumber(measured.computeGflops)} GFLOP/s` : 'not measured'}; copy bandwidth: ${measured.bandwidthGbPerS ? `${formatNumber(measured.bandwidthGbPerS)} GB/s` : 'not measured'}. ` +
        `MFU against: ${reference?.fp32Tflops ? `${reference.name}, ${formatNumber(reference.fp32Tflops * 1e3)} GFLOP/s f32${reference.estimate ? ' (estimate)' : ''}` : 'no reference peak'}.`,
      '',
    );
    parts.push(
      '| Kernel | Shape | Config | Rate | ±95% CI | Median (ms) | Clock | % peak | MFU |',
      '|---|---|---|--:|--:|--:|---|--:|--:|',
    );
    for (const row of rows.filter((r) => r.run === label && r.role === 'benchmark')) {
      const rate = row.status === 'ok' ? cell(row.rate, (v) => `${formatNumber(v)} ${row.unit}`) : `**${row.status}**`;
      parts.push(
        `| ${row.kernel} | ${row.shape} | ${row.params || '-'} | ${rate} | ${cell(row.relHalfWidth, (v) => `±${formatPercent(v, 2)}`)} | ${cell(row.medianMs, formatNumber)} | ${row.clock ?? '-'} | ${cell(row.fractionOfMeasuredPeak, (v) => formatPercent(v))} | ${cell(row.mfu, (v) => formatPercent(v))} |`,
      );
    }
    parts.push('');
  }
  // Runs of different WebGPU implementations (Firefox's wgpu, Chrome's Dawn): their ratios per case.
  const sideBySide = implementationRatiosMarkdown(rows);
  if (sideBySide) parts.push(sideBySide);
  return parts.join('\n');
}

/** CSV with a header, one line per case of every run. */
export function csvReport(rows: readonly ReportRow[]): string {
  const header = [
    'run',
    'started_at',
    'device',
    'kernel',
    'shape',
    'params',
    'role',
    'status',
    'rate',
    'unit',
    'rel_half_width',
    'median_ms',
    'clock',
    'flops',
    'bytes',
    'fraction_of_measured_peak',
    'mfu',
  ];
  const quote = (value: string | number | boolean | null | undefined) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = rows.map((r) =>
    [
      r.run,
      r.startedAt,
      r.device,
      r.kernel,
      r.shape,
      r.params,
      r.role,
      r.status,
      r.rate,
      r.unit,
      r.relHalfWidth,
      r.medianMs,
      r.clock,
      r.flops,
      r.bytes,
      r.fractionOfMeasuredPeak,
      r.mfu,
    ]
      .map(quote)
      .join(','),
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
      extra: `${r.device}; median ${formatNumber(r.medianMs ?? 0)} ms (${r.clock} clock); run ${r.run}`,
    }));
}
