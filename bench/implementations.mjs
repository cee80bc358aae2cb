#!/usr/bin/env node
// Chromium (Dawn) and Firefox (wgpu) side by side in one session: fma-peak f32 and f16, copy
// bandwidth and every matmul strategy at each size, in ABBA rounds (bench/implementations.ts).
// Usage (after npm run build):
//   node bench/implementations.mjs [--sizes 256,512] [--rounds 3] [--max-time 2s] [--out DIR]
// Prints a Markdown summary on stdout; each round's results JSON goes to DIR (flopscope report
// DIR/*.json shows them side by side).
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const sizes = option('--sizes', '256,512').split(',').map(Number);
const rounds = Number(option('--rounds', '3'));
const maxTime = option('--max-time', '2s');
const maxTimeMs = /ms$/.test(maxTime) ? Number(maxTime.slice(0, -2)) : Number(maxTime.replace(/s$/, '')) * 1000;
if (!sizes.every((n) => Number.isInteger(n) && n > 0) || !(Number.isInteger(rounds) && rounds >= 1) || !(maxTimeMs > 0)) {
  console.error('implementations: give --sizes 256,512 --rounds N (>= 1) --max-time 2s');
  process.exit(2);
}
const outDir = option('--out', mkdtempSync(join(tmpdir(), 'flopscope-implementations-')));

// Bundled into dist/ (inside the package, where its paths find dist/runner), as scripts/build.mjs does the CLI.
const outfile = join(root, 'dist/bench/implementations.js');
await build({ entryPoints: [join(root, 'bench/implementations.ts')], outfile, bundle: true, format: 'esm', platform: 'node', packages: 'external', loader: { '.wgsl': 'text' }, logLevel: 'warning', absWorkingDir: root });
const { benchImplementations } = await import(pathToFileURL(outfile).href);
const log = (line) => process.stderr.write(`${line}\n`);
log(`implementations: sizes ${sizes.join(',')}, ${rounds} rounds, --max-time ${maxTimeMs} ms per case and round; results in ${outDir}`);
const summary = await benchImplementations({ sizes, rounds, maxTimeMs, outDir, log });
process.stdout.write(`${summary}\n`);
process.exit(0);
