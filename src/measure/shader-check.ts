/**
 * Checking a kernel's shader against its descriptor before anything runs: every stage's entry
 * point is a compute entry point of its shader, every override constant it sets is declared, and
 * it binds no more buffers than the shader declares. A mismatch is a one-line UsageError naming
 * the file and line and the fix. Pure.
 */
import type { KernelDescriptor, StageSpec } from '../api/types.js';
import { UsageError } from '../errors.js';

/** What the checks need to know of a WGSL source: its compute entry points, overrides and bindings, with their lines. */
export interface ShaderOutline {
  entryPoints: Map<string, number>;
  overrides: Map<string, number>;
  bindings: Map<number, { name: string; line: number }>;
}

/** WGSL without its comments (line and block), lines kept in place. */
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' ')).replace(/\/\/[^\n]*/g, '');
}

/** The line (1-based) of character `offset` in `code`. */
function lineOf(code: string, offset: number): number {
  return code.slice(0, offset).split('\n').length;
}

/** The entry points, overrides and group-0 bindings of a WGSL source. */
export function outlineShader(code: string): ShaderOutline {
  const text = withoutComments(code);
  const entryPoints = new Map<string, number>();
  for (const match of text.matchAll(/@compute(?:\s*@workgroup_size\s*\([^)]*\))?\s*fn\s+([A-Za-z_][A-Za-z0-9_]*)/g)) entryPoints.set(match[1]!, lineOf(text, match.index));
  for (const match of text.matchAll(/@workgroup_size\s*\([^)]*\)\s*@compute\s*fn\s+([A-Za-z_][A-Za-z0-9_]*)/g)) entryPoints.set(match[1]!, lineOf(text, match.index));
  const overrides = new Map<string, number>();
  for (const match of text.matchAll(/(?:@id\s*\(\s*\d+\s*\)\s*)?override\s+([A-Za-z_][A-Za-z0-9_]*)/g)) overrides.set(match[1]!, lineOf(text, match.index));
  const bindings = new Map<number, { name: string; line: number }>();
  for (const match of text.matchAll(/@group\s*\(\s*0\s*\)\s*@binding\s*\(\s*(\d+)\s*\)\s*var(?:<[^>]*>)?\s+([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const index = Number(match[1]);
    if (!bindings.has(index)) bindings.set(index, { name: match[2]!, line: lineOf(text, match.index) });
  }
  return { entryPoints, overrides, bindings };
}

/** The first mismatch between a stage and its shader, as a sentence starting with the file, or null. */
export function stageMismatch(stage: StageSpec, code: string, file: string): string | null {
  const outline = outlineShader(code);
  if (!outline.entryPoints.has(stage.entryPoint)) {
    const known = [...outline.entryPoints.keys()];
    return `${file}: entry point ${stage.entryPoint} not found (it has ${known.length ? known.join(', ') : 'no @compute entry point'}): declare @compute fn ${stage.entryPoint}, or give the kernel entryPoint: '${known[0] ?? 'main'}'`;
  }
  for (const name of Object.keys(stage.constants)) {
    if (!outline.overrides.has(name)) {
      return `${file}: ${name} is not an override the shader declares: declare \`override ${name}: u32;\` or drop ${name} from the kernel's params (or constants)`;
    }
  }
  const used = stage.bindings.length + (stage.uniforms && stage.uniforms.length > 0 ? 1 : 0);
  for (let index = 0; index < used; index++) {
    if (outline.bindings.has(index)) continue;
    const what = index < stage.bindings.length ? `buffer ${stage.bindings[index]}` : 'the uniform block';
    return `${file}: no @group(0) @binding(${index}) for ${what}: declare it, or bind fewer buffers (bindings: [...])`;
  }
  const extra = [...outline.bindings.keys()].filter((index) => index >= used).sort((a, b) => a - b)[0];
  if (extra !== undefined) {
    const declared = outline.bindings.get(extra)!;
    return `${file}:${declared.line}: @binding(${extra}) ${declared.name} is declared but the kernel binds only ${used} (buffers ${stage.bindings.join(', ')}${used > stage.bindings.length ? ', then the uniforms' : ''}): bind it, or remove it`;
  }
  return null;
}

/** Checks every stage of a kernel at its first test shape and default configuration; a UsageError for the first mismatch. */
export function checkKernelShader(kernel: KernelDescriptor): void {
  if (kernel.peer) return;
  const shape = kernel.testShapes[0] ?? kernel.shapeFromSize(8);
  const where = `kernel ${kernel.name}${kernel.source.module ? ` (${kernel.source.module})` : ''}`;
  for (const stage of kernel.stages(shape, kernel.defaultParams)) {
    const code = stage.shader ?? kernel.shader;
    const mismatch = stageMismatch(stage, code, stage.shader ? `stage ${stage.name}'s shader` : (kernel.source.file ?? 'its shader'));
    if (mismatch) throw new UsageError(`${where}: ${mismatch}`);
  }
}
