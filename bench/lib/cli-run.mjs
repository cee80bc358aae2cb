// What the benchmarks of bench/ share: a `flopscope run` in a child process, its results file read
// back, and the figures they compare (a case's GFLOP/s with its interval, ratios of two cases
// measured round by round in the same run).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/flopscope.js');

/** Runs `flopscope run <args>` (the table on the terminal) and returns its results; exits on failure. */
export function flopscopeRun(args) {
  mkdirSync(join(root, 'test-artifacts'), { recursive: true });
  const out = join(mkdtempSync(join(root, 'test-artifacts', 'bench-')), 'results.json');
  console.log(`node bin/flopscope.js run ${args.join(' ')}`);
  const start = Date.now();
  const child = spawnSync(process.execPath, [bin, 'run', ...args, '--out', out], { stdio: 'inherit' });
  if (child.status !== 0) process.exit(child.status ?? 1);
  console.log(`(${((Date.now() - start) / 1000).toFixed(0)} s; results in ${out})\n`);
  return JSON.parse(readFileSync(out, 'utf8'));
}

/** The benchmark cases that measured a speed (status ok). */
export const okCases = (results) => results.cases.filter((c) => c.role === 'benchmark' && c.gflops !== null);

/** The run's fma-peak case (GFLOP/s), or undefined. */
export const fmaPeak = (results) =>
  results.cases.find((c) => c.role === 'peak' && c.kernel === 'fma-peak' && c.gflops !== null);

/** The case with the most GFLOP/s among `cases`, or undefined. */
export const fastest = (cases) => cases.reduce((best, c) => (best && best.gflops >= c.gflops ? best : c), undefined);

/** "3.44 GFLOP/s (2.9-3.8)": the median and the 95% interval of the median time, turned into GFLOP/s. */
export function gflopsText(record) {
  const ci = record.timing?.ci95Ms;
  const range = ci
    ? ` (${((record.flops / ci[1]) * 1e-6).toFixed(2)}-${((record.flops / ci[0]) * 1e-6).toFixed(2)})`
    : '';
  return `${record.gflops.toFixed(2)} GFLOP/s${range}`;
}

/**
 * Time of `a` / time of `b`, round by round (both measured in each round of one run, so the
 * machine's drift between rounds cancels): the median of the per-round ratios, their range and
 * count; undefined without round medians.
 */
export function roundRatio(a, b) {
  const ra = a.timing?.roundMedians;
  const rb = b.timing?.roundMedians;
  if (!ra || !rb || ra.length !== rb.length || ra.length === 0) return undefined;
  const ratios = ra.map((t, i) => t / rb[i]).sort((x, y) => x - y);
  const mid = ratios.length / 2;
  const median = ratios.length % 2 ? ratios[Math.floor(mid)] : (ratios[mid - 1] + ratios[mid]) / 2;
  return { median, min: ratios[0], max: ratios.at(-1), rounds: ratios.length };
}

/** "met" or "NOT met", for a target line. */
export const verdict = (ok) => (ok ? 'met' : 'NOT met');

/**
 * `args` after those of `defaults` ([flag, value] pairs) that `args` does not give itself: a bench's
 * defaults, which the command line overrides.
 */
export const withDefaults = (defaults, args) => [
  ...defaults.filter(([flag]) => !args.some((a) => a === flag || a.startsWith(`${flag}=`))).flat(),
  ...args,
];
