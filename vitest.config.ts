import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { builtinKernelsVite } from './scripts/builtin-kernels.mjs';
import { wgslVitePlugin } from './src/host/wgsl-plugin.js';

export default defineConfig({
  plugins: [
    builtinKernelsVite(),
    // Shaders are imported linked, as the bundles import them (scripts/build.mjs).
    wgslVitePlugin(dirname(fileURLToPath(import.meta.url))),
  ],
  test: {
    include: ['test/**/*.test.ts'],
    // The default summary counts skipped tests; this lists them with why.
    reporters: ['default', './test/helpers/skipped-reporter.ts'],
    // Browser tests share one 2-core machine with a CPU-rendered GPU: run files one at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
