/**
 * A stage checked against its shader before anything runs: the entry point exists and is a compute
 * one; every constant is an override of a fitting type; the workgroup size the overrides give is the
 * one the descriptor dispatches with; each binding's group, index, address space, access and element
 * type fit the buffer bound there; the uniform block has the values the stage packs. Each mismatch
 * is one line: the file and line it is about, what is wrong, and the fix.
 *
 * Aliased bindings are fine: two views of one buffer at different indices (`a` and `a4`), or two
 * declarations at one index (`c` and `c4`), as long as no writable view aliases another binding.
 */
import type { BindingInfo, ShaderReflection, ValueType } from './reflect.js';
import type { SourceLocation } from './source-map.js';

/** The parts of a stage (api/types.ts StageSpec) the check reads; declared here, as this layer imports no other. */
export interface CheckedStage {
  name: string;
  entryPoint: string;
  constants: Readonly<Record<string, number>>;
  /** Buffers bound at @group(0) @binding(i), in this order. */
  bindings: readonly string[];
  /** Values packed (4 bytes each) into a uniform buffer at @binding(bindings.length). */
  uniforms?: readonly ({ u32: number } | { f32: number })[] | undefined;
  workgroupSize: readonly [number, number, number];
}

/** The parts of a buffer (api/types.ts CheckedBuffer) the check reads. */
export interface CheckedBuffer {
  name: string;
  role: 'input' | 'output' | 'scratch';
  type: 'f32' | 'f16' | 'u32';
}

const where = (at: SourceLocation) => `${at.file}:${at.line}`;

/** `i32`-style numbers, override and const names, + - * / % and parentheses; null when it is anything else. */
export function evaluateIntExpr(expr: string, lookup: (name: string) => number | null): number | null {
  const tokens = expr.match(/[A-Za-z_][A-Za-z0-9_]*|0[xX][0-9a-fA-F]+[iu]?|[0-9]+[iu]?|\S/g) ?? [];
  let i = 0;
  const primary = (): number | null => {
    const token = tokens[i++];
    if (token === undefined) return null;
    if (token === '(') {
      const value = sum();
      return tokens[i++] === ')' ? value : null;
    }
    if (token === '-') {
      const value = primary();
      return value === null ? null : -value;
    }
    if (/^(0[xX][0-9a-fA-F]+|[0-9]+)[iu]?$/.test(token)) return Number.parseInt(token.replace(/[iu]$/, ''));
    if (/^[A-Za-z_]/.test(token)) {
      // A call (`u32(x)`, `max(a, b)`) is not followed.
      if (tokens[i] === '(') return null;
      return lookup(token);
    }
    return null;
  };
  const product = (): number | null => {
    let value = primary();
    while (value !== null && (tokens[i] === '*' || tokens[i] === '/' || tokens[i] === '%')) {
      const op = tokens[i++];
      const right = primary();
      if (right === null || (op !== '*' && right === 0)) return null;
      value = op === '*' ? value * right : op === '/' ? Math.trunc(value / right) : value % right;
    }
    return value;
  };
  const sum = (): number | null => {
    let value = product();
    while (value !== null && (tokens[i] === '+' || tokens[i] === '-')) {
      const op = tokens[i++];
      const right = product();
      if (right === null) return null;
      value = op === '+' ? value + right : value - right;
    }
    return value;
  };
  const value = sum();
  return i === tokens.length ? value : null;
}

/** The value of each override and const for these constants (defaults where a constant is not set). */
function valueLookup(
  reflection: ShaderReflection,
  constants: Readonly<Record<string, number>>,
): (name: string) => number | null {
  const defaults = new Map(reflection.overrides.map((o) => [o.name, o.default]));
  const active = new Set<string>();
  const lookup = (name: string): number | null => {
    if (constants[name] !== undefined) return constants[name];
    const expr = defaults.get(name) ?? reflection.consts[name];
    if (expr === undefined || expr === null || active.has(name)) return null;
    active.add(name);
    const value = evaluateIntExpr(expr, lookup);
    active.delete(name);
    return value;
  };
  return lookup;
}

function fitsOverride(type: string | null, value: number): boolean {
  switch (type) {
    case 'u32':
      return Number.isInteger(value) && value >= 0 && value < 2 ** 32;
    case 'i32':
      return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31;
    case 'bool':
      return value === 0 || value === 1;
    default:
      return Number.isFinite(value);
  }
}

/** `array<f16>`-style suggestion for a buffer's element type, keeping the declared vector width. */
function suggestedType(element: ValueType, type: CheckedBuffer['type']): string {
  return element.components > 1 ? `array<vec${element.components}<${type}>>` : `array<${type}>`;
}

