/** `flopscope compare`: exit 0, 1 and 2 as CI relies on them. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getKernel } from '../../src/kernels/index.js';
import { caseRecord } from '../../src/results/derive.js';
import type { Results } from '../../src/results/schema.js';
import { writeJsonAtomic } from '../../src/host/results-files.js';
import { createRng } from '../../src/stats/rng.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { emptyResults, okOutcome } from '../helpers/results.js';

const naive = getKernel('matmul-naive');

function runFile(
  dir: string,
  name: string,
  ms: number,
  seed: number,
  startedAt: string,
  mutate: (r: Results) => void = () => undefined,
): string {
  const rng = createRng(seed);
  const results = emptyResults();
  results.env.startedAt = startedAt;
  const samples = Array.from({ length: 30 }, () => ms * (1 + (rng.nextFloat() - 0.5) * 0.02));
  results.cases.push(
    caseRecord(naive, naive.shapeFromSize(64), naive.defaultParams, 'benchmark', okOutcome(samples), {
      measured: results.peaks.measured,
      reference: null,
    }),
  );
  mutate(results);
  const path = join(dir, name);
  writeJsonAtomic(path, results);
  return path;
}

describe('flopscope compare', () => {
  it('exits 0 when nothing is slower', async () => {
    const dir = tempDir();
    const result = await runCli([
      'compare',
      runFile(dir, 'a.json', 1, 1, '2026-01-01'),
      runFile(dir, 'b.json', 1, 2, '2026-01-02'),
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/matmul-naive.*unchanged/);
  });

  it('exits 1 on a significant slowdown beyond the threshold, and 0 with a higher threshold', async () => {
    const dir = tempDir();
    const base = runFile(dir, 'a.json', 1, 1, '2026-01-01');
    const slow = runFile(dir, 'b.json', 1.2, 2, '2026-01-02');
    const result = await runCli(['compare', base, slow, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ regressions: 1, rows: [{ verdict: 'slower' }] });
    expect((await runCli(['compare', base, slow, '--threshold', '30%'])).code).toBe(0);
  });

  it('takes several baselines: the last file is the new run', async () => {
    const dir = tempDir();
    const bases = [
      runFile(dir, 'a.json', 1, 1, '2026-01-01'),
      runFile(dir, 'b.json', 1.01, 3, '2026-01-02'),
      runFile(dir, 'c.json', 0.99, 5, '2026-01-03'),
    ];
    const result = await runCli(['compare', ...bases, runFile(dir, 'n.json', 2, 2, '2026-01-04'), '--json']);
    expect(result.code, result.stderr).toBe(1);
    const parsed = JSON.parse(result.stdout);
    expect(parsed).toMatchObject({ base: bases, baseRuns: 3, rows: [{ verdict: 'slower', baseRuns: 3 }] });
    expect(parsed.rows[0].runToRun).toBeGreaterThan(0);
  });

  it('takes the newest earlier runs from the same adapter with --baseline latest --runs N', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'results'));
    runFile(join(dir, 'results'), 'old.json', 1, 1, '2026-01-01');
    runFile(join(dir, 'results'), 'mid.json', 1, 3, '2026-01-02');
    runFile(join(dir, 'results'), 'other-gpu.json', 1, 4, '2026-01-03', (r) => {
      r.env.adapter.description = 'NVIDIA H100';
    });
    const next = runFile(join(dir, 'results'), 'next.json', 1, 2, '2026-01-04');
    const result = await runCli(['compare', '--baseline', 'latest', '--runs', '2', next, '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).base).toEqual([join('results', 'mid.json'), join('results', 'old.json')]);
  });

  it('finds the newest earlier run with --baseline latest', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'results'));
    runFile(join(dir, 'results'), 'old.json', 2, 1, '2026-01-01');
    runFile(join(dir, 'results'), 'newer.json', 1, 3, '2026-01-02');
    const next = runFile(join(dir, 'results'), 'next.json', 1, 2, '2026-01-03');
    writeFileSync(join(dir, 'results', 'x.partial.json'), '{}');
    const result = await runCli(['compare', '--baseline', 'latest', next, '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).base).toMatch(/newer\.json$/);
  });

  it.each([
    [
      'a missing file',
      (dir: string) => ['compare', join(dir, 'none.json'), runFile(dir, 'b.json', 1, 2, '2026-01-02')],
      /cannot read .*none\.json/,
    ],
    [
      'a file that is not results',
      (dir: string) => {
        writeFileSync(join(dir, 'x.json'), '{"a":1}');
        return ['compare', join(dir, 'x.json'), runFile(dir, 'b.json', 1, 2, '2026-01-02')];
      },
      /not a flopscope results file/,
    ],
    [
      'another schema version',
      (dir: string) => {
        writeFileSync(join(dir, 'v.json'), '{"schema":"flopscope/results@2"}');
        return ['compare', join(dir, 'v.json'), runFile(dir, 'b.json', 1, 2, '2026-01-02')];
      },
      /has schema flopscope\/results@2/,
    ],
    [
      'different adapters',
      (dir: string) => [
        'compare',
        runFile(dir, 'a.json', 1, 1, '2026-01-01'),
        runFile(dir, 'b.json', 1, 2, '2026-01-02', (r) => {
          r.env.adapter.description = 'NVIDIA H100';
        }),
      ],
      /pass --allow-different-devices/,
    ],
    [
      'one file only',
      (dir: string) => ['compare', runFile(dir, 'a.json', 1, 1, '2026-01-01')],
      /give two results files/,
    ],
    [
      '--runs without --baseline latest',
      (dir: string) => [
        'compare',
        runFile(dir, 'a.json', 1, 1, '2026-01-01'),
        runFile(dir, 'b.json', 1, 2, '2026-01-02'),
        '--runs',
        '2',
      ],
      /--runs goes with --baseline latest/,
    ],
    [
      'a baseline among several from another adapter',
      (dir: string) => [
        'compare',
        runFile(dir, 'a.json', 1, 1, '2026-01-01'),
        runFile(dir, 'g.json', 1, 3, '2026-01-02', (r) => {
          r.env.adapter.description = 'NVIDIA H100';
        }),
        runFile(dir, 'b.json', 1, 2, '2026-01-03'),
      ],
      /g\.json ran on .*pass --allow-different-devices/,
    ],
  ])('exits 2 on %s', async (_what, args, pattern) => {
    const result = await runCli(args(tempDir()));
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
  });

  it('compares different adapters when allowed', async () => {
    const dir = tempDir();
    const result = await runCli([
      'compare',
      runFile(dir, 'a.json', 1, 1, '2026-01-01'),
      runFile(dir, 'b.json', 1, 2, '2026-01-02', (r) => {
        r.env.adapter.description = 'NVIDIA H100';
      }),
      '--allow-different-devices',
    ]);
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('flopscope report', () => {
  it('prints Markdown, writes HTML and github-action-benchmark JSON', async () => {
    const dir = tempDir();
    const file = runFile(dir, 'a.json', 1, 1, '2026-01-01');
    const markdown = await runCli(['report', file]);
    expect(markdown.code, markdown.stderr).toBe(0);
    expect(markdown.stdout).toMatch(/## flopscope results/);
    const html = join(dir, 'r.html');
    const out = join(dir, 'bench.json');
    const written = await runCli(['report', file, '--html', html, '--format', 'github-action-benchmark', '--out', out]);
    expect(written.code, written.stderr).toBe(0);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(html, 'utf8')).toMatch(/<canvas id="roofline">/);
    expect(JSON.parse(readFileSync(out, 'utf8'))[0]).toMatchObject({ unit: 'GFLOP/s' });
  });

  it('exits 2 for a file that is not results, and when results/ is empty', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.json'), '{}');
    expect((await runCli(['report', join(dir, 'x.json')])).code).toBe(2);
    const empty = await runCli(['report'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no results files given/);
  });
});
