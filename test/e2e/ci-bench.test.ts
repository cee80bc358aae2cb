/**
 * scripts/ci-bench.sh, the CI workflow's one step, end to end on a real (small) run: without a
 * baseline it measures and reports and passes; against baselines ten times as fast it fails with
 * compare's exit code 1; it never overwrites an earlier run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Results } from '../../src/results/schema.js';
import { runProcess, tempDir } from '../helpers/cli.js';

const SCRIPT = resolve(import.meta.dirname, '../../scripts/ci-bench.sh');
const SMALL_RUN = ['--', '--kernel', 'matmul-naive', '--sizes', '64', '--no-peak', '--max-time', '1s'];

const ciBench = (args: readonly string[]) => runProcess('bash', [SCRIPT, ...args]);

describe('scripts/ci-bench.sh', () => {
  it("runs, compares with the baseline, reports, and exits with compare's verdict", { timeout: 120_000 }, async () => {
    const root = tempDir();
    const first = join(root, 'first');
    const plain = await ciBench(['--baseline', join(root, 'none.json'), '--dir', first, ...SMALL_RUN]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toMatch(/no baseline at .*none\.json/);
    for (const file of ['new.json', 'run.txt', 'report.html', 'report.md'])
      expect(existsSync(join(first, file)), file).toBe(true);
    expect(readFileSync(join(first, 'report.md'), 'utf8')).toMatch(/\| matmul-naive \| 64x64x64 \|/);

    // A folder of two baseline runs in which the same case ran ten times as fast: the new run is
    // a regression even counting the spread between them (and whatever this machine's load does
    // to the new run: relaunches here differ by tens of percent, never 10x).
    const baselines = join(root, 'baselines');
    mkdirSync(baselines);
    for (const [name, factor] of [
      ['a.json', 0.1],
      ['b.json', 0.102],
    ] as const) {
      const results = JSON.parse(readFileSync(join(first, 'new.json'), 'utf8')) as Results;
      for (const record of results.cases) {
        record.samples = record.samples.map((ms) => ms * factor);
        if (record.timing) record.timing.medianMs *= factor;
      }
      writeFileSync(join(baselines, name), JSON.stringify(results));
    }
    const second = join(root, 'second');
    const slower = await ciBench(['--baseline', baselines, '--dir', second, ...SMALL_RUN]);
    expect(slower.code, slower.stderr).toBe(1);
    const compared = readFileSync(join(second, 'compare.txt'), 'utf8');
    expect(compared).toMatch(/Base: .*a\.json, .*b\.json \(2 runs, samples pooled\)/);
    expect(compared).toMatch(/matmul-naive.*slower/);
    expect(existsSync(join(second, 'report.html'))).toBe(true);

    // The same folder again: refused before anything runs, the earlier results intact.
    const before = readFileSync(join(second, 'new.json'), 'utf8');
    const again = await ciBench(['--dir', second, ...SMALL_RUN]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/new\.json exists: give another --dir/);
    expect(readFileSync(join(second, 'new.json'), 'utf8')).toBe(before);
  });

  it(
    'on a pull request, A/B runs the merge base against the working tree and exits with the verdict',
    { timeout: 180_000 },
    async () => {
      const root = tempDir();
      // This repository's own kernels: HEAD against the working tree, interleaved.
      const result = await ciBench([
        '--ab-base',
        'HEAD',
        '--dir',
        root,
        '--threshold',
        '50%',
        '--',
        '--kernel',
        'matmul-naive',
        '--sizes',
        '48',
        '--max-time',
        '2s',
      ]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/flopscope ab --base HEAD --threshold 50%/);
      const markdown = readFileSync(join(root, 'report.md'), 'utf8');
      expect(markdown).toMatch(/### A\/B: ab\n\nNo case slower than HEAD \([0-9a-f]{10}\) by more than 50%/);
      expect(markdown).toMatch(/\| matmul-naive \| 48x48x48 \|/);
      expect(existsSync(join(root, 'report.html'))).toBe(true);
      const refused = await ciBench(['--ab-base', 'HEAD', '--baseline', 'x', '--dir', join(root, 'other')]);
      expect(refused.code).toBe(2);
    },
  );
});
