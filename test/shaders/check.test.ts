import { describe, expect, it } from 'vitest';
import { KERNELS } from '../../src/kernels/index.js';
import type { BufferSpec } from '../../src/api/types.js';
import { checkStage, evaluateIntExpr, type CheckedStage } from '../../src/shaders/check.js';
import { linkedShaderOf } from '../../src/shaders/linked-shaders.js';
import { reflectShader } from '../../src/shaders/reflect.js';
import { unlinkedShader } from '../../src/shaders/source-map.js';

describe('every built-in kernel', () => {
  it('fits its shaders, stage by stage, at aligned and unaligned shapes', () => {
    let stages = 0;
    for (const kernel of KERNELS.filter((k) => !k.peer)) {
      for (const size of [64, 67]) {
        const shape = kernel.shapeFromSize(size);
        const params = kernel.defaultParams;
        for (const stage of kernel.stages(shape, params)) {
          const linked = linkedShaderOf(stage.shader ?? kernel.shader);
          expect(linked, `${kernel.name} ${stage.name}: its shader was imported linked`).toBeDefined();
          const errors = checkStage(
            stage,
            kernel.buffers(shape, params),
            reflectShader(linked!),
            linked!.sourceMap.files[0]!,
          );
          expect(errors, `${kernel.name} ${stage.name} at ${size}`).toEqual([]);
          stages++;
        }
      }
    }
    // conv-im2col has two stages; the other kernels one each.
    expect(stages).toBeGreaterThanOrEqual(2 * 13);
  });
});

// Lines: 1 struct, 6 WG, 7 TM, 9 a, 10 c, 11 c4, 12 dims, 14 main's @workgroup_size, 19 main4, 23 only_c, 27
// both_views, 31 vs.
const DEMO = `struct Dims {
  m: u32,
  n: u32,
  scale: f32,
}
override WG: u32 = 64u;
override TM: u32 = 4u;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> c: array<f32>;
@group(0) @binding(1) var<storage, read_write> c4: array<vec4<f32>>;
@group(0) @binding(2) var<uniform> dims: Dims;

@compute @workgroup_size(WG, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  c[gid.x] = a[gid.x] * dims.scale + f32(TM + dims.m + dims.n);
}

@compute @workgroup_size(WG)
fn main4(@builtin(global_invocation_id) gid: vec3<u32>) {
  c4[gid.x] = vec4(a[gid.x]);
}
@compute @workgroup_size(WG)
fn only_c(@builtin(global_invocation_id) gid: vec3<u32>) {
  c[gid.x] = 1.0;
}
@compute @workgroup_size(WG)
fn both_views(@builtin(global_invocation_id) gid: vec3<u32>) {
  c[gid.x] = c4[0].x + a[0];
}
@vertex
fn vs() -> @builtin(position) vec4f {
  return vec4f(0.0);
}
`;

const BUFFERS: BufferSpec[] = [
  { name: 'a', role: 'input', type: 'f32', length: 64 },
  { name: 'c', role: 'output', type: 'f32', length: 64 },
];

const STAGE: CheckedStage = {
  name: 'demo',
  entryPoint: 'main',
  constants: { WG: 64, TM: 4 },
  bindings: ['a', 'c'],
  uniforms: [{ u32: 8 }, { u32: 8 }, { f32: 0.5 }],
  workgroupSize: [64, 1, 1],
};

function check(stage: Partial<CheckedStage> = {}, options: { code?: string; buffers?: BufferSpec[] } = {}): string[] {
  const reflection = reflectShader(unlinkedShader(options.code ?? DEMO, 'shaders/demo.wgsl'));
  return checkStage({ ...STAGE, ...stage }, options.buffers ?? BUFFERS, reflection, 'shaders/demo.wgsl');
}

