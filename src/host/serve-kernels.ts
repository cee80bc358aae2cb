/**
 * The user's kernels on `flopscope serve`'s page: their modules bundled for the browser (their
 * `import ... from 'flopscope'` is the package's browser half, dist/browser.js), served as
 * /user-kernels.js; their shaders, which the page cannot read from disk, travel in the plan.
 */
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { ServePlan } from '../protocol/serve.js';
import type { LoadedConfig } from './config-loader.js';
import { packageRoot } from './paths.js';

/** The bundle of the config's kernel modules (each module's exports under m0, m1, ...), or null when there are none. */
export async function bundleUserKernels(config: LoadedConfig): Promise<string | null> {
  if (config.modules.length === 0) return null;
  const { build } = await import('esbuild');
  const contents = config.modules.map((file, i) => `export * as m${i} from ${JSON.stringify(file)};`).join('\n');
  try {
    const result = await build({
      stdin: { contents, resolveDir: process.cwd(), loader: 'js', sourcefile: 'user-kernels.js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      alias: { flopscope: join(packageRoot(), 'dist', 'browser.js') },
      loader: { '.wgsl': 'text' },
      logLevel: 'silent',
    });
    return result.outputFiles[0]!.text;
  } catch (error) {
    throw new UsageError(
      `your kernels do not bundle for the serve page (${((error as Error).message ?? String(error)).split('\n').slice(0, 2).join(' ')}): they must run in a browser (no Node APIs in a kernel module)`,
    );
  }
}

/** The shaders of the config's kernels, by kernel name, for the page to put in place. */
export function userShaders(config: LoadedConfig): ServePlan['shaders'] {
  const shaders: NonNullable<ServePlan['shaders']> = {};
  for (const kernel of config.registry.all) {
    if (!kernel.source.module || kernel.peer) continue;
    shaders[kernel.name] = {
      code: kernel.shader,
      file: kernel.source.file,
      hash: kernel.source.hash ?? null,
      module: kernel.source.module ?? null,
    };
  }
  return shaders;
}
