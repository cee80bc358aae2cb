#!/usr/bin/env node
// How well does `flopscope ab` tell a real slowdown from noise on this machine? Runs N A/B runs
// of a kernel doing 10% more work (bench/ab-power/slower.wgsl) against the same kernel
// (base.wgsl), and N of the kernel against itself, each a separate `flopscope ab` process, and
// prints how often each exited 1 (slower) or 0, the ratios and interval half-widths, and the
// smallest slowdown a run detects with 95% power at that noise:
//   threshold + half-width (the median run's) + 1.645 x the spread of the ratio between runs.
// Usage: node bench/ab-power.mjs [runs=20] [-- ab options], e.g. -- --sizes 128 --max-time 40s
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const runs = Number(split === 0 ? 20 : (argv[0] ?? 20));
const abArgs = split >= 0 ? argv.slice(split + 1) : ['--sizes', '128', '--max-time', '40s', '--threshold', '5%'];
const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/flopscope.js');
const here = join(root, 'bench/ab-power');
// Inside this repository, so the kernels' `import 'flopscope'` finds this package.
mkdirSync(join(root, 'test-artifacts'), { recursive: true });
const work = mkdtempSync(join(root, 'test-artifacts', 'ab-power-'));

/** A folder with a config and the ab-naive kernel over `shader`. */
function side(name, shader) {
  const dir = join(work, name);
  mkdirSync(dir);
  copyFileSync(join(here, shader), join(dir, 'kernel.wgsl'));
  copyFileSync(join(here, 'kernel.ts.txt'), join(dir, 'kernel.ts'));
  writeFileSync(join(dir, 'flopscope.config.ts'), "export default { kernels: ['./kernel.ts'] };\n");
  return dir;
}
const base = side('base', 'base.wgsl');
const same = side('same', 'base.wgsl');
const slower = side('slower', 'slower.wgsl');

/** One A/B run of `candidate` against the base: its exit code, ratio, half-width and seconds. */
function ab(candidate, i) {
  const out = join(work, `${candidate === slower ? 'slower' : 'same'}-${i}.json`);
  const start = Date.now();
  const child = spawnSync(
    process.execPath,
    [bin, 'ab', '--base-dir', base, '--kernel', 'ab-naive', ...abArgs, '--out', out],
    {
      cwd: candidate,
      encoding: 'utf8',
    },
  );
  const seconds = (Date.now() - start) / 1000;
  if (child.status !== 0 && child.status !== 1) {
    process.stderr.write(child.stderr);
    process.exit(child.status ?? 1);
  }
  const [entry] = JSON.parse(readFileSync(out, 'utf8')).ab.cases;
  return { code: child.status, ratio: entry.ratio, half: entry.relHalfWidth, verdict: entry.verdict, seconds };
}

const results = { slower: [], same: [] };
for (let i = 0; i < runs; i++) {
  // Alternate the two kinds of run, so both meet the same stretches of the machine's load.
  for (const kind of ['slower', 'same']) {
    const result = ab(kind === 'slower' ? slower : same, i);
    results[kind].push(result);
    console.error(
      `[${i + 1}/${runs}] ${kind}: exit ${result.code}, ratio ${result.ratio?.toFixed(4)} ±${((result.half ?? NaN) * 100).toFixed(2)}%, ${result.verdict}, ${result.seconds.toFixed(1)} s`,
    );
  }
}
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))];
};
const sd = (values) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
};
const threshold = Number((abArgs[abArgs.indexOf('--threshold') + 1] ?? '5%').replace('%', '')) / 100;
for (const kind of ['slower', 'same']) {
  const list = results[kind];
  const flagged = list.filter((r) => r.code === 1).length;
  console.log(
    `${kind === 'slower' ? '10% more work' : 'unchanged    '}: exit 1 in ${flagged}/${list.length}, exit 0 in ${list.length - flagged}/${list.length}; ratio median ${quantile(
      list.map((r) => r.ratio),
      0.5,
    ).toFixed(
      4,
    )} (range ${Math.min(...list.map((r) => r.ratio)).toFixed(4)}-${Math.max(...list.map((r) => r.ratio)).toFixed(4)}), half-width median ±${(
      quantile(
        list.map((r) => r.half),
        0.5,
      ) * 100
    ).toFixed(2)}%, run time median ${quantile(
      list.map((r) => r.seconds),
      0.5,
    ).toFixed(1)} s (max ${Math.max(...list.map((r) => r.seconds)).toFixed(1)} s)`,
  );
}
const unchanged = results.same;
const detectable =
  threshold +
  quantile(
    unchanged.map((r) => r.half),
    0.5,
  ) +
  1.645 * sd(unchanged.map((r) => Math.log(r.ratio)));
console.log(
  `smallest slowdown detected with 95% power in one such run: about ${(detectable * 100).toFixed(1)}% (threshold ${(threshold * 100).toFixed(1)}% + median half-width + 1.645 x the ratio's spread between runs)`,
);
console.log(`results: ${work}`);
