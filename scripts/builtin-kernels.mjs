// The virtual module 'flopscope:builtin-kernels': the default export of every module in
// src/kernels/ (but index.ts), so the registry is the folder. One source for esbuild
// (scripts/build.mjs) and Vite/vitest (vitest.config.ts).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUILTIN_KERNELS_ID = 'flopscope:builtin-kernels';
const KERNELS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'kernels');

/** The module's source: imports of each kernel module by absolute path, and the list of their default exports. */
export function builtinKernelsSource(dir = KERNELS_DIR) {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && name !== 'index.ts')
    .sort();
  const imports = files.map((name, i) => `import k${i} from ${JSON.stringify(join(dir, name))};`);
  return `${imports.join('\n')}\nexport default [${files.map((_, i) => `k${i}`).join(', ')}];\n`;
}

/** The esbuild plugin. */
export const builtinKernelsEsbuild = {
  name: 'flopscope-builtin-kernels',
  setup(build) {
    build.onResolve({ filter: /^flopscope:builtin-kernels$/ }, () => ({
      path: 'builtin-kernels',
      namespace: 'flopscope',
    }));
    build.onLoad({ filter: /.*/, namespace: 'flopscope' }, () => ({
      contents: builtinKernelsSource(),
      resolveDir: KERNELS_DIR,
      loader: 'ts',
      watchDirs: [KERNELS_DIR],
    }));
  },
};

/** The Vite (vitest) plugin. */
export function builtinKernelsVite() {
  const resolved = `\0${BUILTIN_KERNELS_ID}`;
  return {
    name: 'flopscope-builtin-kernels',
    resolveId: (id) => (id === BUILTIN_KERNELS_ID ? resolved : null),
    load: (id) => (id === resolved ? builtinKernelsSource() : null),
  };
}
