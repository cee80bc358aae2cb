/**
 * The base side of an A/B run: the kernels of another git revision of the repository the config
 * lives in (checked out into a temporary worktree and loaded beside the working tree's), of
 * another folder, or the same kernels with other parameters. Every way it can fail is a one-line
 * UsageError before anything runs: a revision that does not exist, a base that does not load.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Params } from '../api/types.js';
import { isKernel } from '../api/define-kernel.js';
import { KernelRegistry } from '../api/registry.js';
import { UsageError } from '../errors.js';
import type { AbSide } from '../results/schema.js';
import { findConfig, loadConfig, type LoadedConfig } from './config-loader.js';

/** Which base was asked for (one of them). */
export interface BaseRequest {
  /** --base REV: a git revision of the repository the config (or the working directory) is in. */
  revision?: string | undefined;
  /** --base-dir DIR: a folder with a config of its own. */
  dir?: string | undefined;
  /** --base-param K=V: the candidate's kernels, with these parameters on the base side. */
  params?: Params | undefined;
}

/** The base side, loaded: its kernels and how to say where they came from; `close` removes what it checked out. */
export interface BaseSide {
  config: LoadedConfig;
  side: AbSide;
  params: Params;
  close(): Promise<void>;
}

/** Runs git in `cwd`; its trimmed stdout, or null when it fails. */
function git(cwd: string, args: readonly string[]): string | null {
  const result = spawnSync('git', ['-C', cwd, ...args], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The error of loading a base side, said as the base's. */
function asBase(label: string, error: unknown): never {
  if (error instanceof UsageError) throw new UsageError(`the base (${label}) does not load: ${error.message}`);
  throw error;
}

/**
 * The built-in kernels of a flopscope checkout (the base revision of flopscope's own repository):
 * its src/kernels bundled with its own build plugins into one module, then imported.
 */
async function checkoutBuiltins(root: string, cacheDir: string): Promise<LoadedConfig> {
  const plugins = join(root, 'scripts/builtin-kernels.mjs');
  if (!existsSync(plugins))
    throw new UsageError(
      'it has no scripts/builtin-kernels.mjs: its kernels predate the kernel API, so they cannot be loaded beside these',
    );
  const { builtinKernelsSource } = (await import(pathToFileURL(plugins).href)) as {
    builtinKernelsSource(dir: string): string;
  };
  const shaderPlugins = join(root, 'scripts/wgsl-plugin.mjs');
  const extra = existsSync(shaderPlugins)
    ? ((await import(pathToFileURL(shaderPlugins).href)) as { wgslEsbuild?: unknown }).wgslEsbuild
    : undefined;
  const { build } = await import('esbuild');
  let code: string;
  try {
    const result = await build({
      stdin: {
        contents: builtinKernelsSource(join(root, 'src/kernels')),
        resolveDir: join(root, 'src/kernels'),
        loader: 'ts',
        sourcefile: 'builtin-kernels.ts',
      },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      loader: { '.wgsl': 'text' },
      logLevel: 'silent',
      plugins: extra ? [extra as never] : [],
    });
    code = result.outputFiles[0]!.text;
  } catch (error) {
    throw new UsageError(
      `its kernels do not build (${((error as Error).message ?? String(error)).split('\n').slice(0, 2).join(' ')})`,
    );
  }
  mkdirSync(cacheDir, { recursive: true });
  const file = join(cacheDir, 'builtin-kernels.mjs');
  writeFileSync(file, code);
  const kernels = (
    (await import(`${pathToFileURL(file).href}?${Date.now()}`)) as { default: unknown[] }
  ).default.filter(isKernel);
  for (const kernel of kernels) kernel.source.module = `${relative(process.cwd(), root) || root} (built in)`;
  return {
    file: null,
    registry: new KernelRegistry(kernels),
    suites: [],
    defaultSuite: undefined,
    modules: [],
    saved: null,
    savedPath: join(root, 'flopscope.tuned.json'),
  };
}

/** Checks out `revision` of the repository around `from` and loads its kernels the way the candidate's were loaded. */
async function revisionSide(revision: string, candidate: LoadedConfig, from: string): Promise<BaseSide> {
  const root = git(from, ['rev-parse', '--show-toplevel']);
  if (!root)
    throw new UsageError(
      `--base ${revision}: ${from} is not in a git repository: give --base-dir DIR (a folder with the base's kernels) instead`,
    );
  const commit = git(root, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
  if (!commit)
    throw new UsageError(
      `--base ${revision}: no such revision in ${root}: give a branch, tag or commit (git log shows them; in CI, fetch it first, e.g. fetch-depth: 0)`,
    );
  const label = `${revision} (${commit.slice(0, 10)})`;
  // Inside the repository's git folder: git ignores it, its modules resolve packages (`import 'flopscope'`) from the
  // repository's node_modules as the working tree's do, and they keep the repository's module type.
  const gitDir = git(root, ['rev-parse', '--path-format=absolute', '--git-common-dir']) ?? join(root, '.git');
  const dir = join(gitDir, 'flopscope', `base-${commit.slice(0, 12)}`);
  if (existsSync(dir) && git(dir, ['rev-parse', 'HEAD']) !== commit) rmSync(dir, { recursive: true, force: true });
  if (!existsSync(dir)) {
    git(root, ['worktree', 'prune']);
    mkdirSync(dirname(dir), { recursive: true });
    const added = spawnSync('git', ['-C', root, 'worktree', 'add', '--detach', '--force', dir, commit], {
      encoding: 'utf8',
    });
    if (added.status !== 0)
      throw new UsageError(
        `--base ${revision}: could not check it out (${added.stderr.trim().split('\n').at(-1)}): check the repository`,
      );
  }
  const close = async () => {
    spawnSync('git', ['-C', root, 'worktree', 'remove', '--force', dir], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    let config: LoadedConfig;
    if (candidate.file) {
      const path = join(dir, relative(root, candidate.file));
      if (!existsSync(path)) throw new UsageError(`it has no ${relative(root, candidate.file)}`);
      config = await loadConfig({ path, cwd: dir });
    } else {
      config = await checkoutBuiltins(dir, join(dir, '.flopscope-built'));
    }
    return { config, side: { label, origin: 'revision', revision, commit }, params: {}, close };
  } catch (error) {
    await close();
    return asBase(label, error);
  }
}

/** The name of flopscope's own package, to tell its repository from a user's. */
function isFlopscopeCheckout(root: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: string }).name === 'flopscope';
  } catch {
    return false;
  }
}

/** The base side `request` names, loaded beside the candidate's config. */
export async function loadBaseSide(
  request: BaseRequest,
  candidate: LoadedConfig,
  cwd = process.cwd(),
): Promise<BaseSide> {
  const given = [request.revision !== undefined, request.dir !== undefined, request.params !== undefined].filter(
    Boolean,
  ).length;
  if (given !== 1)
    throw new UsageError(
      'an A/B run needs one base: --base REV (a git revision), --base-dir DIR (a folder with its config) or --base-param K=V (the same kernels, other parameters)',
    );
  if (request.params)
    return {
      config: candidate,
      side: {
        label: `params ${Object.entries(request.params)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`,
        origin: 'params',
        params: request.params,
      },
      params: request.params,
      close: async () => undefined,
    };
  if (request.dir !== undefined) {
    const dir = resolve(cwd, request.dir);
    if (!existsSync(dir))
      throw new UsageError(`--base-dir ${request.dir}: no such folder: give the folder of the base's config`);
    const file = findConfig(dir);
    const label = `directory ${request.dir}`;
    if (!file || !resolve(file).startsWith(dir)) {
      if (isFlopscopeCheckout(dir)) {
        const config = await checkoutBuiltins(dir, join(dir, 'node_modules', '.cache', 'flopscope')).catch(
          (error: unknown) => asBase(label, error),
        );
        return { config, side: { label, origin: 'directory', path: dir }, params: {}, close: async () => undefined };
      }
      throw new UsageError(
        `--base-dir ${request.dir}: it has no flopscope.config.ts (or .mts, .js, .mjs): give the folder of the base's config`,
      );
    }
    const config = await loadConfig({ path: file, cwd: dir }).catch((error: unknown) => asBase(label, error));
    return { config, side: { label, origin: 'directory', path: dir }, params: {}, close: async () => undefined };
  }
  return revisionSide(request.revision!, candidate, candidate.file ? dirname(candidate.file) : cwd);
}
