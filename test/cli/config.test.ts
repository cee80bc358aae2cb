/**
 * A user's config and kernels, as a user writes them: loaded with no build step, and every
 * mistake in them a one-line error naming the file (and line) and the fix, exit 2, nothing written.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResults } from '../../src/results/read.js';
import { runCli } from '../helpers/cli.js';
import { exampleProject, replaceIn } from '../helpers/example-project.js';

const project = (edit?: (dir: string) => void) => exampleProject('config-', edit);

/** Exit 2, one line naming the problem, no stack trace, nothing on stdout, no results written. */
async function expectRefused(dir: string, args: string[], pattern: RegExp): Promise<void> {
  const result = await runCli(['run', '--no-peak', '--rounds', '1', ...args], { cwd: dir });
  expect(result.code, result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stdout).toBe('');
  expect(existsSync(join(dir, 'results'))).toBe(false);
}

describe('a config and its kernels', () => {
  it('is found from the working directory upwards, and its kernel is measured and checked like a built-in', async () => {
    const dir = project();
    mkdirSync(join(dir, 'deeper'));
    const out = join(dir, 'run.json');
    const result = await runCli(
      ['run', '--sizes', '48', '--no-peak', '--rounds', '1', '--max-time', '300ms', '--out', out],
      { cwd: join(dir, 'deeper') },
    );
    expect(result.code, result.stderr).toBe(0);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.suite.name).toBe('softmax');
    const [record] = results.cases;
    expect(record).toMatchObject({
      kernel: 'softmax-rows',
      status: 'ok',
      shape: { rows: 48, cols: 48 },
      metric: 'bandwidth',
      flops: 5 * 48 * 48,
      bytes: 8 * 48 * 48,
    });
    expect(record!.correctness).toMatchObject({ passed: true, mode: 'full', checked: 48 * 48 });
    expect(record!.source).toMatchObject({
      module: expect.stringMatching(/kernels\/softmax\.ts$/),
      file: expect.stringMatching(/kernels\/softmax\.wgsl$/),
      hash: expect.stringMatching(/^fnv1a64:[0-9a-f]{16}$/),
    });
  });

  it('refuses a config with a syntax error, naming the file and line', async () => {
    const dir = project((d) =>
      replaceIn(join(d, 'flopscope.config.ts'), "kernels: ['./kernels/*.ts'],", "kernels: ['./kernels/*.ts'],,"),
    );
    await expectRefused(
      dir,
      [],
      /^flopscope: flopscope\.config\.ts:4:\d+: Expected identifier but found ",": fix the syntax there$/,
    );
  });

  it('refuses a kernel module that exports no kernel', async () => {
    const dir = project((d) => writeFileSync(join(d, 'kernels', 'helpers.ts'), 'export const rows = 4;\n'));
    await expectRefused(dir, [], /^flopscope: .*kernels\/helpers\.ts exports no kernel: export default defineKernel/);
  });

  it('refuses a kernel that would shadow a built-in', async () => {
    const dir = project((d) =>
      replaceIn(join(d, 'kernels', 'softmax.ts'), "name: 'softmax-rows'", "name: 'matmul-naive'"),
    );
    await expectRefused(
      dir,
      [],
      /^flopscope: two kernels are called matmul-naive \(built in and .*kernels\/softmax\.ts\): rename one/,
    );
  });

  it('refuses two kernels of one name', async () => {
    const dir = project((d) => cpSync(join(d, 'kernels', 'softmax.ts'), join(d, 'kernels', 'softmax-copy.ts')));
    await expectRefused(
      dir,
      [],
      /^flopscope: two kernels are called softmax-rows \(.*kernels\/softmax(-copy)?\.ts and .*kernels\/softmax(-copy)?\.ts\): rename one$/,
    );
  });

  it('refuses a shader path that does not exist', async () => {
    const dir = project((d) =>
      replaceIn(join(d, 'kernels', 'softmax.ts'), "shader: './softmax.wgsl'", "shader: './sofmax.wgsl'"),
    );
    await expectRefused(
      dir,
      [],
      /^flopscope: kernel softmax-rows \(.*kernels\/softmax\.ts\): its shader \.\/sofmax\.wgsl is not there .*: fix the path, relative to .*kernels\/softmax\.ts$/,
    );
  });

  it('refuses a parameter the shader does not declare', async () => {
    const dir = project((d) =>
      replaceIn(
        join(d, 'kernels', 'softmax.ts'),
        'params: { WG_SIZE: [32, 64, 128, 256] }',
        'params: { WG_SIZE: [32, 64, 128, 256], TILE: [4, 8] }',
      ),
    );
    await expectRefused(
      dir,
      [],
      /^flopscope: kernel softmax-rows \(.*kernels\/softmax\.ts\): TILE is not an override in .*kernels\/softmax\.wgsl: declare override TILE: u32 or drop it from params$/,
    );
  });

  it('refuses a reference that returns something other than a number', async () => {
    const dir = project((d) =>
      replaceIn(
        join(d, 'kernels', 'softmax.ts'),
        'return { value, tolerance:',
        'return { value: String(value) as unknown as number, tolerance:',
      ),
    );
    await expectRefused(
      dir,
      [],
      /^flopscope: kernel softmax-rows \(.*kernels\/softmax\.ts\): custom problem "softmax rows": reference\(\) returned \{"value":"0\.\d+",.*\} for element 0: return the expected value as a number/,
    );
  });

  it('refuses a missing --config file', async () => {
    const dir = project();
    await expectRefused(dir, ['--config', 'nope.config.ts'], /^flopscope: --config nope\.config\.ts: no such file/);
    expect(readdirSync(dir)).not.toContain('results');
  });
});
