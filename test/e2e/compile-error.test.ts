/**
 * A user's shader that does not compile, through the CLI as a user meets it: WebGPU's compilation
 * messages come back from the runner, mapped through the link to the file the error is in (here
 * an imported one), with the source line and a caret, and the command exits 2 (the WGSL is to
 * fix) with no stack trace. In Chromium (Dawn's Tint) and in Dawn in Node, whose messages are
 * Tint's too: a native crash there stays in the CLI's process, never in the test's.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { exampleProject, replaceIn } from '../helpers/example-project.js';

/**
 * The example project with its softmax shader calling a helper, from kernels/lib/util.wgsl, that adds a u32
 * to an f32.
 */
function brokenProject(): string {
  return exampleProject('compile-error-', (dir) => {
    mkdirSync(join(dir, 'kernels/lib'));
    writeFileSync(
      join(dir, 'kernels/lib/util.wgsl'),
      '// Helpers.\nfn scaled(x: f32) -> f32 {\n\treturn x * 2.0 + 1u;\n}\n',
    );
    const shader = join(dir, 'kernels/softmax.wgsl');
    replaceIn(
      shader,
      'override WG_SIZE: u32 = 64u;',
      'import package::lib::util::scaled;\n\noverride WG_SIZE: u32 = 64u;',
    );
    replaceIn(shader, '  let row = group.x;', '  let row = group.x + u32(scaled(0.0));');
  });
}

const RUN = ['run', '--no-peak', '--sizes', '256', '--rounds', '1', '--max-time', '1s'];

function expectCompileError(result: { code: number | null; stderr: string }): void {
  expect(result.code, result.stderr).toBe(2);
  const lines = result.stderr.split('\n');
  const at = lines.findIndex((line) => line.startsWith('kernels/lib/util.wgsl:3:'));
  expect(at, result.stderr).toBeGreaterThan(-1);
  // Tint points at the expression: line 3 of the imported file, past the tab.
  expect(lines[at]).toMatch(/^kernels\/lib\/util\.wgsl:3:\d+: error: .*operator \+ \(f32, u32\)/);
  expect(lines[at + 1]).toBe('\treturn x * 2.0 + 1u;');
  expect(lines[at + 2]).toMatch(/^\t *\^+$/);
  expect(result.stderr).toMatch(
    /flopscope: the shader of softmax-rows does not compile \(errors above, at file:line:col\): fix the WGSL and run again\n$/,
  );
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('a shader that does not compile', () => {
  it('is shown at file:line:col of the imported file, with the line and a caret, and run exits 2', async () => {
    const dir = brokenProject();
    expectCompileError(await runCli([...RUN, '--out', join(dir, 'run.json')], { cwd: dir }));
  });

  const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
  it.skipIf(!existsSync(ICD))('is told the same way by Dawn in Node (--dawn, on SwiftShader Vulkan)', async () => {
    const dir = brokenProject();
    const env = { LD_LIBRARY_PATH: '/usr/lib/chromium', VK_ICD_FILENAMES: ICD };
    expectCompileError(await runCli([...RUN, '--dawn', '--out', join(dir, 'run.json')], { cwd: dir, env }));
  });
});