function checkStorage(binding: BindingInfo, name: string, buffer: CheckedBuffer, index: number): string[] {
  const errors: string[] = [];
  const decl = `${where(binding.at)}: @binding(${index}) ${binding.name}`;
  if (binding.addressSpace !== 'storage') {
    const space = binding.addressSpace === 'uniform' ? 'var<uniform>' : 'a texture or sampler';
    return [
      `${decl} is ${space} but the stage binds buffer "${name}" there: declare it var<storage, ${buffer.role === 'output' ? 'read_write' : 'read'}>`,
    ];
  }
  // Scratch may be read in one stage and written in another; the output is written where it is bound.
  if (binding.access === 'read' && buffer.role === 'output') {
    errors.push(
      `${decl} is read-only storage but buffer "${name}" is the kernel's output: declare it var<storage, read_write>`,
    );
  }
  const element = binding.element ?? binding.type;
  if (element.scalar !== null && element.scalar !== buffer.type) {
    errors.push(
      `${decl} is ${binding.type.text} but buffer "${name}" holds ${buffer.type}: declare it ${suggestedType(element, buffer.type)}${buffer.type === 'f16' ? ' (with enable f16;)' : ''} or change the buffer's type`,
    );
  }
  return errors;
}

function checkUniform(
  bindings: readonly BindingInfo[],
  stage: CheckedStage,
  reflection: ShaderReflection,
  file: string,
): string[] {
  const index = stage.bindings.length;
  const values = stage.uniforms ?? [];
  const binding = bindings.find((b) => b.binding === index);
  if (!binding) {
    return [
      `${file}: stage ${stage.name} packs ${values.length} uniform values for @binding(${index}) but ${stage.entryPoint} uses no binding there: declare var<uniform> at @group(0) @binding(${index})`,
    ];
  }
  const decl = `${where(binding.at)}: @binding(${index}) ${binding.name}`;
  if (binding.addressSpace !== 'uniform') {
    return [
      `${decl} is ${binding.addressSpace === 'storage' ? 'var<storage>' : 'a texture or sampler'} but the stage puts its uniform values there: declare it var<uniform>`,
    ];
  }
  const struct = binding.type.struct === null ? null : reflection.structs.find((s) => s.name === binding.type.struct);
  const members = struct ? struct.members : [{ name: binding.name, type: binding.type }];
  // Only a block of 4-byte scalars is compared value by value (the stage packs 4 bytes per value).
  if (
    !members.every(
      (m) => m.type.scalar !== null && m.type.scalar !== 'f16' && m.type.scalar !== 'bool' && m.type.components === 1,
    )
  )
    return [];
  const what = struct ? `struct ${struct.name}` : binding.type.text;
  const at = struct ? where(struct.at) : where(binding.at);
  if (members.length !== values.length) {
    return [
      `${at}: ${what} (var<uniform> ${binding.name}) has ${members.length} members but stage ${stage.name} packs ${values.length} values: make them match, one 4-byte value per member in order`,
    ];
  }
  const errors: string[] = [];
  members.forEach((member, i) => {
    const packed = 'f32' in values[i]! ? 'f32' : 'u32';
    const wanted = member.type.scalar === 'f32' ? 'f32' : 'u32';
    if (packed !== wanted) {
      errors.push(
        `${at}: member ${member.name} of ${what} is ${member.type.text} but stage ${stage.name} packs value ${i} as ${packed}: pack it as { ${wanted}: ... } or change the member's type`,
      );
    }
  });
  return errors;
}

/**
 * The mismatches between a stage and its shader, one line each (empty when it fits). `file` names
 * the shader where no line is meant (its root file).
 */
