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
    const short = ['--rounds', '1', '--max-time', '300ms'];
    const result = await runCli(['run', '--kernel', 'matmul-naive', '--sizes', '64', ...short, '--json', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const printed = parseResults(JSON.parse(result.stdout), 'stdout');
    const written = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(written).toEqual(printed);
    expect(printed.complete).toBe(true);
    expect(printed.peaks.measured.computeGflops).toBeGreaterThan(0);
    const bench = printed.cases.filter((c) => c.role === 'benchmark');
    expect(bench).toHaveLength(1);
    expect(bench[0]).toMatchObject({
      kernel: 'matmul-naive',
      shape: { m: 64, n: 64, k: 64 },
      status: 'ok',
      flops: 2 * 64 ** 3,
    });
    expect(bench[0]!.gflops).toBeGreaterThan(0);
    expect(bench[0]!.samples.length).toBe(bench[0]!.timing!.sampleCount);
    expect(bench[0]!.fractionOfMeasuredPeak).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual(['run.json']);
  });

  it("measures every case once per round, in turn, and keeps each round's median", async () => {
    const dir = tempDir();
    const out = join(dir, 'r.json');
    const result = await runCli([
      'run',
      '--kernel',
      'matmul-naive',
      '--sizes',
      '64,67',
      '--no-peak',
      '--rounds',
      '3',
      '--max-time',
      '1s',
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    // Case order: 64, 67, 64, 67, 64, 67.
    const started = [...result.stderr.matchAll(/\[(\d+)\/6\] matmul-naive (\d+)x\S+ \(round (\d)\/3\)/g)].map(
      (m) => `${m[2]}:${m[3]}`,
    );
    expect(started).toEqual(['64:1', '67:1', '64:2', '67:2', '64:3', '67:3']);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.suite.rounds).toBe(3);
    expect(results.cases).toHaveLength(2);
    for (const record of results.cases) {
      expect(record.status).toBe('ok');
      expect(record.timing!.roundMedians).toHaveLength(3);
      expect(record.samples).toHaveLength(record.timing!.sampleCount);
    }
    expect(result.stdout).toMatch(
      /or of the t interval of its 3 rounds' medians \(each case measured 3 times in turn\), where wider/,
    );
  });

  it('prints a table with units, clock and check on stdout and progress on stderr', async () => {
    const dir = tempDir();
    const result = await runCli([
      'run',
      '--kernel',
      'matmul-naive',
      '--sizes',
      '64',
      '--no-peak',
      '--out',
      join(dir, 'r.json'),
    ]);
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

describe('flopscope run: measurement options', () => {
  it('records the stopping rule, the clock, the interval and the reference peak per case', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.json');
    const result = await runCli([
      'run',
      '--kernel',
      'matmul-naive',
      '--sizes',
      '64',
      '--no-peak',
      '--noise',
      '5%',
      '--max-time',
      '2s',
      '--cold',
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.suite.timing).toMatchObject({ noiseTarget: 0.05, maxTimeMs: 2000, mode: 'cold' });
    const [record] = results.cases;
    expect(record!.timing).toMatchObject({ clock: 'gpu-timestamp', mode: 'cold', batchSize: 1 });
    expect(['noise-target', 'max-time', 'max-samples']).toContain(record!.timing!.stopReason);
    expect(results.peaks.reference).toMatchObject({ origin: 'cpu-estimate', estimate: true });
    expect(record!.mfu).toBeGreaterThan(0);
    expect(result.stdout).toMatch(/cold caches/);
  });

  it('takes MFU against the figures given on the command line', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.json');
    const result = await runCli([
      'run',
      '--kernel',
      'matmul-naive',
      '--sizes',
      '64',
      '--no-peak',
      '--peak-tflops',
      '0.1',
      '--peak-bandwidth',
      '50GB/s',
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    const [record] = results.cases;
    expect(results.peaks.reference).toMatchObject({ origin: 'command-line', fp32Tflops: 0.1, bandwidthGbPerS: 50 });
    expect(record!.mfu).toBeCloseTo(record!.gflops! / 100, 12);
    // 64^3 matmul: 10.7 FLOP/B against a ridge of 100 GFLOP/s / 50 GB/s = 2 FLOP/B.
    expect(record!.bound).toBe('compute');
  });

  it.each([
    [['--noise', '0'], /--noise: "0" is not a noise target/],
    [['--max-time', 'soon'], /--max-time: "soon" is not a duration/],
    [['--min-samples', '0'], /--min-samples 0 is not a whole number of at least 1/],
    [['--min-samples', '20', '--max-samples', '10'], /--max-samples 10 is below --min-samples 20/],
    [['--gpu', 'rtx 9999'], /unknown GPU "rtx 9999"/],
    [['--peak-tflops', '-3'], /--peak-tflops/],
    [['--peak-bandwidth', 'fast'], /bandwidth/i],
    [['--rounds', '0'], /--rounds 0 is not a whole number of at least 1/],
  ])('refuses %j before launching anything', async (extra, pattern) => {
    const result = await runCli(['run', '--kernel', 'matmul-naive', '--sizes', '64', ...extra]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
  });
});

describe('flopscope peaks', () => {
  it('measures the f32 peak, reports f16 as unsupported here, and names the reference', async () => {
    const dir = tempDir();
    const out = join(dir, 'p.json');
    const result = await runCli(['peaks', '--json', '--max-time', '1s', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.measured.computeGflops).toBeGreaterThan(0);
    const f32 = summary.peaks.find((row: { peak: string }) => row.peak === 'f32 compute');
    expect(f32).toMatchObject({ unit: 'GFLOP/s', clock: 'gpu-timestamp' });
    expect(f32.fractionOfReference).toBeGreaterThan(0);
    const f16 = summary.peaks.find((row: { peak: string }) => row.peak === 'f16 compute');
    expect(f16.measured).toBeNull();
    expect(f16.note).toMatch(/unsupported: .*shader-f16/);
    expect(summary.reference).toMatchObject({ origin: 'cpu-estimate', estimate: true });
    expect(parseResults(JSON.parse(readFileSync(out, 'utf8')), out).complete).toBe(true);
  });
});
