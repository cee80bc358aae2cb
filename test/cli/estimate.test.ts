/** `flopscope estimate`: JSON fields for scripts, and bad input with exit code 2. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJsonAtomic } from '../../src/host/results-files.js';
import { getKernel } from '../../src/kernels/index.js';
import { caseRecord } from '../../src/results/derive.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { emptyResults, okOutcome } from '../helpers/results.js';

async function json(args: string[]): Promise<Record<string, unknown>> {
  const result = await runCli(['estimate', ...args, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe('flopscope estimate', () => {
  it('training: flops, days and gpuHours from human numbers', async () => {
    const e = await json([
      'training',
      '--params',
      '70B',
      '--tokens',
      '1.4T',
      '--gpus',
      '2048',
      '--peak-tflops',
      '989',
      '--mfu',
      '0.4',
    ]);
    expect(e.flops).toBeCloseTo(5.88e23, -18);
    expect(e.days).toBeCloseTo(8.4, 2);
    // 5.88e23 / (2048 x 989e12 x 0.4) = 725,757 s; x 2048 GPUs / 3600 = 412,875 GPU-hours.
    expect(e.gpuHours).toBeCloseTo(412_875, 0);
  });

  it('training with --gpu takes the vendor f32 peak and names its source', async () => {
    const e = await json(['training', '--params', '1B', '--tokens', '20B', '--gpu', 'H100 SXM']);
    expect((e.peak as { peakTflops: number; source: string }).source).toMatch(/H100.*https:\/\//);
  });

  it('training --from takes the MFU a results file measured, and says from which case', async () => {
    const dir = tempDir();
    const results = emptyResults();
    const naive = getKernel('matmul-naive');
    results.peaks.reference = {
      name: 'Test GPU',
      origin: 'command-line',
      matchedBy: '--peak-tflops 0.01',
      fp32Tflops: 0.01,
      fp16Tflops: null,
      tensorFp16Tflops: null,
      bandwidthGbPerS: null,
      boostClockMhz: null,
      source: 'command line',
      estimate: false,
    };
    // 2 x 64^3 FLOPs in 0.1 ms = 5.24 GFLOP/s = 52.4% of 10 GFLOP/s.
    results.cases.push(
      caseRecord(naive, naive.shapeFromSize(64), naive.defaultParams, 'benchmark', okOutcome(Array(8).fill(0.1)), {
        measured: results.peaks.measured,
        reference: results.peaks.reference,
      }),
    );
    const path = join(dir, 'r.json');
    writeJsonAtomic(path, results);
    const e = await json(['training', '--params', '1B', '--tokens', '20B', '--peak-tflops', '100', '--from', path]);
    const measured = e.atMeasuredMfu as { mfu: number; source: string; days: number };
    expect(measured.mfu).toBeCloseTo(0.524288, 6);
    expect(measured.source).toMatch(/matmul-naive\/64x64x64/);
    expect(measured.days).toBeCloseTo((e.days as number) / 0.524288, 6);
  });

  it('memory: bytesPerDevice', async () => {
    expect((await json(['memory', '--params', '7B', '--zero', '3', '--gpus', '8'])).bytesPerDevice).toBeCloseTo(
      14e9,
      0,
    );
  });

  it('inference: tokensPerSecond from a bandwidth with a unit', async () => {
    expect((await json(['inference', '--params', '7B', '--bandwidth', '3.35TB/s'])).tokensPerSecond).toBeCloseTo(
      3350 / 14,
      9,
    );
  });

  it('conv: output, params, macs, flops', async () => {
    const e = await json(['conv', '--input', '227x227x3', '--filters', '96', '--kernel', '11', '--stride', '4']);
    expect(e).toMatchObject({ output: [55, 55, 96], params: 34_848, macs: 105_415_200, flops: 210_830_400 });
  });

  it('transformer: paramsPerLayer and forwardFlops', async () => {
    const e = await json(['transformer', '--hidden', '768', '--seq', '512', '--layers', '12']);
    expect(e).toMatchObject({ paramsPerLayer: 7_077_888, forwardFlops: 12 * 8_053_063_680 });
  });

  it('chinchilla: tokens for a model size', async () => {
    expect(await json(['chinchilla', '--params', '70B'])).toMatchObject({ tokens: 1.4e12 });
  });

  it('prints readable text by default', async () => {
    const result = await runCli([
      'estimate',
      'training',
      '--params',
      '70B',
      '--tokens',
      '1.4T',
      '--gpus',
      '2048',
      '--peak-tflops',
      '989',
      '--mfu',
      '0.4',
    ]);
    expect(result.stdout).toMatch(/wall time\s+8\.40 days/);
    expect(result.stdout).toMatch(/413k GPU-hours/);
  });

  it.each([
    [['training', '--tokens', '1T', '--peak-tflops', '1'], /--params is missing: give e.g. --params 70B/],
    [['training', '--params=-7B', '--tokens', '1T', '--peak-tflops', '1'], /--params/],
    [['training', '--params', '7B', '--tokens', '1T'], /give the per-GPU peak: --peak-tflops P .* or --gpu NAME/],
    [['training', '--params', '7B', '--tokens', '1T', '--gpu', 'H1000'], /unknown GPU "H1000": did you mean/],
    [['training', '--params', '7B', '--tokens', '1T', '--peak-tflops', '1', '--mfu', '1.5'], /mfu/],
    [['memory', '--params', '7B', '--zero', '4'], /--zero 4 is not a ZeRO stage/],
    [['memory', '--params', '7B', '--layers', '32'], /activations need all of --layers --hidden --seq --batch/],
    [['inference', '--params', '7B', '--bandwidth', 'fast'], /--bandwidth: /],
    [
      ['conv', '--input', '227x227', '--filters', '96', '--kernel', '11'],
      /--input 227x227 is not 3 positive whole numbers/,
    ],
    [['conv', '--input', '5x5x3', '--filters', '8', '--kernel', '7'], /kernel|fit/i],
    [['chinchilla'], /give exactly one of --params N or --flops C/],
    [
      ['training', '--params', '7B', '--tokens', '1T', '--peak-tflops', '1', '--from', '/nonexistent.json'],
      /cannot read \/nonexistent\.json/,
    ],
  ])('refuses %j with one line and exit code 2', async (args, pattern) => {
    const result = await runCli(['estimate', ...args]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
  });
});

describe('workload suites', () => {
  it('run a scaled workload and report it as the sum of its layers', async () => {
    const out = join(tempDir(), 'w.json');
    const result = await runCli([
      'run',
      '--suite',
      'bert-base',
      '--scale',
      '0.1',
      '--no-peak',
      '--noise',
      '5%',
      '--rounds',
      '1',
      '--max-time',
      '300ms',
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const results = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8'));
    const [workload] = results.workloads;
    expect(workload).toMatchObject({ name: 'bert-base', scale: 0.1 });
    expect(workload.layers).toHaveLength(12);
    const total = workload.layers.reduce(
      (sum: number, l: { medianMs: number; repeat: number }) => sum + l.medianMs * l.repeat,
      0,
    );
    expect(workload.totalMs).toBeCloseTo(total, 9);
    expect(results.suite.scale).toBe(0.1);
    expect(result.stdout).toMatch(/Workload.*Scale.*GFLOP\/s/);
    expect(result.stdout).toMatch(/seq128\.qkv x12: matmul-/);
  });

  it.each([
    [['--suite', 'bert-base', '--scale', '0'], /--scale: "0" is not a factor in \(0, 1\]/],
    [['--suite', 'bert-base', '--scale', '2'], /--scale: "2" is not a factor/],
    [['--suite', 'bert-base', '--kernel', 'matmul-naive'], /is a model workload with its own shapes and kernels/],
    [['--suite', 'bertbase'], /unknown suite "bertbase": choose one of .*bert-base/],
  ])('refuse %j', async (args, pattern) => {
    const result = await runCli(['run', ...args]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(pattern);
  });
});
