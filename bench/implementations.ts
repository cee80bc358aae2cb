/**
 * Two WebGPU implementations side by side in one session: Chromium (Dawn; SwiftShader here) and
 * Firefox (wgpu; lavapipe here) are both opened once and kept open, and each round measures the
 * peaks (fma-peak f32 and f16, copy) and every matmul strategy at each size on one, then the
 * other, in ABBA order, so that what drifts over minutes falls on both alike. Per implementation
 * it reports every figure as the median over rounds with the rounds' range, the best strategy
 * per size and its share of that implementation's measured f32 peak, and per case the ratio
 * Firefox / Chromium of the rates measured in the same round (median and range over rounds).
 *
 * Run through bench/implementations.mjs (it bundles this file); not a test: it asserts nothing.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TIMING } from '../src/cli/options.js';
import { formatNumber, formatPercent } from '../src/flops/units.js';
import { openRunner, runCases, type RunnerHandle, type RunReporter } from '../src/host/run.js';
import { planCases } from '../src/host/suite-plan.js';
import { implementationOf } from '../src/results/implementation.js';
import type { CaseRecord, Results } from '../src/results/schema.js';
import { deviceName } from '../src/report/summary.js';

/** What one invocation measures. */
export interface BenchOptions {
  sizes: number[];
  rounds: number;
  maxTimeMs: number;
  outDir: string;
  log: (line: string) => void;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const range = (values: readonly number[]): string => (values.length > 1 ? `${formatNumber(Math.min(...values))}-${formatNumber(Math.max(...values))}` : '-');

/** A key per kernel and shape; peaks by kernel (each device sizes its own). */
const keyOf = (record: CaseRecord): string => (record.role === 'peak' ? `${record.kernel} (peak)` : `${record.kernel} ${record.shapeLabel}`);
const rateOf = (record: CaseRecord): number | null => (record.metric === 'bandwidth' ? record.gbPerS : record.gflops);

/** Best rate per key in one round's results (peaks: best configuration); the record it came from. */
function bestByKey(results: Results): Map<string, CaseRecord> {
  const best = new Map<string, CaseRecord>();
  for (const record of results.cases) {
    const rate = rateOf(record);
    if (record.status !== 'ok' || rate === null) continue;
    const key = keyOf(record);
    const held = best.get(key);
    if (!held || rate > rateOf(held)!) best.set(key, record);
  }
  return best;
}

/** A reporter that logs each finished case as one line. */
function lineReporter(prefix: string, log: (line: string) => void): RunReporter {
  return {
    log,
    caseStarted: () => undefined,
    caseProgress: () => undefined,
    caseFinished: (record) => {
      const rate = rateOf(record);
      log(`${prefix} ${keyOf(record)} ${Object.entries(record.params).map(([k, v]) => `${k}=${v}`).join(' ')}: ${record.status}${rate !== null ? ` ${formatNumber(rate)} ${record.metric === 'bandwidth' ? 'GB/s' : 'GFLOP/s'}` : ''}${record.message ? ` (${record.message})` : ''}`);
    },
  };
}

/** Runs the benchmark; returns the summary as Markdown. */
export async function benchImplementations(options: BenchOptions): Promise<string> {
  mkdirSync(options.outDir, { recursive: true });
  const timing = { ...DEFAULT_TIMING, maxTimeMs: options.maxTimeMs };
  const cases = planCases({ suite: 'matmul', sizes: options.sizes });
  const names = ['chromium', 'firefox'] as const;
  const runners = new Map<(typeof names)[number], RunnerHandle>();
  const rounds = new Map<(typeof names)[number], Results[]>(names.map((name) => [name, []]));
  try {
    for (const name of names) runners.set(name, await openRunner({ browser: { executable: name }, log: options.log }));
    for (let round = 0; round < options.rounds; round++) {
      // ABBA: Chromium first in even rounds, Firefox first in odd ones.
      const order = round % 2 === 0 ? names : ([...names].reverse() as unknown as typeof names);
      for (const name of order) {
        const runner = runners.get(name)!;
        options.log(`bench: round ${round + 1}/${options.rounds} on ${name}`);
        const { results } = await runCases({
          cases,
          suiteName: 'matmul',
          sizes: options.sizes,
          timing,
          seed: 1,
          maxCheckedElements: 65_536,
          measurePeak: true,
          includeUnsupportedPeaks: true,
          peakRequest: {},
          out: join(options.outDir, `${name}-round${round + 1}.json`),
          reporter: lineReporter(`[${name} ${round + 1}]`, options.log),
          // Kept open across rounds: closed once, below.
          runner: { ...runner, close: async () => undefined },
        });
        rounds.get(name)!.push(results);
      }
    }
  } finally {
    for (const runner of runners.values()) await runner.close().catch(() => undefined);
  }
  return summarize(rounds.get('chromium')!, rounds.get('firefox')!);
}

/** The Markdown summary of both implementations' rounds. */
export function summarize(chromium: readonly Results[], firefox: readonly Results[]): string {
  const sides = [chromium, firefox].map((runs) => ({ runs, best: runs.map(bestByKey), label: `${implementationOf(runs[0]!).label} on ${deviceName(runs[0]!)}` }));
  const keys: string[] = [];
  for (const side of sides) for (const best of side.best) for (const key of best.keys()) if (!keys.includes(key)) keys.push(key);
  // Peaks first, as a run measures them.
  keys.sort((a, b) => Number(b.endsWith('(peak)')) - Number(a.endsWith('(peak)')));
  const lines: string[] = [];
  lines.push(`Rounds: ${chromium.length} per implementation, ABBA, both browsers open throughout; figures are medians over rounds (range in brackets).`, '');
  lines.push(`| Case | ${sides.map((s) => s.label).join(' | ')} | Firefox / Chromium (same round) |`, '|---|--:|--:|--:|');
  for (const key of keys) {
    const perSide = sides.map((side) => side.best.map((best) => best.get(key)).filter((r): r is CaseRecord => r !== undefined));
    const cell = (records: CaseRecord[]) => {
      const rates = records.map((r) => rateOf(r)!);
      const unit = records[0]!.metric === 'bandwidth' ? 'GB/s' : 'GFLOP/s';
      const share = records.map((r) => (r.metric === 'bandwidth' ? r.fractionOfMeasuredBandwidth : r.fractionOfMeasuredPeak)).filter((f): f is number => f !== null);
      return `${formatNumber(median(rates))} ${unit} [${range(rates)}]${share.length && records[0]!.role !== 'peak' ? `, ${formatPercent(median(share))} of peak` : ''}`;
    };
    const ratios: number[] = [];
    for (let round = 0; round < Math.min(chromium.length, firefox.length); round++) {
      const a = sides[0]!.best[round]!.get(key);
      const b = sides[1]!.best[round]!.get(key);
      if (a && b) ratios.push(rateOf(b)! / rateOf(a)!);
    }
    const status = (side: (typeof sides)[number]) => {
      const record = side.runs[0]!.cases.find((c) => keyOf(c) === key);
      return record ? `${record.status}${record.message ? `: ${record.message.slice(0, 60)}` : ''}` : 'not run';
    };
    lines.push(
      `| ${key} | ${perSide.map((records, i) => (records.length ? cell(records) : status(sides[i]!))).join(' | ')} | ${ratios.length ? `${formatNumber(median(ratios))}x [${range(ratios)}]` : '-'} |`,
    );
  }
  lines.push('');
  for (const side of sides) {
    const peak = median(side.runs.map((r) => r.peaks.measured.computeGflops).filter((v): v is number => v !== null));
    const f16 = side.runs.map((r) => r.peaks.measured.computeF16Gflops).filter((v): v is number => typeof v === 'number');
    const copy = side.runs.map((r) => r.peaks.measured.bandwidthGbPerS).filter((v): v is number => typeof v === 'number');
    const copySize = side.runs[0]!.cases.find((c) => c.kernel === 'copy')?.shapeLabel;
    lines.push(
      `${side.label}: fma-peak ${formatNumber(peak)} GFLOP/s f32${f16.length ? `, ${formatNumber(median(f16))} GFLOP/s f16` : ', f16 unsupported'}, copy ${copy.length ? `${formatNumber(median(copy))} GB/s (${copySize}, the most the adapter's limits allow up to 256 MiB)` : 'not measured'} (gpu-timestamp clock, medians over rounds).`,
    );
    const sizes = [...new Set(side.runs[0]!.cases.filter((c) => c.role === 'benchmark').map((c) => c.shapeLabel))];
    for (const size of sizes) {
      let best: { key: string; rate: number; share: number | null } | null = null;
      for (const key of keys.filter((k) => k.endsWith(` ${size}`))) {
        const records = side.best.map((b) => b.get(key)).filter((r): r is CaseRecord => r !== undefined);
        if (records.length === 0) continue;
        const rate = median(records.map((r) => rateOf(r)!));
        const shares = records.map((r) => r.fractionOfMeasuredPeak).filter((f): f is number => f !== null);
        if (!best || rate > best.rate) best = { key, rate, share: shares.length ? median(shares) : null };
      }
      if (best) lines.push(`  best at ${size}: ${best.key.split(' ')[0]} ${formatNumber(best.rate)} GFLOP/s${best.share !== null ? `, ${formatPercent(best.share)} of its measured f32 fma-peak` : ''}`);
    }
  }
  return lines.join('\n');
}
