/**
 * `run --scale` on the conv suite: bad factors and suites it does not apply to, one line and exit 2, before
 * any browser starts.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

function expectOneLineUsageError(
  result: { code: number | null; stderr: string; stdout: string },
  pattern: RegExp,
): void {
  expect(result.code, result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^flopscope: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stdout).toBe('');
}

describe('run --suite conv --scale', () => {
  for (const scale of ['0', '-0.5', '1.5', 'abc', '']) {
    it(`refuses --scale "${scale}"`, async () => {
      expectOneLineUsageError(
        await runCli(['run', '--suite', 'conv', `--scale=${scale}`]),
        /--scale: ".*" is not a factor in \(0, 1\]/,
      );
    });
  }

  it('refuses --scale on a suite it does not shrink', async () => {
    expectOneLineUsageError(
      await runCli(['run', '--suite', 'matmul', '--scale', '0.5']),
      /--scale shrinks the shapes of conv, .*: suite matmul has sizes instead/,
    );
  });
});
