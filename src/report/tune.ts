/**
 * The terminal report of a tuning run: per shape, the fastest configurations (GFLOP/s, spread,
 * % of the measured fma-peak), what was skipped and why, and the best configuration.
 */
import Table from 'cli-table3';
import { formatNumber } from './numbers.js';
import type { CaseRecord, Results } from '../results/schema.js';
import { adapterLine } from './summary.js';
import { rankTune } from '../tune/ranking.js';

/** Skipped configurations listed by name before the rest are only counted. */
const SHOWN_SKIPS = 3;

function configLabel(params: CaseRecord['params']): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

const dash = (value: number | null | undefined, format: (v: number) => string) =>
  value === null || value === undefined ? '-' : format(value);

/** Reasons of skipped or failed configurations, each once, with how many configurations it covers in brackets. */
function reasons(records: readonly CaseRecord[]): string[] {
  const counts = new Map<string, number>();
  for (const record of records) {
    // Reasons differ only by their numbers within one limit: group by the text before them.
    const reason = (record.message ?? record.status).replace(/^skipped: /, '');
    const key = reason.replace(/\d+/g, '#');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => {
    const example = records.find(
      (r) => (r.message ?? r.status).replace(/^skipped: /, '').replace(/\d+/g, '#') === key,
    )!;
    return `(${count}) ${(example.message ?? example.status).replace(/^skipped: /, '')} (e.g. ${configLabel(example.params)})`;
  });
}

/** The report of `kernel`'s tuning run in `results`, the `top` fastest configurations per shape. */
export function formatTuneReport(results: Results, kernel: string, top = 10): string {
  const bandwidth = results.cases.some(
    (c) => c.kernel === kernel && c.role === 'benchmark' && c.metric === 'bandwidth',
  );
  // A memory-bound kernel is ranked by GB/s against the measured copy bandwidth; the rest by GFLOP/s against fma-peak.
  const unit = bandwidth ? 'GB/s' : 'GFLOP/s';
  const peakName = bandwidth ? 'copy-peak' : 'fma-peak';
  const rate = (record: CaseRecord) => (bandwidth ? record.gbPerS : record.gflops);
  const share = (record: CaseRecord) =>
    bandwidth ? record.fractionOfMeasuredBandwidth : record.fractionOfMeasuredPeak;
  const peak = bandwidth ? (results.peaks.measured.bandwidthGbPerS ?? null) : results.peaks.measured.computeGflops;
  const lines: string[] = [];
  const best: string[] = [];
  for (const shape of rankTune(results, kernel)) {
    const skipped = shape.unsupported.length;
    lines.push(
      `${kernel} at ${shape.shapeLabel}: ${shape.tried} configurations tried, ${shape.ranked.length} ok (each checked against the CPU reference), ` +
        `${shape.failed.length} failed, ${skipped} skipped`,
    );
    const table = new Table({
      head: ['Rank', 'Config', unit, 'Spread', `% ${peakName}`, 'Median (ms)'],
      colAligns: ['right', 'left', 'right', 'right', 'right', 'right'],
      style: { head: [], border: [], compact: true },
    });
    shape.ranked.slice(0, top).forEach((record, i) => {
      table.push([
        String(i + 1),
        configLabel(record.params),
        dash(rate(record), formatNumber),
        dash(record.timing?.relSpread, (s) => `±${formatNumber(s * 100)}%`),
        dash(share(record), (f) => formatNumber(f * 100)),
        dash(record.timing?.medianMs, formatNumber),
      ]);
    });
    if (shape.ranked.length > 0) lines.push(table.toString());
    if (shape.ranked.length > top)
      lines.push(`(${shape.ranked.length - top} slower configurations not shown; all are in the results file)`);
    for (const line of reasons(shape.failed)) lines.push(`  failed: ${line}`);
    for (const line of reasons(shape.unsupported).slice(0, SHOWN_SKIPS)) lines.push(`  skipped: ${line}`);
    const more = reasons(shape.unsupported).length - SHOWN_SKIPS;
    if (more > 0) lines.push(`  skipped: ${more} other reasons (see the results file)`);
    lines.push('');
    const winner = shape.ranked[0];
    best.push(
      winner
        ? `  ${shape.shapeLabel}: ${configLabel(winner.params)}: ${formatNumber(rate(winner)!)} ${unit}` +
            (share(winner) !== null ? ` (${formatNumber(share(winner)! * 100)}% of ${peakName})` : '')
        : `  ${shape.shapeLabel}: no configuration ran and passed`,
    );
  }
  lines.push(`Best configuration per shape:`, ...best);
  lines.push(
    peak
      ? `% ${peakName}: ${unit} / this run's measured ${peakName} of ${formatNumber(peak)} ${unit}${bandwidth ? '' : ' (f32)'}. Spread: ± robust relative spread of the samples (1.4826 x MAD / median).`
      : `% ${peakName}: no peak measured in this run (--no-peak).`,
  );
  lines.push(adapterLine(results));
  return lines.join('\n');
}
