/** Where flopscope's own files are, whether it runs bundled (dist/cli.js) or from source (tests). */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding flopscope's package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'flopscope')
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find flopscope package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** The bundled runner page (index.html, runner.js) that `npm run build` writes. */
export function runnerDir(): string {
  return join(packageRoot(), 'dist', 'runner');
}

/** The page `flopscope serve` hands to browsers (index.html, serve.js, serve.css) that `npm run build` writes. */
export function serveDir(): string {
  return join(packageRoot(), 'dist', 'serve');
}

/** Chart.js's UMD build, read from the installed package so the HTML report carries it inline. */
export function chartJsSource(): string {
  // The UMD file is not in the package's exports: find it beside the CommonJS entry.
  const require = createRequire(import.meta.url);
  return readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
}