describe('checkStage', () => {
  it('accepts a stage that fits its shader', () => {
    expect(check()).toEqual([]);
  });

  it('names the entry points a shader has when the stage asks for another', () => {
    expect(check({ entryPoint: 'main_unaligned' })).toEqual([
      'entry point main_unaligned not found in shaders/demo.wgsl (it has: main, main4, only_c, both_views, vs)',
    ]);
  });

  it('refuses a vertex entry point', () => {
    expect(check({ entryPoint: 'vs' })).toEqual([
      'shaders/demo.wgsl:32: entry point vs is @vertex, but stages dispatch compute work: give it @compute @workgroup_size(...)',
    ]);
  });

  it('refuses a constant the shader does not declare as an override', () => {
    expect(check({ constants: { WG: 64, TM: 4, TILE: 8 } })).toEqual([
      'TILE is not an override in shaders/demo.wgsl: declare override TILE: u32 or drop it from params',
    ]);
  });

  it("refuses a constant that does not fit its override's type", () => {
    expect(check({ constants: { WG: 64, TM: -1 } })).toEqual([
      'shaders/demo.wgsl:7: TM = -1 does not fit override TM: u32: give it a value of that type',
    ]);
  });

  it('refuses an override without a default that the stage does not set', () => {
    const code = DEMO.replace('override TM: u32 = 4u;', 'override TM: u32;');
    expect(check({ constants: { WG: 64 } }, { code })).toEqual([
      "shaders/demo.wgsl:7: override TM has no default and stage demo does not set it: give it a default or set it in the stage's constants",
    ]);
  });

  it('refuses a workgroup size other than the one the overrides give', () => {
    expect(check({ workgroupSize: [32, 1, 1] })).toEqual([
      "shaders/demo.wgsl:14: @workgroup_size(WG, 1, 1) of main is (64, 1, 1) with WG=64, but stage demo says (32, 1, 1): make the descriptor's workgroupSize follow the overrides",
    ]);
    // The default applies where the stage sets no constant; `WG` alone means (WG, 1, 1).
    expect(
      check({
        entryPoint: 'main4',
        constants: {},
        bindings: ['a', 'c'],
        uniforms: undefined,
        workgroupSize: [64, 1, 1],
      }),
    ).toEqual([]);
  });

  it('refuses a read-only view of the output', () => {
    const code = DEMO.replace('var<storage, read_write> c: array<f32>', 'var<storage, read> c: array<f32>').replace(
      'c[gid.x] = a[gid.x]',
      '_ = c[gid.x] + a[gid.x]',
    );
    expect(check({}, { code })).toEqual([
      'shaders/demo.wgsl:10: @binding(1) c is read-only storage but buffer "c" is the kernel\'s output: declare it var<storage, read_write>',
    ]);
  });

  it("refuses an element type other than the buffer's", () => {
    const buffers: BufferSpec[] = [{ ...BUFFERS[0]!, type: 'f16' }, BUFFERS[1]!];
    expect(check({}, { buffers })).toEqual([
      'shaders/demo.wgsl:9: @binding(0) a is array<f32> but buffer "a" holds f16: declare it array<f16> (with enable f16;) or change the buffer\'s type',
    ]);
    expect(
      check({ entryPoint: 'main4', uniforms: undefined }, { buffers: [BUFFERS[0]!, { ...BUFFERS[1]!, type: 'u32' }] }),
    ).toEqual([
      'shaders/demo.wgsl:11: @binding(1) c4 is array<vec4<f32>> but buffer "c" holds u32: declare it array<vec4<u32>> or change the buffer\'s type',
    ]);
  });

  it("refuses a binding past the stage's buffers and uniforms", () => {
    const code = DEMO.replace(
      '@group(0) @binding(2) var<uniform>',
      '@group(0) @binding(5) var<storage, read> extra: array<f32>;\n@group(0) @binding(2) var<uniform>',
    ).replace('f32(TM + dims.m + dims.n)', 'f32(TM + dims.m + dims.n) + extra[0]');
    expect(check({}, { code })).toEqual([
      'shaders/demo.wgsl:12: @binding(5) extra is past what stage demo binds (2 buffers at 0-1, uniforms at 2): bind something there in the stage or remove it from the shader',
    ]);
  });

  it('refuses a buffer bound where the shader declares nothing', () => {
    const code =
      '@group(0) @binding(0) var<storage, read_write> c: array<f32>;\n@compute @workgroup_size(1)\nfn main() {\n  c[0] = 1.0;\n}\n';
    expect(
      check({ constants: {}, bindings: ['c', 'a'], uniforms: undefined, workgroupSize: [1, 1, 1] }, { code }),
    ).toEqual([
      'shaders/demo.wgsl: stage demo binds buffer "a" at @binding(1) but the shader declares nothing there: declare @group(0) @binding(1) var<storage, read> or drop it from the stage\'s bindings',
    ]);
  });

  it('refuses a buffer bound where the entry point uses nothing', () => {
    expect(check({ entryPoint: 'only_c', uniforms: undefined })).toEqual([
      'shaders/demo.wgsl:9: @binding(0) a is declared but only_c never uses it, so the pipeline has no @binding(0) for buffer "a": use it in only_c or drop it from the stage\'s bindings',
    ]);
  });

  it('refuses a buffer name the kernel does not declare', () => {
    expect(check({ bindings: ['a', 'zzz'] })).toEqual([
      'stage demo binds buffer "zzz" at @binding(1), which the kernel does not declare (its buffers: a, c): add it to buffers() or fix the name',
    ]);
  });

  it('refuses uniform values that do not fit the uniform struct', () => {
    expect(check({ uniforms: [{ u32: 8 }, { u32: 8 }] })).toEqual([
      'shaders/demo.wgsl:1: struct Dims (var<uniform> dims) has 3 members but stage demo packs 2 values: make them match, one 4-byte value per member in order',
    ]);
    expect(check({ uniforms: [{ u32: 8 }, { u32: 8 }, { u32: 1 }] })).toEqual([
      "shaders/demo.wgsl:1: member scale of struct Dims is f32 but stage demo packs value 2 as u32: pack it as { f32: ... } or change the member's type",
    ]);
    expect(check({ entryPoint: 'main4' })).toEqual([
      'shaders/demo.wgsl: stage demo packs 3 uniform values for @binding(2) but main4 uses no binding there: declare var<uniform> at @group(0) @binding(2)',
    ]);
    expect(check({ uniforms: undefined })).toEqual([
      'shaders/demo.wgsl:12: @binding(2) dims is past what stage demo binds (2 buffers at 0-1): bind something there in the stage or remove it from the shader',
    ]);
  });

  it('accepts two read-only views of one buffer, and refuses a writable view aliasing another binding', () => {
    // a4 at 2 is a second, vec4 view of buffer a (bound at 0 too); the uniforms move to 3.
    const code = DEMO.replace('c[gid.x] = a[gid.x] * dims.scale', 'c[gid.x] = a[gid.x] * dims.scale + a4[0].x').replace(
      '@group(0) @binding(2) var<uniform>',
      '@group(0) @binding(2) var<storage, read> a4: array<vec4<f32>>;\n@group(0) @binding(3) var<uniform>',
    );
    expect(check({ bindings: ['a', 'c', 'a'] }, { code })).toEqual([]);
    expect(check({ bindings: ['a', 'a'] })).toEqual([
      'shaders/demo.wgsl:10: @binding(1) c is a writable view of buffer "a", which the stage also binds at @binding(0): WebGPU forbids that aliasing: bind one view, or make the others read-only views of a copy',
    ]);
  });

  it('accepts two declarations at one index used by different entry points, not both by one', () => {
    expect(check({ entryPoint: 'main4', uniforms: undefined })).toEqual([]);
    expect(check({ entryPoint: 'both_views', uniforms: undefined })).toEqual([
      'shaders/demo.wgsl:11: c and c4 are both at @group(0) @binding(1) and both_views uses both: an entry point may use one variable per binding: use one of them in both_views',
    ]);
  });

  it('refuses a binding in another group', () => {
    const code = DEMO.replace(
      '@group(0) @binding(0) var<storage, read> a',
      '@group(1) @binding(0) var<storage, read> a',
    );
    expect(check({}, { code })).toEqual([
      'shaders/demo.wgsl:9: @group(1) @binding(0) a: stages bind @group(0) only: move it to @group(0)',
      'shaders/demo.wgsl: stage demo binds buffer "a" at @binding(0) but the shader declares nothing there: declare @group(0) @binding(0) var<storage, read> or drop it from the stage\'s bindings',
    ]);
  });
});

describe('evaluateIntExpr', () => {
  const lookup = (name: string) => ({ WG_Y: 16, RM: 2, SIX: 6 })[name] ?? null;
  it('evaluates the integer expressions workgroup sizes are made of', () => {
    expect(evaluateIntExpr('8u', lookup)).toBe(8);
    expect(evaluateIntExpr('0x10', lookup)).toBe(16);
    expect(evaluateIntExpr('WG_Y * RM', lookup)).toBe(32);
    expect(evaluateIntExpr('(WG_Y + RM) / 4u - -1', lookup)).toBe(5);
    expect(evaluateIntExpr('SIX % 4', lookup)).toBe(2);
  });
  it('gives null for what it does not follow', () => {
    expect(evaluateIntExpr('max(WG_Y, 2u)', lookup)).toBeNull();
    expect(evaluateIntExpr('UNKNOWN * 2', lookup)).toBeNull();
    expect(evaluateIntExpr('WG_Y / 0', lookup)).toBeNull();
    expect(evaluateIntExpr('2.5', lookup)).toBeNull();
  });
});
