/** Bad input: one line on stderr naming the problem and the fix, exit code 2, nothing clobbered. */
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

/** Exit 2 with exactly one line on stderr that matches `pattern`, and no stack trace. */
function expectUsageError(result: { code: number | null; stderr: string; stdout: string }, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^flopscope: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout).toBe('');
}

describe('bad input without a browser', () => {
  it('names the valid kernels for an unknown one', async () => {
    expectUsageError(await runCli(['run', '--kernel', 'nope']), /unknown kernel "nope": choose one of .*matmul-naive/);
  });

  it('names the valid suites for an unknown one', async () => {
    expectUsageError(await runCli(['run', '--suite', 'nope']), /unknown suite "nope": choose one of .*quick/);
  });

  for (const size of ['0', '-4', 'abc', '12.5']) {
    it(`refuses the size ${size}`, async () => {
      expectUsageError(
        await runCli(['run', '--kernel', 'matmul-naive', `--sizes=${size}`]),
        /--sizes: .* is not a positive whole number: give sizes like/,
      );
    });
  }

  it('names the commands for an unknown one', async () => {
    expectUsageError(
      await runCli(['frob']),
      /unknown command "frob": choose one of run, ab, tune, peaks, device, estimate, serve, compare, report/,
    );
  });

  it('refuses an unknown option', async () => {
    expectUsageError(await runCli(['run', '--frob']), /Unknown argument: frob/);
  });

  it('shows the stack with --verbose', async () => {
    const result = await runCli(['run', '--kernel', 'nope', '--verbose']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

  it('refuses an --out that cannot be written, before launching anything', async () => {
    const dir = tempDir();
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'not a folder');
    expectUsageError(
      await runCli(['run', '--kernel', 'matmul-naive', '--sizes', '64', '--out', join(blocker, 'x.json')]),
      /cannot write --out .*: choose a path in a writable folder/,
    );
    expect(readFileSync(blocker, 'utf8')).toBe('not a folder');
  });

  it('refuses an --out that is a folder', async () => {
    const dir = tempDir();
    expectUsageError(
      await runCli(['run', '--kernel', 'matmul-naive', '--sizes', '64', '--out', dir]),
      /is a directory: give a file name/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says how to get a browser when the one named does not exist', async () => {
    expectUsageError(
      await runCli(['device'], { env: { FLOPSCOPE_BROWSER: '/nonexistent/chrome' } }),
      /FLOPSCOPE_BROWSER=\/nonexistent\/chrome is not an executable file/,
    );
  });

  it('says how to get a browser when none can be found or installed', async () => {
    const result = await runCli(['device'], {
      env: { PATH: '/nonexistent', FLOPSCOPE_NO_INSTALL: '1', PUPPETEER_EXECUTABLE_PATH: '', FLOPSCOPE_BROWSER: '' },
    });
    expectUsageError(result, /no Chromium or Chrome/i);
  });
});

describe('bad input found once the browser is up', () => {
  it('names the limit and the largest size that fits', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.json');
    expectUsageError(
      await runCli(['run', '--kernel', 'matmul-naive', '--sizes', '20000', '--no-peak', '--out', out]),
      /maxStorageBufferBindingSize.*largest .*size that fits.*16384/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('keeps an existing results file when a run fails on bad input', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.json');
    writeFileSync(out, '{"keep": true}\n');
    expectUsageError(
      await runCli(['run', '--kernel', 'matmul-naive', '--sizes', '20000', '--no-peak', '--out', out]),
      /maxStorageBufferBindingSize/,
    );
    expect(readFileSync(out, 'utf8')).toBe('{"keep": true}\n');
  });

  it('explains a browser without a WebGPU adapter', async () => {
    const result = await runCli([
      'device',
      '--browser-flag=--disable-gpu',
      '--browser-flag=--disable-software-rasterizer',
    ]);
    expectUsageError(result, /no WebGPU adapter: check that it is Chromium\/Chrome 113 or newer/);
  });
});
