/**
 * `flopscope ab` as a user runs it: two folders of the example project (a base and a candidate),
 * a git revision, two configurations of one kernel; and the bad inputs, each a one-line error,
 * exit 2, nothing written.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResults } from '../../src/results/read.js';
import { runCli } from '../helpers/cli.js';
import { exampleProject, replaceIn } from '../helpers/example-project.js';

const project = (edit?: (dir: string) => void) => exampleProject('ab-', edit);

const QUICK = ['--sizes', '48', '--max-time', '3s'];

/**
 * The softmax made several times slower: 256 more exps per element, their sum multiplied by a zero the
 * compiler cannot see.
 */
function slowed(dir: string): void {
  const shader = join(dir, 'kernels', 'softmax.wgsl');
  replaceIn(
    shader,
    '  for (var c = lid; c < dims.cols; c += WG_SIZE) {\n    y[base + c]',
    '  let zero = f32(dims.rows >> 31u);\n  var extra = 0.0;\n  for (var c = lid; c < dims.cols; c += WG_SIZE) {\n    for (var r = 0u; r < 256u; r++) {\n      extra += exp(x[base + c] * (1.0 + f32(r) * 0.001) - rowMax);\n    }\n  }\n  for (var c = lid; c < dims.cols; c += WG_SIZE) {\n    y[base + c]',
  );
  replaceIn(shader, 'exp(x[base + c] - rowMax) / total;', 'exp(x[base + c] - rowMax) / total + zero * extra;');
}

/** Exit 2, one line naming the problem, nothing on stdout, no results written. */
async function expectRefused(dir: string, args: string[], pattern: RegExp): Promise<void> {
  const result = await runCli(['ab', ...QUICK, ...args], { cwd: dir });
  expect(result.code, result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stdout).toBe('');
  expect(existsSync(join(dir, 'results'))).toBe(false);
}

describe('flopscope ab', () => {
  it('flags a candidate several times slower than its base folder (exit 1), each side checked, and writes both sides and the ratios', async () => {
    const base = project();
    const candidate = project(slowed);
    const out = join(candidate, 'ab.json');
    const result = await runCli(['ab', '--base-dir', base, ...QUICK, '--out', out], { cwd: candidate });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/softmax-rows .* slower .*code changed/);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    const [entry] = results.ab!.cases;
    expect(entry).toMatchObject({ kernel: 'softmax-rows', verdict: 'slower', codeChanged: true });
    expect(entry!.ratio).toBeGreaterThan(1.3);
    expect(entry!.ratios.length).toBeGreaterThanOrEqual(10);
    expect(results.ab!.regressions).toBe(1);
    const sides = results.cases.map((c) => [c.side, c.status, c.correctness?.passed]);
    expect(sides).toEqual([
      ['base', 'ok', true],
      ['candidate', 'ok', true],
    ]);
    expect(results.cases[0]!.source!.hash).not.toBe(results.cases[1]!.source!.hash);
  });

  it('passes the same code against itself (exit 0)', async () => {
    const base = project();
    const candidate = project();
    const result = await runCli(['ab', '--base-dir', base, ...QUICK, '--threshold', '25%'], { cwd: candidate });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/code changed/);
    expect(result.stdout).toMatch(/Summary: 1 (unchanged|ambiguous)\./);
  });

  it('compares two configurations of one kernel', async () => {
    const dir = project();
    const result = await runCli(
      ['ab', '--base-param', 'WG_SIZE=32', '--param', 'WG_SIZE=64', ...QUICK, '--threshold', '50%', '--json'],
      { cwd: dir },
    );
    expect([0, 1]).toContain(result.code);
    const results = JSON.parse(result.stdout) as { cases: { side: string; params: Record<string, number> }[] };
    expect(results.cases.map((c) => [c.side, c.params.WG_SIZE])).toEqual([
      ['base', 32],
      ['candidate', 64],
    ]);
  });

  it('compares against a git revision of the repository the config is in', async () => {
    const dir = project();
    // As in a user's repository: flopscope installed in its node_modules (here, this checkout), which git ignores.
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(resolve(import.meta.dirname, '../..'), join(dir, 'node_modules', 'flopscope'));
    writeFileSync(join(dir, '.gitignore'), 'node_modules/\nresults/\n');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', '.'], { cwd: dir });
    execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'base'], { cwd: dir });
    slowed(dir);
    const result = await runCli(['ab', '--base', 'HEAD', ...QUICK], { cwd: dir });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/Base: HEAD \([0-9a-f]{10}\)\. Candidate: working tree\./);
    // The worktree it checked out is gone again.
    expect(execFileSync('git', ['worktree', 'list'], { cwd: dir, encoding: 'utf8' }).trim().split('\n')).toHaveLength(
      1,
    );
  });

  it('refuses a base revision that does not exist', async () => {
    const dir = project();
    execFileSync('git', ['init', '-q'], { cwd: dir });
    await expectRefused(
      dir,
      ['--base', 'no-such-branch'],
      /^flopscope: --base no-such-branch: no such revision in .*: give a branch, tag or commit/,
    );
  });

  it('refuses a base that does not load, a base without the kernel, and kernels whose shapes differ', async () => {
    const candidate = project();
    const broken = project((d) =>
      replaceIn(join(d, 'flopscope.config.ts'), "kernels: ['./kernels/*.ts'],", "kernels: ['./kernels/*.ts'],,"),
    );
    await expectRefused(
      candidate,
      ['--base-dir', broken],
      /^flopscope: the base \(directory .*\) does not load: .*flopscope\.config\.ts:4:\d+: Expected identifier/,
    );
    const renamed = project((d) => {
      replaceIn(join(d, 'kernels', 'softmax.ts'), "name: 'softmax-rows'", "name: 'softmax-other'");
      replaceIn(join(d, 'flopscope.config.ts'), "kernels: ['softmax-rows']", "kernels: ['softmax-other']");
    });
    await expectRefused(
      candidate,
      ['--base-dir', renamed],
      /^flopscope: the base \(directory .*\) has no kernel softmax-rows: it has .*softmax-other/,
    );
    const wider = project((d) =>
      replaceIn(
        join(d, 'kernels', 'softmax.ts'),
        'shapeFromSize: (size) => ({ rows: size, cols: size })',
        'shapeFromSize: (size) => ({ rows: size, cols: 2 * size })',
      ),
    );
    await expectRefused(
      candidate,
      ['--base-dir', wider],
      /^flopscope: kernel softmax-rows: its shape is 48x96 in the base and 48x48 in the candidate: an A\/B run compares two versions of one computation$/,
    );
  });

  it('refuses no base, or two', async () => {
    const dir = project();
    await expectRefused(dir, [], /^flopscope: an A\/B run needs one base: --base REV/);
    await expectRefused(
      dir,
      ['--base', 'HEAD', '--base-param', 'WG_SIZE=32'],
      /^flopscope: an A\/B run needs one base/,
    );
  });
});
