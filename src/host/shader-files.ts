/**
 * Shaders read from disk: a root `.wgsl` file and whatever it imports, linked (src/shaders/link.ts).
 * Imports name files from the shader root, which is the root file's folder unless told otherwise:
 * in `shaders/matmul-blocked.wgsl`, `import package::lib::gemm_vec4::loadA;` reads
 * `shaders/lib/gemm_vec4.wgsl` (or `.wesl`). Built-in shaders are linked by the build
 * (src/host/wgsl-plugin.ts); a user's config's kernels are read here.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { linkShader, ShaderLinkError, type LinkOptions } from '../shaders/link.js';
import { registerLinkedShader } from '../shaders/linked-shaders.js';
import type { LinkedShader } from '../shaders/source-map.js';
import { shaderHash } from '../shaders/hash.js';

export interface LoadShaderOptions {
  /** The folder `package::` imports start from; default: the root file's folder. */
  shaderRoot?: string;
  /** File names in messages and the source map are relative to this folder; default: the working directory. */
  displayFrom?: string;
  conditions?: LinkOptions['conditions'];
}

/** A linked shader with the absolute paths of the files it was linked from (to watch or hash), as `sourceMap.files`. */
export interface LoadedShader extends LinkedShader {
  paths: string[];
}

/** Links the shader file at `path` with the files it imports; a UsageError (file:line:col first) when it cannot. */
export async function loadShader(path: string, options: LoadShaderOptions = {}): Promise<LoadedShader> {
  const file = resolve(path);
  if (!existsSync(file) || !statSync(file).isFile())
    throw new UsageError(`shader ${path} does not exist: give the path of a .wgsl file`);
  const shaderRoot = resolve(options.shaderRoot ?? dirname(file));
  const displayFrom = resolve(options.displayFrom ?? process.cwd());
  const displayRoot = relative(displayFrom, shaderRoot).split(sep).join('/');
  const prefix = displayRoot === '' ? '' : `${displayRoot}/`;
  const fullPath = (relativePath: string) => join(shaderRoot, ...relativePath.split('/'));
  const read = (relativePath: string): string | undefined => {
    const full = fullPath(relativePath);
    return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
  };
  try {
    const linked = await linkShader(relative(shaderRoot, file).split(sep).join('/'), read, {
      displayRoot: prefix,
      conditions: options.conditions,
    });
    return { ...linked, paths: linked.sourceMap.files.map((display) => fullPath(display.slice(prefix.length))) };
  } catch (error) {
    if (error instanceof ShaderLinkError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * A user kernel's shader file linked with what it imports (from its own folder), its content hash
 * (of the linked code) and the link, registered so that compile errors map back to the files.
 */
export async function loadShaderFile(path: string): Promise<{ code: string; hash: string; linked: LoadedShader }> {
  const linked = await loadShader(path);
  registerLinkedShader(linked);
  return { code: linked.code, hash: shaderHash(linked.code), linked };
}
