/**
 * Loading the user's config and kernels: the config file found from the working directory
 * upwards (or --config), TypeScript and JavaScript modules imported with no build step of the
 * user's (tsx), each kernel's shader read and its imports linked, and every mistake found before
 * anything runs, as a one-line UsageError naming the file (and line) and the fix.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { z } from 'zod';
import type { Config, SuiteDefinition } from '../api/config.js';
import { isKernel } from '../api/define-kernel.js';
import type { KernelDescriptor } from '../api/types.js';
import { UsageError } from '../errors.js';
import { BUILTIN_KERNELS } from '../kernels/index.js';
import { KernelRegistry } from '../api/registry.js';
import { SAVED_SCHEMA, SavedFileSchema, type SavedFile } from '../measure/saved-configurations.js';
import { checkKernelShader } from '../measure/shader-check.js';
import { seededInputs } from '../protocol/seeded-inputs.js';
import { loadShaderFile } from './shader-files.js';

/** The names a config file may have, in the order they are looked for in each folder. */
export const CONFIG_NAMES = [
  'flopscope.config.ts',
  'flopscope.config.mts',
  'flopscope.config.js',
  'flopscope.config.mjs',
] as const;

/** The file `tune --save` keeps a device's best configurations in, beside the config. */
export const SAVED_NAME = 'flopscope.tuned.json';

/** The saved configurations at `path`, or null when there are none; a UsageError when the file is not one. */
export function readSaved(path: string): SavedFile | null {
  if (!existsSync(path)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new UsageError(`${shown(path)} is not JSON: it is written by \`flopscope tune --save\`; fix or delete it`);
  }
  const parsed = SavedFileSchema.safeParse(json);
  if (!parsed.success)
    throw new UsageError(
      `${shown(path)} is not a ${SAVED_SCHEMA} file (${parsed.error.issues[0]?.message}): fix or delete it`,
    );
  return parsed.data;
}

/** What a config gives a run. */
export interface LoadedConfig {
  /** The config file, or null when there is none (built-in kernels only). */
  file: string | null;
  registry: KernelRegistry;
  suites: readonly SuiteDefinition[];
  defaultSuite: string | undefined;
  /** The user's kernel modules, absolute paths (serve bundles them for its page). */
  modules: readonly string[];
  /** Configurations `tune --save` recorded (flopscope.tuned.json beside the config), or null. */
  saved: SavedFile | null;
  /** Where `tune --save` writes them: beside the config, else in the working directory. */
  savedPath: string;
}

/** The config file for `cwd`: the first of CONFIG_NAMES in it or a folder above it, or null. */
export function findConfig(cwd: string): string | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const path = join(dir, name);
      if (existsSync(path) && statSync(path).isFile()) return path;
    }
    if (dirname(dir) === dir) return null;
  }
}

const SuiteSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'a suite name is letters, digits and . _ : -'),
  description: z.string().optional(),
  kernels: z.array(z.string()).min(1),
  sizes: z.array(z.number().int().positive()).optional(),
  shapes: z.array(z.record(z.string(), z.number())).optional(),
});
const ConfigSchema = z.object({
  kernels: z
    .array(z.union([z.string(), z.custom<KernelDescriptor>(isKernel, 'not a kernel made with defineKernel')]))
    .optional(),
  suites: z.array(SuiteSchema).optional(),
  defaultSuite: z.string().optional(),
});

/** A path as the user would write it: relative to the working directory when under it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * A module's syntax or evaluation error as one line: esbuild's `file:line:col: ERROR: message`
 * when it failed to compile, else the error's message and the first place in the user's file.
 */
