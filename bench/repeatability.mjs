#!/usr/bin/env node
// Does a case measured again land inside the interval the first measurement reported?
// Runs `flopscope run` on the same cases N times (separate browser launches), then for every
// pair of runs and every case checks whether run B's median lies in run A's 95% CI of the
// median, and prints how often it did. Usage:
//   node bench/repeatability.mjs [runs=5] -- [flopscope run options...]
// e.g. node bench/repeatability.mjs 5 -- --kernel matmul-naive --sizes 128,256 --no-peak
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const runs = Number(split === 0 ? 5 : (argv[0] ?? 5));
const runArgs = split >= 0 ? argv.slice(split + 1) : ['--kernel', 'matmul-naive', '--sizes', '128,256', '--no-peak'];
if (!Number.isInteger(runs) || runs < 2) {
  console.error(
    'repeatability: give a whole number of runs >= 2, e.g. node bench/repeatability.mjs 5 -- --kernel matmul-naive --sizes 128',
  );
  process.exit(2);
}
const bin = resolve(import.meta.dirname, '../bin/flopscope.js');
const dir = mkdtempSync(join(tmpdir(), 'flopscope-repeat-'));
const results = [];
for (let i = 0; i < runs; i++) {
  const out = join(dir, `run-${i}.json`);
  const child = spawnSync(process.execPath, [bin, 'run', ...runArgs, '--out', out], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (child.status !== 0) process.exit(child.status ?? 1);
  results.push(JSON.parse(readFileSync(out, 'utf8')));
}
const ids = results[0].cases.filter((c) => c.timing?.ci95Ms).map((c) => c.id);
let inside = 0;
let pairs = 0;
console.log(`${runs} runs of: flopscope run ${runArgs.join(' ')}`);
console.log('case | medians (ms) | CI half-widths | B median inside A CI (pairs)');
for (const id of ids) {
  const records = results.map((r) => r.cases.find((c) => c.id === id)).filter((c) => c?.timing?.ci95Ms);
  let caseInside = 0;
  let casePairs = 0;
  for (const a of records) {
    for (const b of records) {
      if (a === b) continue;
      casePairs++;
      const [low, high] = a.timing.ci95Ms;
      if (b.timing.medianMs >= low && b.timing.medianMs <= high) caseInside++;
    }
  }
  inside += caseInside;
  pairs += casePairs;
  const medians = records.map((c) => c.timing.medianMs.toPrecision(4)).join(', ');
  const widths = records.map((c) => `±${(c.timing.relHalfWidth * 100).toFixed(2)}%`).join(', ');
  console.log(`${id} | ${medians} | ${widths} | ${caseInside}/${casePairs}`);
}
console.log(
  `overall: ${inside}/${pairs} (${((100 * inside) / pairs).toFixed(0)}%) of re-measured medians fell inside the other run's 95% CI (GPU timestamps, hot caches).`,
);
