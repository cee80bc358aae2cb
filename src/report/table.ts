/** The terminal table of a run: one row per case, units in the headers, numbers right-aligned. */
import Table from 'cli-table3';
import { formatNumber } from '../flops/units.js';
import type { CaseRecord, Results } from '../results/schema.js';
import { summarize } from '../stats/summary.js';

function configLabel(record: CaseRecord): string {
  return Object.entries(record.params)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

function checkLabel(record: CaseRecord): string {
  if (record.status === 'unsupported') return 'unsupported';
  if (record.status === 'error') return 'ERROR';
  const check = record.correctness;
  if (!check) return '-';
  if (!check.passed) return `FAIL ${check.mismatches}/${check.checked}`;
  return check.mode === 'full' ? 'ok' : `ok (${check.checked} sampled)`;
}

/** Spread of a case's samples as ± the relative figure stats calls its headline spread. */
function spreadLabel(record: CaseRecord): string {
  if (record.samples.length < 2) return '-';
  return `±${formatNumber(summarize(record.samples).relSpread * 100)}%`;
}

const dash = (value: number | null, format: (v: number) => string) => (value === null ? '-' : format(value));

/** The table of a run's cases, with a legend saying which clock and which peak the figures use. */
export function formatRunTable(results: Results): string {
  const table = new Table({
    head: ['Kernel', 'Shape', 'Config', 'Median (ms)', 'GFLOP/s', 'GB/s', 'Spread', 'Check', '% fma-peak'],
    colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'left', 'right'],
    style: { head: [], border: [], compact: true },
  });
  for (const record of results.cases) {
    table.push([
      record.role === 'peak' ? `${record.kernel} (peak)` : record.kernel,
      record.shapeLabel,
      configLabel(record),
      dash(record.timing?.medianMs ?? null, formatNumber),
      dash(record.gflops, formatNumber),
      dash(record.gbPerS, formatNumber),
      spreadLabel(record),
      checkLabel(record),
      dash(record.fractionOfMeasuredPeak, (f) => formatNumber(f * 100)),
    ]);
  }
  const clocks = [...new Set(results.cases.flatMap((c) => (c.timing ? [c.timing.clock] : [])))];
  const peak = results.peaks.measured.computeGflops;
  const legend = [
    `Times: median per run of the kernel, ${clocks.length ? clocks.join(' and ') : 'no'} clock; spread: ± robust relative spread of the samples (1.4826 x MAD / median).`,
    `GFLOP/s: useful FLOPs (2 per multiply-add) / median time. GB/s: least bytes moved / median time.`,
    peak ? `% fma-peak: GFLOP/s / this run's measured fma-peak of ${formatNumber(peak)} GFLOP/s (f32).` : '% fma-peak: no peak measured in this run.',
    `Adapter: ${results.env.adapter.description || `${results.env.adapter.vendor} ${results.env.adapter.architecture}`}; browser ${results.env.browser.version}.`,
  ];
  return `${table.toString()}\n${legend.join('\n')}`;
}
