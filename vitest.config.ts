import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { builtinKernelsVite } from './scripts/builtin-kernels.mjs';

export default defineConfig({
  plugins: [
    builtinKernelsVite(),
    {
      // Shaders are imported as text, as esbuild's text loader does for the bundles.
      name: 'wgsl-as-text',
      load(id) {
        if (!id.endsWith('.wgsl')) return null;
        return `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`;
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests share one 2-core machine with a CPU-rendered GPU: run files one at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
