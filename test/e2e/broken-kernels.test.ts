/**
 * The checker proves it can fail: for each kernel family a variant broken the way such kernels
 * break (made here from the real shader) must come back `incorrect`, never as a speed; and the
 * CLI's exit code for a broken kernel of a user's config is 1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KernelDescriptor, Shape } from '../../src/api/types.js';
import { getKernel } from '../../src/kernels/index.js';
import { parseResults } from '../../src/results/read.js';
import { runCli } from '../helpers/cli.js';
import { exampleProject, replaceIn } from '../helpers/example-project.js';
import { runCase, useRunner } from '../helpers/runner.js';

/** `name`'s kernel with `from` replaced by `to` in its shader (the edit must apply). */
function broken(name: string, from: string, to: string): KernelDescriptor {
  const kernel = getKernel(name);
  expect(kernel.shader, `${name}'s shader has ${from}`).toContain(from);
  return { ...kernel, shader: kernel.shader.replace(from, to) };
}

const BROKEN: { family: string; why: string; kernel: () => KernelDescriptor; shape: Shape }[] = [
  {
    family: 'matmul',
    why: 'skips the last step of K',
    kernel: () => broken('matmul-naive', 'i < dims.k', 'i + 1u < dims.k'),
    shape: { batch: 2, m: 24, n: 40, k: 33 },
  },
  {
    family: 'conv',
    why: 'misses the last filter column',
    kernel: () => broken('conv-direct', 's < conv.kernelW', 's + 1u < conv.kernelW'),
    shape: { batch: 1, height: 7, width: 9, channels: 3, filters: 8, kernelH: 3, kernelW: 2, stride: 1, pad: 0 },
  },
  {
    family: 'gemv',
    why: 'starts each row at 1e-3 instead of 0',
    kernel: () => broken('gemv', 'var sum = 0.0;', 'var sum = 1e-3;'),
    shape: { m: 40, n: 23 },
  },
  {
    family: 'copy',
    why: 'stops one vec4 short (a bound off by one)',
    kernel: () => broken('copy', 'i < params.vec4s', 'i + 1u < params.vec4s'),
    shape: { elements: 1028 },
  },
];

describe('a broken kernel of every family comes back incorrect', () => {
  const runner = useRunner();

  for (const { family, why, kernel, shape } of BROKEN) {
    it(`${family}: a variant that ${why}`, async () => {
      const descriptor = kernel();
      const outcome = await runCase(runner(), descriptor, shape, descriptor.defaultParams);
      expect(outcome.status, outcome.message).toBe('incorrect');
      expect(outcome.correctness!.passed).toBe(false);
      expect(outcome.correctness!.mismatches).toBeGreaterThan(0);
      expect(outcome.message).toMatch(
        /^\d+ of \d+ checked elements outside tolerance; worst at element \d+: expected .*, got /,
      );
      expect(outcome.timing).toBeNull(); // never timed, so never reported as a speed
    });
  }
});

describe('a broken user kernel fails the run', () => {
  it('run exits 1, and the case is incorrect with no rate', async () => {
    // The softmax's max reduction made a sum: every output is off.
    const dir = exampleProject('broken-', (d) =>
      replaceIn(join(d, 'kernels', 'softmax.wgsl'), 'max(partial[lid], other)', '(partial[lid] + other)'),
    );
    const out = join(dir, 'r.json');
    const result = await runCli(
      [
        'run',
        '--kernel',
        'softmax-rows',
        '--sizes',
        '48',
        '--no-peak',
        '--max-time',
        '500ms',
        '--rounds',
        '1',
        '--out',
        out,
      ],
      {
        cwd: dir,
      },
    );
    expect(result.code, result.stderr).toBe(1);
    const record = parseResults(JSON.parse(readFileSync(out, 'utf8')), out).cases.find(
      (c) => c.kernel === 'softmax-rows',
    )!;
    expect(record.status).toBe('incorrect');
    expect(record.gflops ?? null).toBeNull();
  });
});
