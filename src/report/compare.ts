/**
 * Comparing two runs case by case: cases are matched by id (kernel, shape, parameters), and each
 * pair is judged on its samples (Mann-Whitney test and a bootstrap interval of the ratio of
 * medians, src/stats/compare.ts), never on the medians alone. Pure: results in, rows out.
 */
import Table from 'cli-table3';
import { formatNumber, formatPercent } from '../flops/units.js';
import type { CaseRecord, Results } from '../results/schema.js';
import { autocorrelationInflation } from '../stats/autocorrelation.js';
import { compareSamples, type Verdict } from '../stats/compare.js';

/** What a row says about a case. */
export type CaseVerdict = Verdict | 'new' | 'missing' | 'failed';

/** One case in the comparison. Ratios are of throughput (new / base): above 1 is faster. */
export interface CompareRow {
  id: string;
  kernel: string;
  shape: string;
  params: string;
  metric: CaseRecord['metric'];
  baseMedianMs: number | null;
  newMedianMs: number | null;
  /** GFLOP/s or GB/s, as the kernel's metric says. */
  baseRate: number | null;
  newRate: number | null;
  /** Throughput ratio new / base (= base time / new time). */
  speedup: number | null;
  /** Interval of the speedup at `confidence`. */
  speedupCi: [number, number] | null;
  pValue: number | null;
  verdict: CaseVerdict;
  /** Why the verdict is what it is, for failed/new/missing rows. */
  note?: string;
}

export interface Comparison {
  threshold: number;
  confidence: number;
  rows: CompareRow[];
  /** Rows significantly slower by more than the threshold: what makes `compare` exit 1. */
  regressions: number;
}

/** The adapter of a run, for telling whether two runs are on the same device. */
export function deviceKey(results: Results): string {
  const { vendor, architecture, device, description } = results.env.adapter;
  return [vendor, architecture, device, description].join(' / ');
}

const rate = (record: CaseRecord) => (record.metric === 'bandwidth' ? record.gbPerS : record.gflops);
const paramText = (record: CaseRecord) => Object.entries(record.params).map(([k, v]) => `${k}=${v}`).join(' ');

/** Compares `next` against `base`; `threshold` is the fraction of change that matters (0.05 = 5%). */
export function compareRuns(base: Results, next: Results, threshold: number, alpha = 0.05): Comparison {
  const baseCases = new Map(base.cases.filter((c) => c.role === 'benchmark').map((c) => [c.id, c]));
  const nextCases = next.cases.filter((c) => c.role === 'benchmark');
  const rows: CompareRow[] = [];
  const describe = (record: CaseRecord) => ({ id: record.id, kernel: record.kernel, shape: record.shapeLabel, params: paramText(record), metric: record.metric });
  for (const record of nextCases) {
    const before = baseCases.get(record.id);
    baseCases.delete(record.id);
    const common = {
      ...describe(record),
      baseMedianMs: before?.timing?.medianMs ?? null,
      newMedianMs: record.timing?.medianMs ?? null,
      baseRate: before ? rate(before) : null,
      newRate: rate(record),
      speedup: null,
      speedupCi: null,
      pValue: null,
    };
    if (!before) {
      rows.push({ ...common, verdict: 'new' });
      continue;
    }
    if (before.status !== 'ok' || record.status !== 'ok' || before.samples.length === 0 || record.samples.length === 0) {
      const which = record.status !== 'ok' ? `new run: ${record.status}` : `base run: ${before.status}`;
      rows.push({ ...common, verdict: 'failed', note: which });
      continue;
    }
    // compareSamples judges times (ratio > 1 = slower); a speedup is its inverse.
    // Back-to-back samples are correlated: widen the interval as the runs' own intervals are.
    const inflation = Math.max(autocorrelationInflation(before.samples), autocorrelationInflation(record.samples));
    const judged = compareSamples(before.samples, record.samples, { thresholdFraction: threshold, alpha, inflation });
    rows.push({
      ...common,
      speedup: 1 / judged.ratio,
      speedupCi: [1 / judged.ci[1], 1 / judged.ci[0]],
      pValue: judged.pValue,
      verdict: judged.verdict,
    });
  }
  for (const missing of baseCases.values()) {
    rows.push({ ...describe(missing), baseMedianMs: missing.timing?.medianMs ?? null, newMedianMs: null, baseRate: rate(missing), newRate: null, speedup: null, speedupCi: null, pValue: null, verdict: 'missing' });
  }
  return { threshold, confidence: 1 - alpha, rows, regressions: rows.filter((row) => row.verdict === 'slower').length };
}

const dash = (value: number | null, format: (v: number) => string) => (value === null ? '-' : format(value));

/** The comparison as a table with a legend saying what the verdicts mean. */
export function formatComparison(comparison: Comparison, basePath: string, nextPath: string): string {
  const table = new Table({
    head: ['Kernel', 'Shape', 'Config', 'Base (ms)', 'New (ms)', 'Base rate', 'New rate', 'Speedup', `${formatPercent(comparison.confidence, 2)} CI`, 'Verdict'],
    colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [], compact: true },
  });
  for (const row of comparison.rows) {
    const unit = row.metric === 'bandwidth' ? 'GB/s' : 'GFLOP/s';
    table.push([
      row.kernel,
      row.shape,
      row.params,
      dash(row.baseMedianMs, formatNumber),
      dash(row.newMedianMs, formatNumber),
      dash(row.baseRate, (v) => `${formatNumber(v)} ${unit}`),
      dash(row.newRate, (v) => `${formatNumber(v)} ${unit}`),
      dash(row.speedup, (v) => `${formatNumber(v)}x`),
      row.speedupCi ? `${formatNumber(row.speedupCi[0])}-${formatNumber(row.speedupCi[1])}x` : '-',
      row.note ? `${row.verdict} (${row.note})` : row.verdict,
    ]);
  }
  const t = formatPercent(comparison.threshold, 2);
  const counts = new Map<string, number>();
  for (const row of comparison.rows) counts.set(row.verdict, (counts.get(row.verdict) ?? 0) + 1);
  return [
    `Base: ${basePath}\nNew:  ${nextPath}`,
    table.toString(),
    `Speedup: new throughput / base (median times, per run of the kernel); CI: bootstrap interval of that ratio from the samples, widened for their autocorrelation.`,
    `Verdicts: faster/slower = Mann-Whitney p < ${formatNumber(1 - comparison.confidence)} and the whole interval beyond ±${t}; unchanged = the whole interval within ±${t}; ambiguous = the noise is too large to decide; new/missing = in one run only; failed = not ok in a run.`,
    `Summary: ${[...counts].map(([verdict, count]) => `${count} ${verdict}`).join(', ')}.${comparison.regressions > 0 ? ` ${comparison.regressions} significantly slower by more than ${t}: exit code 1.` : ''}`,
  ].join('\n');
}
