// Bundles a TypeScript bench entry (bench/*.ts, which imports src/) with esbuild into dist/bench/
// and imports it: the bench scripts run the harness's own modules without a TypeScript loader.
// Needs `npm run build` first (the runner page the entries open lives in dist/runner).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');

/** Bundles `entry` (a path relative to the repository) and imports it; returns its module. */
export async function runTsEntry(entry) {
  if (!existsSync(join(root, 'dist/runner/runner.js'))) {
    console.error('bench: dist/runner is missing: run `npm run build` first');
    process.exit(2);
  }
  const outfile = join(root, 'dist/bench', basename(entry).replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    loader: { '.wgsl': 'text' },
    logLevel: 'warning',
    absWorkingDir: root,
  });
  return import(pathToFileURL(outfile).href);
}
