// Bundles the CLI (Node) and the runner page (browser) with esbuild.
// Runs on `npm ci` (prepare) and before the tests, so `npx flopscope` works on a fresh clone.
import { build } from 'esbuild';
import { builtinKernelsEsbuild } from './builtin-kernels.mjs';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  sourcemap: 'linked',
  loader: { '.wgsl': 'text' },
  logLevel: 'warning',
  plugins: [builtinKernelsEsbuild],
  absWorkingDir: root,
};

mkdirSync(join(root, 'dist/runner'), { recursive: true });
mkdirSync(join(root, 'dist/serve'), { recursive: true });
await Promise.all([
  build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    packages: 'external',
  }),
  // The package's API (`import { defineKernel, run } from 'flopscope'`), and its browser half.
  build({
    ...common,
    entryPoints: ['src/index.ts'],
    outfile: 'dist/index.js',
    platform: 'node',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['src/browser.ts'],
    outfile: 'dist/browser.js',
    platform: 'browser',
  }),
  build({
    ...common,
    entryPoints: ['src/runner/dawn.ts'],
    outfile: 'dist/runner/dawn-runner.js',
    platform: 'node',
  }),
  build({
    ...common,
    entryPoints: ['src/runner/main.ts'],
    outfile: 'dist/runner/runner.js',
    platform: 'browser',
  }),
  build({
    ...common,
    entryPoints: ['src/serve/page.ts'],
    outfile: 'dist/serve/serve.js',
    platform: 'browser',
    // It may travel to a phone over Wi-Fi, and zod (the results schema) is most of it.
    minify: true,
  }),
  // The TF.js peer page: its own bundle, so the runner page never loads TF.js.
  build({
    ...common,
    entryPoints: ['src/peers/tfjs-page.ts'],
    outfile: 'dist/runner/tfjs-peer.js',
    platform: 'browser',
  }),
]);
// Type declarations of the API (dist/types), for users' TypeScript kernels and configs.
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.types.json')], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
copyFileSync(join(root, 'src/runner/index.html'), join(root, 'dist/runner/index.html'));
copyFileSync(join(root, 'src/peers/tfjs.html'), join(root, 'dist/runner/tfjs.html'));
for (const name of ['index.html', 'serve.css']) copyFileSync(join(root, 'src/serve', name), join(root, 'dist/serve', name));
