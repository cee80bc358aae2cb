import { describe, expect, it } from 'vitest';
import { getKernel } from '../../src/kernels/index.js';
import { withCompileErrors } from '../../src/measure/compile-failure.js';
import { buildProgram } from '../../src/measure/program.js';
import { registerLinkedShader } from '../../src/shaders/linked-shaders.js';
import { linkShader } from '../../src/shaders/link.js';
import { lineColOf } from '../../src/shaders/source-map.js';

const LIB = 'fn scaled(x: f32) -> f32 {\n  return x * 2.0 + 1u;\n}\n';
const ROOT =
  'import package::lib::util::scaled;\n\n@group(0) @binding(0) var<storage, read_write> out: array<f32>;\n\n@compute @workgroup_size(1)\nfn main() {\n  out[0] = scaled(1.0);\n}\n';

describe('withCompileErrors', () => {
  it('rewrites a compile failure as file:line:col, the source line and a caret, through the link', async () => {
    const linked = await linkShader(
      'broken.wgsl',
      { 'broken.wgsl': ROOT, 'lib/util.wgsl': LIB },
      { displayRoot: 'kernels/' },
    );
    registerLinkedShader(linked);
    const kernel = { ...getKernel('matmul-naive'), shader: linked.code };
    const program = buildProgram(kernel, kernel.shapeFromSize(8), kernel.defaultParams, 1, 64);
    const offset = linked.code.indexOf('x * 2.0 + 1u');
    const { line, col } = lineColOf(linked.code, offset);
    const failure = {
      status: 'error' as const,
      message: 'WGSL error in stage matmul at line 1:1: no matching overload',
      compile: {
        shader: 0,
        stage: 'matmul',
        messages: [
          {
            type: 'error' as const,
            message: "no matching overload for 'operator + (f32, u32)'",
            lineNum: line,
            linePos: col,
            offset,
            length: 12,
          },
        ],
      },
    };
    expect(withCompileErrors(failure, program, kernel).message).toBe(
      "WGSL error in stage matmul:\nkernels/lib/util.wgsl:2:10: error: no matching overload for 'operator + (f32, u32)'\n  return x * 2.0 + 1u;\n         ^^^^^^^^^^^^",
    );
  });

  it('leaves a failure without compile messages as it is', () => {
    const kernel = getKernel('matmul-naive');
    const program = buildProgram(kernel, kernel.shapeFromSize(8), kernel.defaultParams, 1, 64);
    const failure = { status: 'error' as const, message: 'device lost' };
    expect(withCompileErrors(failure, program, kernel)).toBe(failure);
  });
});
