/**
 * Comparing a run against one or several baseline runs case by case: cases are matched by id
 * (kernel, shape, parameters), and each is judged on its samples (Mann-Whitney test and a
 * bootstrap interval of the ratio of medians, src/stats/compare.ts), never on the medians alone.
 * What separates two runs of the same code, which no single stretch of samples shows, widens the
 * interval too: the spread of the rounds' medians when the runs were measured in rounds
 * (--rounds), else that of several baseline runs' medians.
 * Pure: results in, rows out.
 */
import Table from 'cli-table3';
import { formatNumber, formatPercent } from './numbers.js';
import { perSecondGiga } from '../results/derive.js';
import type { CaseRecord, Results } from '../results/schema.js';
import { autocorrelationInflation } from '../stats/autocorrelation.js';
import { compareSamples, roundsShiftHalfWidth, runToRunHalfWidth, type Verdict } from '../stats/compare.js';
import { sortSamples } from '../stats/sorted.js';
import { median } from '../stats/summary.js';
import { adapterDisplayName, isUnnamedAdapter } from '../specs/unnamed-adapter.js';

/** What a row says about a case. */
export type CaseVerdict = Verdict | 'new' | 'missing' | 'failed';

/** One case in the comparison. Ratios are of throughput (new / base): above 1 is faster. */
export interface CompareRow {
  id: string;
  kernel: string;
  shape: string;
  params: string;
  metric: CaseRecord['metric'];
  /** The base runs' samples pooled: their median. */
  baseMedianMs: number | null;
  newMedianMs: number | null;
  /** Base runs that had this case ok. */
  baseRuns: number;
  /**
   * Run-to-run half-width added to the interval (log units, src/stats/compare.ts), null with one base run and
   * no rounds.
   */
  runToRun: number | null;
  /** Where runToRun came from: the runs' rounds, or several base runs' medians. */
  spreadFrom: 'launches' | 'rounds' | 'runs' | null;
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
  /** The kernel's shader differs between the runs (their source hashes differ): a change of code, not of noise. */
  codeChanged?: boolean;
}

/** A run compared with its baselines, case by case. */
export interface RunComparison {
  threshold: number;
  /** Baseline runs compared against. */
  baseRuns: number;
  confidence: number;
  rows: CompareRow[];
  /** Rows significantly slower by more than the threshold: what makes `compare` exit 1. */
  regressions: number;
}

/**
 * The adapter of a run, for telling whether two runs are on the same device. An adapter that
 * reports no name (Firefox) is keyed by what was inferred about it and its fallback flag.
 */
export function deviceKey(results: Results): string {
  const { adapter, adapterInferred } = results.env;
  if (isUnnamedAdapter(adapter))
    return `${adapterDisplayName(adapter, adapterInferred)}${adapter.isFallbackAdapter ? ' / fallback' : ''}`;
  const { vendor, architecture, device, description } = adapter;
  return [vendor, architecture, device, description].join(' / ');
}

