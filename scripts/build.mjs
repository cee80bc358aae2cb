// Bundles the CLI (Node) and the runner page (browser) with esbuild.
// Runs on `npm ci` (prepare) and before the tests, so `npx flopscope` works on a fresh clone.
import { build } from 'esbuild';
import { builtinKernelsEsbuild } from './builtin-kernels.mjs';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// `.wgsl` imports give the linked shader (src/host/wgsl-plugin.ts, which vitest.config.ts uses too):
// the plugin is TypeScript, so it is bundled first and loaded from there.
const pluginFile = join(root, 'dist/build/wgsl-plugin.js');
await build({
  entryPoints: ['src/host/wgsl-plugin.ts'],
  outfile: pluginFile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  packages: 'external',
  logLevel: 'warning',
  absWorkingDir: root,
});
const { wgslEsbuildPlugin } = await import(pathToFileURL(pluginFile).href);

const common = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [builtinKernelsEsbuild, wgslEsbuildPlugin(root)],
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
  // The ONNX Runtime Web peer page: its own bundle too (onnxruntime-web/webgpu: 0.2 MB, and its 27 MB .wasm below).
  build({
    ...common,
    entryPoints: ['src/peers/ort-page.ts'],
    outfile: 'dist/runner/ort-peer.js',
    platform: 'browser',
  }),
]);
// Type declarations of the API (dist/types), for users' TypeScript kernels and configs.
const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.types.json')],
  { stdio: 'inherit' },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
copyFileSync(join(root, 'src/runner/index.html'), join(root, 'dist/runner/index.html'));
copyFileSync(join(root, 'src/peers/tfjs.html'), join(root, 'dist/runner/tfjs.html'));
copyFileSync(join(root, 'src/peers/ort.html'), join(root, 'dist/runner/ort.html'));
// The WebAssembly runtime of onnxruntime-web/webgpu (its WebGPU EP is C++ built with asyncify),
// served beside ort-peer.js: the page sets ort.env.wasm.wasmPaths to its own folder, so ORT never
// fetches it from a CDN. The .mjs is its Emscripten loader, which ORT imports from that folder too.
const require = createRequire(import.meta.url);
for (const name of ['ort-wasm-simd-threaded.asyncify.wasm', 'ort-wasm-simd-threaded.asyncify.mjs'])
  copyFileSync(require.resolve(`onnxruntime-web/${name}`), join(root, 'dist/runner', name));
for (const name of ['index.html', 'serve.css'])
  copyFileSync(join(root, 'src/serve', name), join(root, 'dist/serve', name));
