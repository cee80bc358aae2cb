/**
 * What a WGSL shader declares, read with the WESL linker's own parser (one parser for linking and
 * reflection, so both see the same code): entry points and their workgroup sizes, resource
 * bindings with their address space, access and element type, overrides, structs. Positions come
 * back through the link's source map, so every item says the file and line it is declared on.
 */
import type { AttributeElem, StandardAttribute } from 'wesl/core';
import { parseSrcModule } from 'wesl/core';
import { blankComments, locateOffset, type LinkedShader, type SourceLocation } from './source-map.js';

/** Scalar types a buffer element can be made of. */
export type ScalarType = 'f32' | 'f16' | 'u32' | 'i32' | 'bool';

/** A resolved type: its text with aliases expanded and its scalar makeup, when it has one. */
export interface ValueType {
  /** e.g. `vec4<f16>`, `f32`, `Dims`, `array<vec4<f32>, 8>`. */
  text: string;
  /** The scalar of a scalar or vector type; null for structs, arrays, matrices. */
  scalar: ScalarType | null;
  /** Components of a vector (1 for a scalar, 0 when `scalar` is null). */
  components: number;
  /** The struct it names, when it is one. */
  struct: string | null;
}

/** One expression of `@workgroup_size`. */
export interface WorkgroupDim {
  /** Its text, e.g. `WG_X`, `8u`, `WG_Y * RM`. */
  expr: string;
  /** The overrides it reads. */
  overrides: string[];
}

export interface EntryPointInfo {
  name: string;
  stage: 'compute' | 'vertex' | 'fragment';
  /** The three dimensions (missing ones are `1`); null for a stage without one. */
  workgroupSize: WorkgroupDim[] | null;
  /** Where its `@workgroup_size` is, null without one. */
  workgroupSizeAt: SourceLocation | null;
  /** Module-scope variables and overrides the entry point or a function it calls names (static use). */
  uses: string[];
  at: SourceLocation;
}

export interface BindingInfo {
  group: number;
  binding: number;
  name: string;
  addressSpace: 'storage' | 'uniform' | 'handle';
  /** `read` for uniforms and handles. */
  access: 'read' | 'read_write';
  /** The variable's type, aliases expanded. */
  type: ValueType;
  /** The element type of an array (`array<vec4<f16>>` -> vec4<f16>), null when not an array. */
  element: ValueType | null;
  at: SourceLocation;
}

export interface OverrideInfo {
  name: string;
  /** Declared type, null when inferred from the initializer. */
  type: string | null;
  /** Text of the initializer, null when none (the host must then set it). */
  default: string | null;
  /** The @id, when it has one. */
  id: number | null;
  at: SourceLocation;
}

export interface StructInfo {
  name: string;
  members: { name: string; type: ValueType }[];
  at: SourceLocation;
}

/** Everything reflected from one shader. */
export interface ShaderReflection {
  entryPoints: EntryPointInfo[];
  bindings: BindingInfo[];
  overrides: OverrideInfo[];
  structs: StructInfo[];
  /** Module-scope `const` declarations: name -> initializer text. */
  consts: Record<string, string>;
  /** Extensions named by `enable` directives. */
  enables: string[];
}

/** Thrown when the code does not parse; `at` is where, in the original file. */
export class ShaderParseError extends Error {
  constructor(
    message: string,
    readonly at: SourceLocation,
  ) {
    super(message);
  }
}

const SHORT_VECTORS: Readonly<Record<string, string>> = { f: 'f32', h: 'f16', u: 'u32', i: 'i32' };
const SCALARS = new Set<string>(['f32', 'f16', 'u32', 'i32', 'bool']);

/** Splits `name<a, b<c>>` into its name and top-level template arguments. */
function splitTemplate(text: string): { name: string; args: string[] } {
  const open = text.indexOf('<');
  if (open === -1 || !text.endsWith('>')) return { name: text, args: [] };
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < text.length - 1; i++) {
    const ch = text[i];
    if (ch === '<') depth++;
    else if (ch === '>') depth--;
    else if (ch === ',' && depth === 0) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  }
  const last = text.slice(start, text.length - 1);
  if (last !== '') args.push(last);
  return { name: text.slice(0, open), args };
}