function moduleError(file: string, error: unknown): UsageError {
  const text = (error as Error).message ?? String(error);
  const located = /([^\s:]+\.[cm]?[jt]s):(\d+):(\d+): ERROR: ([^\n]+)/.exec(text);
  if (located)
    return new UsageError(
      `${shown(resolve(located[1]!))}:${located[2]}:${located[3]}: ${located[4]}: fix the syntax there`,
    );
  const stack = (error as Error).stack ?? '';
  const at = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`).exec(
    stack.replaceAll(pathToFileURL(file).href, file),
  );
  return new UsageError(
    `${shown(file)}${at ? `:${at[1]}:${at[2]}` : ''}: ${text.split('\n')[0]} (while loading it): fix it and run again`,
  );
}

/** Imports a TypeScript or JavaScript module of the user's. */
async function importModule(file: string): Promise<Record<string, unknown>> {
  const { tsImport } = await import('tsx/esm/api');
  try {
    return (await tsImport(pathToFileURL(file).href, { parentURL: import.meta.url })) as Record<string, unknown>;
  } catch (error) {
    throw moduleError(file, error);
  }
}

/** The kernels a module exports: its default export (a kernel or a list of them) and named exports that are kernels. */
function exportedKernels(module: Record<string, unknown>): KernelDescriptor[] {
  const found: KernelDescriptor[] = [];
  for (const value of Object.values(module)) {
    for (const item of Array.isArray(value) ? value : [value])
      if (isKernel(item) && !found.includes(item)) found.push(item);
  }
  return found;
}

/**
 * Reads a user kernel's shader (a path relative to the module that defined it), links its imports and records
 * where it came from.
 */
async function resolveShader(kernel: KernelDescriptor, moduleFile: string): Promise<void> {
  kernel.source.module = shown(moduleFile);
  const pending = kernel.source.pending;
  if (!pending || kernel.peer) return;
  const base = pending.base
    ? pending.base.startsWith('file:')
      ? fileURLToPath(pending.base)
      : pending.base
    : moduleFile;
  const path = pending.path.startsWith('file:') ? fileURLToPath(pending.path) : resolve(dirname(base), pending.path);
  if (!existsSync(path)) {
    throw new UsageError(
      `kernel ${kernel.name} (${shown(moduleFile)}): its shader ${pending.path} is not there (${shown(path)}): fix the path, relative to ${shown(base)}`,
    );
  }
  const loaded = await loadShaderFile(path);
  kernel.shader = loaded.code;
  kernel.source.file = shown(path);
  kernel.source.hash = loaded.hash;
  kernel.source.pending = null;
}

/**
 * Calls the kernel's reference once, on its problem's first test shape, so a reference that
 * returns something other than a number fails now with a one-line error, not mid-run.
 */
function probeReference(kernel: KernelDescriptor, moduleFile: string): void {
  const shape = kernel.testShapes[0] ?? kernel.shapeFromSize(8);
  const buffers = kernel.buffers(shape, kernel.defaultParams).map(({ name, type, length, role }) => ({
    name,
    type,
    length,
    fill: role === 'input' ? ('seeded' as const) : ('zero' as const),
  }));
  let answer: unknown;
  try {
    answer = kernel.reference(seededInputs(buffers, 1), shape, kernel.defaultParams, 0);
  } catch (error) {
    if (error instanceof UsageError)
      throw new UsageError(`kernel ${kernel.name} (${shown(moduleFile)}): ${error.message}`);
    throw new UsageError(
      `kernel ${kernel.name} (${shown(moduleFile)}): its reference threw on ${kernel.formatShape(shape)}: ${(error as Error).message}: fix the reference`,
    );
  }
  const { value, tolerance } = answer as { value?: unknown; tolerance?: unknown };
  if (typeof value !== 'number' || typeof tolerance !== 'number' || !(tolerance >= 0)) {
    throw new UsageError(
      `kernel ${kernel.name} (${shown(moduleFile)}): its reference gave ${JSON.stringify(answer)} for element 0: return a number (or { value, tolerance })`,
    );
  }
}

/** The user kernels of a config's `kernels` list (paths and globs relative to the config, or kernels). */
async function userKernels(config: Config, configFile: string, modules: string[]): Promise<KernelDescriptor[]> {
  const dir = dirname(configFile);
  const kernels: KernelDescriptor[] = [];
  for (const entry of config.kernels ?? []) {
    if (typeof entry !== 'string') {
      await resolveShader(entry, configFile);
      kernels.push(entry);
      if (!modules.includes(configFile)) modules.push(configFile);
      continue;
    }
    const files = /[*?[{]/.test(entry)
      ? (await glob(entry, { cwd: dir, absolute: true })).sort()
      : [resolve(dir, entry)];
    if (files.length === 0)
      throw new UsageError(
        `${shown(configFile)}: kernels: ${entry} matches no file: fix the path or glob (relative to the config)`,
      );
    for (const file of files) {
      if (!existsSync(file))
        throw new UsageError(
          `${shown(configFile)}: kernels: ${entry} is not there (${shown(file)}): fix the path (relative to the config)`,
        );
      const found = exportedKernels(await importModule(file));
      if (found.length === 0)
        throw new UsageError(
          `${shown(file)} exports no kernel: export default defineKernel({ ... }) (from 'flopscope')`,
        );
      modules.push(file);
      for (const kernel of found) {
        await resolveShader(kernel, file);
        kernels.push(kernel);
      }
    }
  }
  for (const kernel of kernels) {
    const module = kernel.source.module ?? shown(configFile);
    probeReference(kernel, module);
    checkKernelShader(kernel);
  }
  return kernels;
}

/** The built-in kernels alone (no config). */
export function builtinConfig(): LoadedConfig {
  const savedPath = join(process.cwd(), SAVED_NAME);
  return {
    file: null,
    registry: new KernelRegistry(BUILTIN_KERNELS),
    suites: [],
    defaultSuite: undefined,
    modules: [],
    saved: readSaved(savedPath),
    savedPath,
  };
}

/**
 * The config `path` names, else the one found from `cwd` upwards, else none (built-in kernels
 * only). Everything it lists is loaded and checked now.
 */
export async function loadConfig(
  options: { path?: string | undefined; cwd?: string | undefined } = {},
): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  let file: string | null;
  if (options.path !== undefined) {
    file = resolve(cwd, options.path);
    if (!existsSync(file))
      throw new UsageError(
        `--config ${options.path}: no such file: give the path of a flopscope.config.ts (or .mts, .js, .mjs)`,
      );
  } else {
    file = findConfig(cwd);
  }
  if (file === null)
    return { ...builtinConfig(), saved: readSaved(join(cwd, SAVED_NAME)), savedPath: join(cwd, SAVED_NAME) };
  const module = await importModule(file);
  const raw = module.default ?? module.config;
  if (raw === undefined)
    throw new UsageError(`${shown(file)} has no default export: export default defineConfig({ kernels: [...] })`);
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(
      `${shown(file)}: ${issue.path.join('.') || 'the config'}: ${issue.message}: see "Benchmark your own kernel" in the README`,
    );
  }
  const config = parsed.data as Config;
  const modules: string[] = [];
  const registry = new KernelRegistry(BUILTIN_KERNELS, await userKernels(config, file, modules));
  const suites = config.suites ?? [];
  for (const suite of suites) {
    for (const name of suite.kernels) {
      if (!registry.find(name))
        throw new UsageError(
          `${shown(file)}: suite ${suite.name} names kernel ${name}, which is not one: choose among ${registry.names.join(', ')}`,
        );
    }
    if (!suite.sizes && !suite.shapes)
      throw new UsageError(
        `${shown(file)}: suite ${suite.name} has neither sizes nor shapes: give sizes: [256, 512] (or shapes)`,
      );
  }
  if (
    config.defaultSuite !== undefined &&
    !suites.some((s) => s.name === config.defaultSuite) &&
    config.defaultSuite !== 'quick'
  ) {
    throw new UsageError(
      `${shown(file)}: defaultSuite ${config.defaultSuite} is not one of its suites: ${suites.map((s) => s.name).join(', ') || '(none)'}`,
    );
  }
  const savedPath = join(dirname(file), SAVED_NAME);
  return { file, registry, suites, defaultSuite: config.defaultSuite, modules, saved: readSaved(savedPath), savedPath };
}
