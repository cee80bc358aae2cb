/**
 * WebGPU implementations side by side: when the runs reported together come from more than one
 * implementation (Chrome's Dawn, Firefox's wgpu), the best rate of every kernel and shape on
 * each (adapter, implementation) series, and its ratio to the base series: the first Dawn one
 * (Chromium is where most WebGPU code is tuned), else the first. Pure.
 */
import { formatNumber } from './numbers.js';
import type { ReportRow } from './summary.js';

/** One series of the table: an adapter on an implementation. */
export interface RatioSeries {
  series: string;
  implementation: string;
}

/** One kernel at one shape: its best rate on each series and its ratio to the base series. */
export interface RatioRow {
  kernel: string;
  /** The shape, or 'measured peak' for the peak kernels (each device sizes its own). */
  shape: string;
  unit: ReportRow['unit'];
  /** Best rate on each series, in `series` order; null where it did not run ok. */
  rates: (number | null)[];
  /** rate / the base series' rate, in `series` order (the base's own is 1); null where either is missing. */
  ratios: (number | null)[];
}

/** The side-by-side table, or nothing to show. */
export interface RatioTable {
  series: RatioSeries[];
  /** Index of the base series in `series`. */
  base: number;
  rows: RatioRow[];
}

/** The table for `rows`; null unless they come from at least two implementations and share a case. */
export function implementationRatios(rows: readonly ReportRow[]): RatioTable | null {
  const ok = rows.filter((row) => row.status === 'ok' && row.rate !== null);
  if (new Set(ok.map((row) => row.implementation)).size < 2) return null;
  const series: RatioSeries[] = [];
  for (const row of ok)
    if (!series.some((s) => s.series === row.series))
      series.push({ series: row.series, implementation: row.implementation });
  const dawn = series.findIndex((s) => s.implementation.endsWith('(Dawn)'));
  const base = dawn >= 0 ? dawn : 0;
  const groups = new Map<
    string,
    { kernel: string; shape: string; unit: ReportRow['unit']; best: Map<string, number> }
  >();
  for (const row of ok) {
    // Peak kernels are sized to fill each device: compare them by kernel alone.
    const shape = row.role === 'peak' ? 'measured peak' : row.shape;
    const key = `${row.kernel}\u0000${shape}`;
    const group = groups.get(key) ?? { kernel: row.kernel, shape, unit: row.unit, best: new Map<string, number>() };
    group.best.set(row.series, Math.max(group.best.get(row.series) ?? 0, row.rate!));
    groups.set(key, group);
  }
  const baseSeries = series[base]!.series;
  const table: RatioRow[] = [];
  for (const group of groups.values()) {
    if (group.best.size < 2) continue;
    const rates = series.map((s) => group.best.get(s.series) ?? null);
    const baseRate = group.best.get(baseSeries) ?? null;
    table.push({
      kernel: group.kernel,
      shape: group.shape,
      unit: group.unit,
      rates,
      ratios: rates.map((rate) => (rate !== null && baseRate !== null && baseRate > 0 ? rate / baseRate : null)),
    });
  }
  if (table.length === 0) return null;
  // Peaks first, as in a run; then by kernel and shape as they came.
  table.sort((a, b) => Number(b.shape === 'measured peak') - Number(a.shape === 'measured peak'));
  return { series, base, rows: table };
}

/** Column titles of the ratios: 'Firefox (wgpu) / Chrome (Dawn)', or series names when implementations repeat. */
function ratioTitles(table: RatioTable): string[] {
  const labels = table.series.map((s) => s.implementation);
  const names = new Set(labels).size === labels.length ? labels : table.series.map((s) => s.series);
  return names.flatMap((name, i) => (i === table.base ? [] : [`${name} / ${names[table.base]}`]));
}

/** The table as [header, ...rows] of cells. */
function cells(table: RatioTable): string[][] {
  const header = ['Kernel', 'Shape', ...table.series.map((s) => s.series), ...ratioTitles(table)];
  const body = table.rows.map((row) => [
    row.kernel,
    row.shape,
    ...row.rates.map((rate) => (rate === null ? '-' : `${formatNumber(rate)} ${row.unit}`)),
    ...row.ratios.flatMap((ratio, i) => (i === table.base ? [] : [ratio === null ? '-' : `${formatNumber(ratio)}x`])),
  ]);
  return [header, ...body];
}

const LEGEND =
  "Best rate per kernel and shape over configurations and runs (peaks: the measured peak of each); ratio: that rate / the base series' (above 1: faster there). " +
  'Two browsers cannot share one session, so these are separate launches, which drift 20-40% on a busy machine: a ratio within that is no difference.';

/** The title of the side-by-side section. */
export const SIDE_BY_SIDE_TITLE = 'WebGPU implementations side by side';

/** The side-by-side section in Markdown ('' when the runs come from one implementation). */
export function implementationRatiosMarkdown(rows: readonly ReportRow[]): string {
  const table = implementationRatios(rows);
  if (!table) return '';
  const [header, ...body] = cells(table);
  return [
    `### ${SIDE_BY_SIDE_TITLE}`,
    '',
    LEGEND,
    '',
    `| ${header!.join(' | ')} |`,
    `|---|---|${header!
      .slice(2)
      .map(() => '--:')
      .join('|')}|`,
    ...body.map((line) => `| ${line.join(' | ')} |`),
    '',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The side-by-side section in HTML ('' when the runs come from one implementation). */
export function implementationRatiosHtml(rows: readonly ReportRow[]): string {
  const table = implementationRatios(rows);
  if (!table) return '';
  const [header, ...body] = cells(table);
  const head = `<tr>${header!.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr>`;
  const lines = body
    .map((line) => `<tr>${line.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<h2>${SIDE_BY_SIDE_TITLE}</h2><p class="note">${escapeHtml(LEGEND)}</p><table class="ratios">${head}\n${lines}</table>`;
}
