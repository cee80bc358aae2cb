/**
 * `.wgsl` imports in the bundles (esbuild, scripts/build.mjs) and in the tests (vite, vitest.config.ts):
 * both give the linked shader. The module's default export is the linked code (a string, as the text
 * loader gave before); it also exports `linked` (code and source map) and registers it, so a
 * compile error in that code maps back to the files (src/shaders/linked-shaders.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Plugin as EsbuildPlugin } from 'esbuild';
import { loadShader } from './shader-files.js';

/** `to` as an import specifier relative to the folder `from`. */
function specifier(from: string, to: string): string {
  const path = relative(from, to).split(sep).join('/');
  return JSON.stringify(path.startsWith('.') ? path : `./${path}`);
}

/**
 * The JavaScript module a `.wgsl` file is imported as, and the files it was linked from. The
 * files' texts (for the source lines of error messages) are imported `?raw`, so a bundle holds
 * each file once however many shaders import it.
 */
export async function wgslModule(
  file: string,
  projectRoot: string,
): Promise<{ contents: string; watchFiles: string[] }> {
  const linked = await loadShader(file, { displayFrom: projectRoot });
  const dir = dirname(file);
  const { code, sourceMap, paths } = linked;
  const contents = [
    `import { registerLinkedShader } from ${specifier(dir, join(projectRoot, 'src/shaders/linked-shaders.ts'))};`,
    ...paths.map((path, i) => `import source${i} from ${JSON.stringify(JSON.parse(specifier(dir, path)) + '?raw')};`),
    `const code = ${JSON.stringify(code)};`,
    `const files = ${JSON.stringify(sourceMap.files)};`,
    `export const linked = { code, sourceMap: { files, sources: [${paths.map((_, i) => `source${i}`).join(', ')}], mappings: ${JSON.stringify(sourceMap.mappings)} } };`,
    'export default registerLinkedShader(linked);',
    '',
  ].join('\n');
  return { contents, watchFiles: paths };
}

/** The esbuild plugin: `.wgsl` files load as their linked module. */
export function wgslEsbuildPlugin(projectRoot: string): EsbuildPlugin {
  return {
    name: 'wgsl-linked',
    setup(build) {
      // `file.wgsl?raw`: the file's text (vite does this itself).
      build.onResolve({ filter: /\.wgsl\?raw$/ }, (args) => ({
        path: resolve(args.resolveDir, args.path.slice(0, -'?raw'.length)),
        namespace: 'wgsl-raw',
      }));
      build.onLoad({ filter: /.*/, namespace: 'wgsl-raw' }, (args) => ({
        contents: readFileSync(args.path, 'utf8'),
        loader: 'text',
      }));
      build.onLoad({ filter: /\.wgsl$/ }, async (args) => {
        try {
          const { contents, watchFiles } = await wgslModule(args.path, projectRoot);
          return { contents, loader: 'js', resolveDir: dirname(args.path), watchFiles };
        } catch (error) {
          return { errors: [{ text: (error as Error).message }] };
        }
      });
    },
  };
}

/** The vite (vitest) plugin: the same modules. */
export function wgslVitePlugin(projectRoot: string) {
  return {
    name: 'wgsl-linked',
    async load(this: { addWatchFile(file: string): void }, id: string) {
      if (!id.endsWith('.wgsl')) return null;
      const { contents, watchFiles } = await wgslModule(id, projectRoot);
      for (const file of watchFiles) this.addWatchFile(file);
      return contents;
    },
  };
}