const rate = (record: CaseRecord) => (record.metric === 'bandwidth' ? record.gbPerS : record.gflops);
const paramText = (record: CaseRecord) =>
  Object.entries(record.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');

/**
 * Compares `next` against the baseline run(s); `threshold` is the fraction of change that
 * matters (0.05 = 5%). With several base runs a case's base samples are pooled. What separates
 * runs is added to each interval: from the rounds' medians when the runs had rounds, else from
 * the spread of several base runs' medians (runToRunSpread).
 */
export function compareRuns(
  base: Results | readonly Results[],
  next: Results,
  threshold: number,
  alpha = 0.05,
): RunComparison {
  const bases: readonly Results[] = Array.isArray(base) ? base : [base as Results];
  if (bases.length === 0) throw new RangeError('compareRuns needs at least one base run');
  const baseCases = new Map<string, CaseRecord[]>();
  for (const run of bases) {
    for (const record of run.cases) {
      if (record.role !== 'benchmark') continue;
      baseCases.set(record.id, [...(baseCases.get(record.id) ?? []), record]);
    }
  }
  const nextCases = next.cases.filter((c) => c.role === 'benchmark');
  const rows: CompareRow[] = [];
  const describe = (record: CaseRecord) => ({
    id: record.id,
    kernel: record.kernel,
    shape: record.shapeLabel,
    params: paramText(record),
    metric: record.metric,
  });
  const okRecords = (records: readonly CaseRecord[]) =>
    records.filter((r) => r.status === 'ok' && r.samples.length > 0);
  // The base side of a row: the runs where the case was ok, their samples pooled.
  const baseSide = (records: readonly CaseRecord[], like: CaseRecord) => {
    const befores = okRecords(records);
    const pooled = befores.flatMap((r) => r.samples);
    const pooledMedian = pooled.length > 0 ? median(sortSamples(pooled)) : null;
    return {
      befores,
      pooled,
      fields: {
        baseMedianMs: pooledMedian ?? records[0]?.timing?.medianMs ?? null,
        baseRate: pooledMedian === null ? null : rateAt(like, pooledMedian),
        baseRuns: befores.length,
      },
    };
  };
  const unjudged = { runToRun: null, spreadFrom: null, speedup: null, speedupCi: null, pValue: null };
  for (const record of nextCases) {
    const records = baseCases.get(record.id) ?? [];
    baseCases.delete(record.id);
    const { befores, pooled, fields } = baseSide(records, record);
    const changed = codeChanged(records, record);
    const common = {
      ...describe(record),
      ...fields,
      newMedianMs: record.timing?.medianMs ?? null,
      newRate: rate(record),
      ...unjudged,
      ...(changed ? { codeChanged: true } : {}),
    };
    if (records.length === 0) {
      rows.push({ ...common, verdict: 'new' });
      continue;
    }
    if (record.status !== 'ok' || record.samples.length === 0 || befores.length === 0) {
      const which =
        record.status !== 'ok'
          ? `new run: ${record.status}`
          : `base run: ${records.find((r) => r.status !== 'ok')?.status ?? 'no samples'}`;
      rows.push({ ...common, verdict: 'failed', note: which });
      continue;
    }
    // compareSamples judges times (ratio > 1 = slower); a speedup is its inverse.
    // Back-to-back samples are correlated: widen the interval as the runs' own intervals are.
    const inflation = Math.max(
      ...befores.map((r) => autocorrelationInflation(r.samples)),
      autocorrelationInflation(record.samples),
    );
    const spread = runToRunSpread(befores, record, alpha);
    const judged = compareSamples(pooled, record.samples, {
      thresholdFraction: threshold,
      alpha,
      inflation,
      runToRun: spread?.half ?? 0,
    });
    rows.push({
      ...common,
      runToRun: spread?.half ?? null,
      spreadFrom: spread?.from ?? null,
      speedup: 1 / judged.ratio,
      speedupCi: [1 / judged.ci[1], 1 / judged.ci[0]],
      pValue: judged.pValue,
      verdict: judged.verdict,
    });
  }
  for (const records of baseCases.values()) {
    const missing = records[0]!;
    rows.push({
      ...describe(missing),
      ...baseSide(records, missing).fields,
      newMedianMs: null,
      newRate: null,
      ...unjudged,
      verdict: 'missing',
    });
  }
  return {
    threshold,
    baseRuns: bases.length,
    confidence: 1 - alpha,
    rows,
    regressions: rows.filter((row) => row.verdict === 'slower').length,
  };
}

/** Whether the shader of a case differs between the base runs and the new one (both sides recorded its hash). */
function codeChanged(befores: readonly CaseRecord[], record: CaseRecord): boolean {
  const hash = record.source?.hash;
  return (
    hash !== undefined &&
    hash !== null &&
    befores.some((r) => r.source?.hash !== undefined && r.source.hash !== null && r.source.hash !== hash)
  );
}

/**
 * What separates runs of the case beyond each run's samples, as a half-width in log units: from
 * the rounds' medians when every run was measured in rounds (a Welch interval, rounds being the
 * unit of replication), else from the medians of several base runs (a prediction interval for
 * one more run), else unknown (null: one base run without rounds).
 */
function runToRunSpread(
  befores: readonly CaseRecord[],
  record: CaseRecord,
  alpha: number,
): { half: number; from: 'launches' | 'rounds' | 'runs' } | null {
  const rounds = (r: CaseRecord) => r.timing?.roundMedians ?? [];
  const launches = (r: CaseRecord) => r.timing?.launchMedians ?? [];
  // Fresh processes first: what separates launches is what separates runs.
  if (befores.every((r) => launches(r).length >= 2) && launches(record).length >= 2)
    return { half: roundsShiftHalfWidth(befores.flatMap(launches), launches(record), alpha), from: 'launches' };
  if (befores.every((r) => rounds(r).length >= 2) && rounds(record).length >= 2)
    return { half: roundsShiftHalfWidth(befores.flatMap(rounds), rounds(record), alpha), from: 'rounds' };
  return befores.length >= 2
    ? {
        half: runToRunHalfWidth(
          befores.map((r) => median(sortSamples(r.samples))),
          alpha,
        ),
        from: 'runs',
      }
    : null;
}

/** The case's rate (GFLOP/s or GB/s, as its metric says) at a median time of `ms`. */
function rateAt(record: CaseRecord, ms: number): number {
  return perSecondGiga(record.metric === 'bandwidth' ? record.bytes : record.flops, ms);
}

/** How the intervals counted what separates runs, as the rows did it. */
function spreadLegend(comparison: RunComparison, baseFiles: number): string {
  const from = new Set(comparison.rows.map((row) => row.spreadFrom).filter((f) => f !== null));
  const parts: string[] = [];
  if (from.has('launches'))
    parts.push(
      "the spread between the runs' launches (fresh browser processes; a Welch interval of the launches' medians)",
    );
  if (from.has('rounds')) parts.push("the spread between the runs' rounds (a Welch interval of the rounds' medians)");
  if (from.has('runs'))
    parts.push("the spread between the base runs' medians (a t prediction interval for one more run)");
  if (parts.length > 0) return `, and for ${parts.join('; or ')}`;
  return baseFiles > 1
    ? ''
    : '. One base run without rounds shows no run-to-run spread: measure with --rounds, or give several baselines (flopscope compare BASE1 BASE2 ... NEW)';
}

const dash = (value: number | null, format: (v: number) => string) => (value === null ? '-' : format(value));

/** The comparison as a table with a legend saying what the verdicts mean. */
export function formatComparison(
  comparison: RunComparison,
  basePaths: string | readonly string[],
  nextPath: string,
): string {
  const bases = typeof basePaths === 'string' ? [basePaths] : basePaths;
  const table = new Table({
    head: [
      'Kernel',
      'Shape',
      'Config',
      'Base (ms)',
      'New (ms)',
      'Base rate',
      'New rate',
      'Speedup',
      `${formatPercent(comparison.confidence, 2)} CI`,
      'Verdict',
    ],
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
      [row.verdict, row.note, row.codeChanged ? 'code changed' : null]
        .filter(Boolean)
        .join(', ')
        .replace(/^(\w+), (.*)$/, '$1 ($2)'),
    ]);
  }
  const t = formatPercent(comparison.threshold, 2);
  const counts = new Map<string, number>();
  for (const row of comparison.rows) counts.set(row.verdict, (counts.get(row.verdict) ?? 0) + 1);
  return [
    `Base: ${bases.join(', ')}${bases.length > 1 ? ` (${bases.length} runs, samples pooled)` : ''}\nNew:  ${nextPath}`,
    table.toString(),
    `Speedup: new throughput / base (median times, per run of the kernel); CI: bootstrap interval of that ratio from the samples, widened for their autocorrelation${spreadLegend(comparison, bases.length)}.`,
    `Verdicts: faster/slower = Mann-Whitney p < ${formatNumber(1 - comparison.confidence)} and the whole interval beyond ±${t}; unchanged = the whole interval within ±${t}; ambiguous = the noise is too large to decide; new/missing = in one run only; failed = not ok in a run.`,
    ...(comparison.rows.some((row) => row.codeChanged)
      ? ["code changed: the kernel's shader (with what it imports) differs between the runs, by its content hash."]
      : []),
    `Summary: ${[...counts].map(([verdict, count]) => `${count} ${verdict}`).join(', ')}.${comparison.regressions > 0 ? ` ${comparison.regressions} significantly slower by more than ${t}: exit code 1.` : ''}`,
  ].join('\n');
}