/** A type's text with whitespace removed, aliases expanded and `vec4f`-style shorthands spelled out. */
function expandType(text: string, aliases: ReadonlyMap<string, string>, depth = 0): string {
  const compact = text.replace(/\s+/g, '');
  const { name, args } = splitTemplate(compact);
  const short = /^vec([234])([fhui])$/.exec(name);
  if (short && args.length === 0) return `vec${short[1]}<${SHORT_VECTORS[short[2]!]}>`;
  const alias = aliases.get(name);
  if (alias !== undefined && args.length === 0 && depth < 32) return expandType(alias, aliases, depth + 1);
  if (args.length === 0) return name;
  return `${name}<${args.map((arg) => expandType(arg, aliases, depth + 1)).join(',')}>`;
}

function valueType(text: string, structs: ReadonlySet<string>): ValueType {
  const { name, args } = splitTemplate(text);
  if (SCALARS.has(name)) return { text, scalar: name as ScalarType, components: 1, struct: null };
  const vector = /^vec([234])$/.exec(name);
  if (vector && args.length === 1 && SCALARS.has(args[0]!)) {
    return { text, scalar: args[0] as ScalarType, components: Number(vector[1]), struct: null };
  }
  return { text, scalar: null, components: 0, struct: structs.has(name) ? name : null };
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/g;

function identifiers(text: string): Set<string> {
  return new Set(text.match(IDENT) ?? []);
}

function standardAttributes(attributes: readonly AttributeElem[] | undefined): StandardAttribute[] {
  return (attributes ?? []).map((a) => a.attribute).filter((a): a is StandardAttribute => a.kind === '@attribute');
}

/**
 * Reflects a shader. For a linked shader every location is mapped back to the file it came
 * from; wrap plain code with `unlinkedShader(code, file)` to reflect it as it is.
 */
export function reflectShader(shader: LinkedShader): ShaderReflection {
  const { code } = shader;
  const ast = parseSrcModule({ modulePath: 'package::reflected', debugFilePath: '<reflected>', src: code });
  const at = (offset: number) => locateOffset(shader, offset);
  const firstError = ast.diagnostics.find((d) => d.severity === 'error');
  if (firstError) throw new ShaderParseError(firstError.message, at(firstError.start));

  const text = (e: { start: number; end: number } | undefined) => (e ? code.slice(e.start, e.end).trim() : null);
  const decls = ast.moduleElem.decls;
  const aliases = new Map<string, string>();
  const structNames = new Set<string>();
  for (const decl of decls) {
    if (decl.kind === 'alias')
      aliases.set(decl.name.ident.originalName, code.slice(decl.typeRef.start, decl.typeRef.end));
    if (decl.kind === 'struct') structNames.add(decl.name.ident.originalName);
  }
  const typeOf = (typeText: string) => valueType(expandType(typeText, aliases), structNames);

  const reflection: ShaderReflection = {
    entryPoints: [],
    bindings: [],
    overrides: [],
    structs: [],
    consts: {},
    enables: [],
  };
  const overrideNames = new Set<string>();
  const globalVars = new Set<string>();
  // Identifiers each module-scope declaration names, for the static use of entry points.
  const refs = new Map<string, Set<string>>();
  const plain = blankComments(code);
  const entryDecls: {
    name: string;
    stage: EntryPointInfo['stage'];
    size: string[] | null;
    sizeOffset: number | null;
    offset: number;
  }[] = [];
  // Attribute elements span from the `@`, their parameters from inside the parentheses.
  const attributeStart = (attributes: readonly AttributeElem[] | undefined, name: string) =>
    (attributes ?? []).find((a) => a.attribute.kind === '@attribute' && a.attribute.name === name)?.start ?? null;

  for (const decl of decls) {
    switch (decl.kind) {
      case 'directive':
        if (decl.directive.kind === 'enable') reflection.enables.push(...decl.directive.extensions.map((e) => e.name));
        break;
      case 'const':
        reflection.consts[decl.name.decl.ident.originalName] = text(decl.init) ?? '';
        refs.set(decl.name.decl.ident.originalName, identifiers(plain.slice(decl.start, decl.end)));
        break;
      case 'override': {
        const name = decl.name.decl.ident.originalName;
        overrideNames.add(name);
        refs.set(name, identifiers(plain.slice(decl.start, decl.end)));
        const id = standardAttributes(decl.attributes).find((a) => a.name === 'id');
        reflection.overrides.push({
          name,
          type: decl.name.typeRef
            ? expandType(code.slice(decl.name.typeRef.start, decl.name.typeRef.end), aliases)
            : null,
          default: text(decl.init),
          id: id?.params?.[0] ? Number.parseInt(text(id.params[0])!, 10) : null,
          at: at(decl.name.decl.start),
        });
        break;
      }
      case 'struct':
        reflection.structs.push({
          name: decl.name.ident.originalName,
          members: decl.members.map((m) => ({
            name: m.name.name,
            type: typeOf(code.slice(m.typeRef.start, m.typeRef.end)),
          })),
          at: at(decl.name.start),
        });
        break;
      case 'gvar': {
        const name = decl.name.decl.ident.originalName;
        globalVars.add(name);
        refs.set(name, identifiers(plain.slice(decl.start, decl.end)));
        const attributes = standardAttributes(decl.attributes);
        const group = attributes.find((a) => a.name === 'group')?.params?.[0];
        const binding = attributes.find((a) => a.name === 'binding')?.params?.[0];
        const template = (decl.template ?? []).map((n) => n.name);
        if (group === undefined || binding === undefined) break;
        const typeText = decl.name.typeRef ? code.slice(decl.name.typeRef.start, decl.name.typeRef.end) : '';
        const type = typeOf(typeText);
        const { name: outer, args } = splitTemplate(type.text);
        const space = template[0];
        reflection.bindings.push({
          group: Number.parseInt(text(group)!, 10),
          binding: Number.parseInt(text(binding)!, 10),
          name,
          addressSpace: space === 'storage' ? 'storage' : space === 'uniform' ? 'uniform' : 'handle',
          access: space === 'storage' && template[1] === 'read_write' ? 'read_write' : 'read',
          type,
          element: outer === 'array' && args[0] ? valueType(args[0], structNames) : null,
          at: at(decl.name.decl.start),
        });
        break;
      }
      case 'fn': {
        const name = decl.name.ident.originalName;
        refs.set(name, identifiers(plain.slice(decl.start, decl.end)));
        const attributes = standardAttributes(decl.attributes);
        const stage = attributes.find((a) => a.name === 'compute' || a.name === 'vertex' || a.name === 'fragment');
        if (!stage) break;
        const size = attributes.find((a) => a.name === 'workgroup_size');
        entryDecls.push({
          name,
          stage: stage.name as EntryPointInfo['stage'],
          size: size ? (size.params ?? []).map((p) => text(p)!) : null,
          sizeOffset: attributeStart(decl.attributes, 'workgroup_size'),
          offset: decl.name.start,
        });
        break;
      }
      default:
        break;
    }
  }

  for (const entry of entryDecls) {
    // Everything the entry point names, through the functions it calls and the declarations they
    // name (by name: over-counts a local that shadows a global, never misses a use).
    const named = new Set<string>();
    const pending = [entry.name];
    const visited = new Set<string>();
    while (pending.length > 0) {
      const fn = pending.pop()!;
      if (visited.has(fn)) continue;
      visited.add(fn);
      for (const ident of refs.get(fn) ?? []) {
        named.add(ident);
        if (refs.has(ident)) pending.push(ident);
      }
    }
    const workgroupSize = entry.size
      ? [0, 1, 2].map((i) => {
          const expr = entry.size![i] ?? '1';
          return { expr, overrides: [...identifiers(expr)].filter((ident) => overrideNames.has(ident)) };
        })
      : null;
    reflection.entryPoints.push({
      name: entry.name,
      stage: entry.stage,
      workgroupSize,
      workgroupSizeAt: entry.sizeOffset === null ? null : at(entry.sizeOffset),
      uses: [...globalVars, ...overrideNames].filter((name) => named.has(name)),
      at: at(entry.offset),
    });
  }
  // Declaration order (the root's first), not the linked code's: bindings by group and index.
  const files = shader.sourceMap.files;
  const byPlace = (x: { at: SourceLocation }, y: { at: SourceLocation }) =>
    files.indexOf(x.at.file) - files.indexOf(y.at.file) || x.at.offset - y.at.offset;
  reflection.entryPoints.sort(byPlace);
  reflection.overrides.sort(byPlace);
  reflection.structs.sort(byPlace);
  reflection.bindings.sort((x, y) => x.group - y.group || x.binding - y.binding || byPlace(x, y));
  return reflection;
}