export function checkStage(
  stage: CheckedStage,
  buffers: readonly CheckedBuffer[],
  reflection: ShaderReflection,
  file: string,
): string[] {
  const entry = reflection.entryPoints.find((e) => e.name === stage.entryPoint);
  if (!entry) {
    const names = reflection.entryPoints.map((e) => e.name);
    return [
      `entry point ${stage.entryPoint} not found in ${file} (it has: ${names.length > 0 ? names.join(', ') : 'none'})`,
    ];
  }
  if (entry.stage !== 'compute') {
    return [
      `${where(entry.at)}: entry point ${entry.name} is @${entry.stage}, but stages dispatch compute work: give it @compute @workgroup_size(...)`,
    ];
  }
  const errors: string[] = [];

  // Constants.
  const overrides = new Map(reflection.overrides.map((o) => [o.name, o]));
  for (const [name, value] of Object.entries(stage.constants)) {
    const override = overrides.get(name);
    if (!override) {
      errors.push(`${name} is not an override in ${file}: declare override ${name}: u32 or drop it from params`);
    } else if (!fitsOverride(override.type, value)) {
      errors.push(
        `${where(override.at)}: ${name} = ${value} does not fit override ${name}: ${override.type}: give it a value of that type`,
      );
    }
  }
  for (const override of reflection.overrides) {
    if (
      override.default === null &&
      stage.constants[override.name] === undefined &&
      entry.uses.includes(override.name)
    ) {
      errors.push(
        `${where(override.at)}: override ${override.name} has no default and stage ${stage.name} does not set it: give it a default or set it in the stage's constants`,
      );
    }
  }

  // Workgroup size.
  if (entry.workgroupSize) {
    const lookup = valueLookup(reflection, stage.constants);
    const size = entry.workgroupSize.map((dim) => evaluateIntExpr(dim.expr, lookup));
    if (size.every((n) => n !== null) && size.some((n, i) => n !== stage.workgroupSize[i])) {
      const used = [...new Set(entry.workgroupSize.flatMap((d) => d.overrides))].map(
        (name) => `${name}=${lookup(name)}`,
      );
      errors.push(
        `${where(entry.workgroupSizeAt ?? entry.at)}: @workgroup_size(${entry.workgroupSize.map((d) => d.expr).join(', ')}) of ${entry.name} is (${size.join(', ')})${used.length > 0 ? ` with ${used.join(' ')}` : ''}, but stage ${stage.name} says (${stage.workgroupSize.join(', ')}): make the descriptor's workgroupSize follow the overrides`,
      );
    }
  }

  // Bindings.
  const used = reflection.bindings.filter((b) => entry.uses.includes(b.name));
  for (const binding of used.filter((b) => b.group !== 0)) {
    errors.push(
      `${where(binding.at)}: @group(${binding.group}) @binding(${binding.binding}) ${binding.name}: stages bind @group(0) only: move it to @group(0)`,
    );
  }
  const group0 = used.filter((b) => b.group === 0);
  // Two declarations at one index are two views of one buffer, but an entry point may use only one.
  for (const index of new Set(group0.map((b) => b.binding))) {
    const both = group0.filter((b) => b.binding === index);
    if (both.length > 1) {
      errors.push(
        `${where(both[1]!.at)}: ${both.map((b) => b.name).join(' and ')} are both at @group(0) @binding(${index}) and ${entry.name} uses both: an entry point may use one variable per binding: use one of them in ${entry.name}`,
      );
    }
  }
  const byName = new Map(buffers.map((b) => [b.name, b]));
  stage.bindings.forEach((name, index) => {
    const buffer = byName.get(name);
    if (!buffer) {
      errors.push(
        `stage ${stage.name} binds buffer "${name}" at @binding(${index}), which the kernel does not declare (its buffers: ${buffers.map((b) => b.name).join(', ')}): add it to buffers() or fix the name`,
      );
      return;
    }
    const here = group0.filter((b) => b.binding === index);
    if (here.length === 0) {
      const declared = reflection.bindings.find((b) => b.group === 0 && b.binding === index);
      errors.push(
        declared
          ? `${where(declared.at)}: @binding(${index}) ${declared.name} is declared but ${entry.name} never uses it, so the pipeline has no @binding(${index}) for buffer "${name}": use it in ${entry.name} or drop it from the stage's bindings`
          : `${file}: stage ${stage.name} binds buffer "${name}" at @binding(${index}) but the shader declares nothing there: declare @group(0) @binding(${index}) var<storage, ${buffer.role === 'output' ? 'read_write' : 'read'}> or drop it from the stage's bindings`,
      );
      return;
    }
    for (const binding of here) errors.push(...checkStorage(binding, name, buffer, index));
  });
  const uniformIndex = stage.bindings.length;
  for (const binding of group0.filter(
    (b) => b.binding > uniformIndex || (b.binding === uniformIndex && !stage.uniforms),
  )) {
    const count = stage.bindings.length;
    const buffersAt = count === 0 ? 'no buffers' : count === 1 ? '1 buffer at 0' : `${count} buffers at 0-${count - 1}`;
    const layout = stage.uniforms ? `, uniforms at ${uniformIndex}` : '';
    errors.push(
      `${where(binding.at)}: @binding(${binding.binding}) ${binding.name} is past what stage ${stage.name} binds (${buffersAt}${layout}): bind something there in the stage or remove it from the shader`,
    );
  }
  if (stage.uniforms) errors.push(...checkUniform(group0, stage, reflection, file));

  // A buffer bound at several indices: a writable view may not alias any other binding (WebGPU
  // forbids a writable storage binding aliasing another binding of the same buffer in a dispatch).
  const indices = new Map<string, number[]>();
  stage.bindings.forEach((name, index) => indices.set(name, [...(indices.get(name) ?? []), index]));
  for (const [name, at] of indices) {
    if (at.length < 2) continue;
    const writable = group0.find(
      (b) => at.includes(b.binding) && b.addressSpace === 'storage' && b.access === 'read_write',
    );
    if (writable) {
      errors.push(
        `${where(writable.at)}: @binding(${writable.binding}) ${writable.name} is a writable view of buffer "${name}", which the stage also binds at @binding(${at.filter((i) => i !== writable.binding).join(', ')}): WebGPU forbids that aliasing: bind one view, or make the others read-only views of a copy`,
      );
    }
  }
  return errors;
}
