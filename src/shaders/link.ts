/**
 * Imports between WGSL files, with the WESL linker (https://wesl-lang.dev, npm `wesl`): a root
 * shader names what it uses from other files (`import package::lib::gemm_vec4::{loadA, Block};`,
 * paths from the shader root), and the linker emits one plain WGSL module holding the root and
 * what it reaches, nothing else. Conditional code uses WESL's `@if(name)` / `@else`, with the
 * conditions set here at link time.
 *
 * Names: the root's declarations keep their names; an imported one is renamed (a number appended)
 * only when it collides with another. The host names overrides (pipeline constants) and entry
 * points, so a link that renames one is refused rather than left to fail at run time.
 *
 * Pure: the files come in as text (or a reader), so this runs anywhere; src/host/shader-files.ts
 * reads them from disk.
 */
import { link, parseSrcModule, withLoggerAsync, type ModuleResolver, type WeslAST } from 'wesl/core';
import { reflectShader } from './reflect.js';
import { encodeRuns, lineColOf, type LinkedShader, type SourceLocation } from './source-map.js';
import { runsFromWesl } from './wesl-map.js';

/** The files a shader may import: a record, or a reader (undefined for a file that does not exist). */
export type ShaderFiles = Readonly<Record<string, string>> | ((path: string) => string | undefined);

export interface LinkOptions {
  /**
   * WESL `@if` conditions. By default each extension the root enables is true (`enable f16;`
   * sets `f16`, `enable subgroups;` sets `subgroups`) and every other condition false; these
   * values replace the defaults they name.
   */
  conditions?: Readonly<Record<string, boolean>>;
  /** Prepended to the paths in messages and in the source map, e.g. `shaders/`. */
  displayRoot?: string;
}

/** A shader that does not link (bad import, syntax error, renamed override): one line, file:line:col first. */
export class ShaderLinkError extends Error {
  override readonly name = 'ShaderLinkError';
  constructor(
    message: string,
    readonly at: SourceLocation | null,
  ) {
    super(at ? `${at.file}:${at.line}:${at.col}: ${message}` : message);
  }
}

/** `lib/gemm_vec4.wgsl` -> `package::lib::gemm_vec4`. */
function modulePathOf(path: string): string {
  return `package::${path
    .replace(/\.w[eg]sl$/, '')
    .split('/')
    .join('::')}`;
}

/** Loads modules on demand from the files, keeping each one it parsed (root first). */
class FileResolver implements ModuleResolver {
  readonly loaded = new Map<string, { path: string; display: string; ast: WeslAST }>();

  constructor(
    private readonly read: (path: string) => string | undefined,
    private readonly displayRoot: string,
  ) {}

  resolveModule(modulePath: string): WeslAST | undefined {
    const cached = this.loaded.get(modulePath);
    if (cached) return cached.ast;
    if (!modulePath.startsWith('package::')) return undefined;
    const stem = modulePath.slice('package::'.length).split('::').join('/');
    for (const path of [`${stem}.wgsl`, `${stem}.wesl`]) {
      const src = this.read(path);
      if (src === undefined) continue;
      const display = this.displayRoot + path;
      const ast = parseSrcModule({ modulePath, debugFilePath: display, src });
      const error = ast.diagnostics.find((d) => d.severity === 'error');
      if (error) {
        throw new ShaderLinkError(error.message, {
          file: display,
          offset: error.start,
          ...lineColOf(src, error.start),
        });
      }
      this.loaded.set(modulePath, { path, display, ast });
      return ast;
    }
    return undefined;
  }
}

/** The root's unconditional `enable` extensions, as conditions. */
function enabledConditions(root: WeslAST): Record<string, boolean> {
  const conditions: Record<string, boolean> = {};
  for (const directive of root.moduleDirectives ?? []) {
    if (directive.directive.kind !== 'enable' || (directive.attributes ?? []).length > 0) continue;
    for (const extension of directive.directive.extensions) conditions[extension.name] = true;
  }
  return conditions;
}

/** The location WESL attached to a link error (`weslLocation`), in our terms. */
function weslErrorLocation(error: unknown, resolver: FileResolver): SourceLocation | null {
  const where = (error as { weslLocation?: { file: string; line: number; column: number; offset: number } })
    .weslLocation;
  if (!where) return null;
  const known = [...resolver.loaded.values()].some((m) => m.display === where.file);
  return known ? { file: where.file, line: where.line, col: where.column, offset: where.offset } : null;
}

/**
 * Refuses a link that renamed an override or an entry point: the host sets constants and picks
 * entry points by name, so a renamed one would silently keep its default or not be found.
 */
function checkNamesKept(shader: LinkedShader): void {
  const reflection = reflectShader(shader);
  const named = [
    ...reflection.overrides.map((o) => ({ kind: 'override', name: o.name, at: o.at })),
    ...reflection.entryPoints.map((e) => ({ kind: 'entry point', name: e.name, at: e.at })),
  ];
  for (const { kind, name, at } of named) {
    const index = shader.sourceMap.files.indexOf(at.file);
    if (index === -1) continue;
    const original = /^[A-Za-z_][A-Za-z0-9_]*/.exec(shader.sourceMap.sources[index]!.slice(at.offset))?.[0];
    if (original !== undefined && original !== name) {
      throw new ShaderLinkError(
        `${kind} ${original} is renamed ${name} by the link, because another module declares ${original} too: declare it in one module only (the host sets overrides and picks entry points by name)`,
        at,
      );
    }
  }
}

/**
 * Links `root` (a path relative to the shader root, e.g. `matmul-blocked.wgsl`) with what it
 * imports into one WGSL module, and maps every position of it back to the files.
 */
export async function linkShader(root: string, files: ShaderFiles, options: LinkOptions = {}): Promise<LinkedShader> {
  const read = typeof files === 'function' ? files : (path: string) => files[path];
  const displayRoot = options.displayRoot ?? '';
  const resolver = new FileResolver(read, displayRoot);
  const rootModule = modulePathOf(root);
  const rootAst = resolver.resolveModule(rootModule);
  if (!rootAst) throw new ShaderLinkError(`${displayRoot}${root}: no such shader file`, null);
  const conditions = { ...enabledConditions(rootAst), ...options.conditions };

  const messages: string[] = [];
  let linked;
  try {
    // WESL logs the errors it throws (with the source line) to the console: keep them for the error.
    linked = await withLoggerAsync(
      (...data: unknown[]) => messages.push(data.join(' ')),
      () => link({ resolver, rootModuleName: rootModule, conditions }),
    );
  } catch (error) {
    if (error instanceof ShaderLinkError) throw error;
    const message = (error as Error).message.split('\n')[0]!.replace(/ in file: \S+$/, '');
    throw new ShaderLinkError(message, weslErrorLocation(error, resolver));
  }

  const modules = [...resolver.loaded.values()];
  const fileIndex = new Map(modules.map((m, i) => [m.display, i]));
  const code = linked.dest;
  const sources = modules.map((m) => m.ast.srcModule.src);
  const shader: LinkedShader = {
    code,
    sourceMap: {
      files: modules.map((m) => m.display),
      sources,
      mappings: encodeRuns(runsFromWesl(code, (offset) => linked.sourceMap.destToSrc(offset), fileIndex, sources)),
    },
  };
  checkNamesKept(shader);
  return shader;
}
