/** The run and device commands end to end, as a user types them. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResults } from '../../src/results/read.js';
import { runCli, tempDir } from '../helpers/cli.js';

describe('flopscope run', () => {
  it('prints valid results JSON with --json and writes the same to --out', async () => {
    const dir = tempDir();
    const out = join(dir, 'run.json');
    const result = await runCli(['run', '--kernel', 'matmul-naive', '--sizes', '64', '--json', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const printed = parseResults(JSON.parse(result.stdout), 'stdout');
    const written = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(written).toEqual(printed);
    expect(printed.complete).toBe(true);
    expect(printed.peaks.measured.computeGflops).toBeGreaterThan(0);
    const bench = printed.cases.filter((c) => c.role === 'benchmark');
    expect(bench).toHaveLength(1);
    expect(bench[0]).toMatchObject({ kernel: 'matmul-naive', shape: { m: 64, n: 64, k: 64 }, status: 'ok', flops: 2 * 64 ** 3 });
    expect(bench[0]!.gflops).toBeGreaterThan(0);
    expect(bench[0]!.samples.length).toBe(bench[0]!.timing!.sampleCount);
    expect(bench[0]!.fractionOfMeasuredPeak).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual(['run.json']);
  });

  it('prints a table with units, clock and check on stdout and progress on stderr', async () => {
    const dir = tempDir();
    const result = await runCli(['run', '--kernel', 'matmul-naive', '--sizes', '64', '--no-peak', '--out', join(dir, 'r.json')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Kernel.*Shape.*Median \(ms\).*GFLOP\/s/);
    expect(result.stdout).toMatch(/matmul-naive\s.*64x64x64.*\bok\b/);
    expect(result.stdout).toMatch(/clock/);
    expect(result.stderr).toMatch(/matmul-naive/);
    expect(result.stderr).toMatch(/r\.json/);
    expect(existsSync(join(dir, 'r.json'))).toBe(true);
  });
});

describe('flopscope device', () => {
  it('prints the adapter, features and limits as JSON', async () => {
    const result = await runCli(['device', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const device = JSON.parse(result.stdout);
    expect(device.browser.version).toMatch(/Chrom/);
    expect(device.adapter).toHaveProperty('vendor');
    expect(device.limits.maxComputeInvocationsPerWorkgroup).toBeGreaterThan(0);
  });

  it('prints a readable summary without --json', async () => {
    const result = await runCli(['device']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/maxStorageBufferBindingSize/);
  });
});
