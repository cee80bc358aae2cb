import { describe, expect, it } from 'vitest';
import { getKernel } from '../../src/kernels/index.js';
import { caseRecord } from '../../src/results/derive.js';
import type { Results } from '../../src/results/schema.js';
import { compareRuns, formatComparison } from '../../src/report/compare.js';
import { createRng } from '../../src/stats/rng.js';
import { emptyResults, okOutcome } from '../helpers/results.js';

const naive = getKernel('matmul-naive');
const peaks = { measured: { computeGflops: null, computeCaseId: null }, reference: null };

/** 30 independent samples around `ms` with ±1% uniform noise (seeded). */
function noisy(ms: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: 30 }, () => ms * (1 + (rng.nextFloat() - 0.5) * 0.02));
}

function run(cases: Array<[number, number[]]>): Results {
  const results = emptyResults();
  for (const [size, samples] of cases)
    results.cases.push(
      caseRecord(naive, naive.shapeFromSize(size), naive.defaultParams, 'benchmark', okOutcome(samples), peaks),
    );
  return results;
}

describe('compareRuns', () => {
  it('calls the same distribution unchanged', () => {
    const comparison = compareRuns(run([[64, noisy(1, 1)]]), run([[64, noisy(1, 2)]]), 0.05);
    expect(comparison.rows[0]).toMatchObject({ verdict: 'unchanged' });
    expect(comparison.rows[0]!.speedup).toBeCloseTo(1, 1);
    expect(comparison.regressions).toBe(0);
  });

  it('flags samples 20% slower as slower, with the speedup and its interval', () => {
    const comparison = compareRuns(run([[64, noisy(1, 1)]]), run([[64, noisy(1.2, 2)]]), 0.05);
    const [row] = comparison.rows;
    expect(row!.verdict).toBe('slower');
    // Throughput ratio = 1 / 1.2 = 0.833.
    expect(row!.speedup).toBeCloseTo(1 / 1.2, 2);
    expect(row!.speedupCi![0]).toBeLessThan(row!.speedup!);
    expect(row!.speedupCi![1]).toBeGreaterThan(row!.speedup!);
    expect(comparison.regressions).toBe(1);
  });

  it('flags samples 20% faster as faster, which is no regression', () => {
    const comparison = compareRuns(run([[64, noisy(1.2, 1)]]), run([[64, noisy(1, 2)]]), 0.05);
    expect(comparison.rows[0]!.verdict).toBe('faster');
    expect(comparison.regressions).toBe(0);
  });

  it('does not count a 3% slowdown against a 5% threshold', () => {
    const comparison = compareRuns(run([[64, noisy(1, 1)]]), run([[64, noisy(1.03, 2)]]), 0.05);
    expect(comparison.rows[0]!.verdict).not.toBe('slower');
    expect(comparison.regressions).toBe(0);
  });

  it('is ambiguous when the noise is too large to decide', () => {
    const rng = createRng(9);
    const wild = (ms: number) => Array.from({ length: 8 }, () => ms * (0.5 + rng.nextFloat()));
    expect(compareRuns(run([[64, wild(1)]]), run([[64, wild(1.1)]]), 0.05).rows[0]!.verdict).toBe('ambiguous');
  });

  it('lists new and missing cases, and failed ones without a verdict on speed', () => {
    const base = run([
      [64, noisy(1, 1)],
      [32, noisy(1, 3)],
    ]);
    const next = run([
      [64, noisy(1, 2)],
      [48, noisy(1, 4)],
    ]);
    next.cases[0]!.status = 'incorrect';
    const verdicts = Object.fromEntries(compareRuns(base, next, 0.05).rows.map((row) => [row.shape, row.verdict]));
    expect(verdicts).toEqual({ '64x64x64': 'failed', '48x48x48': 'new', '32x32x32': 'missing' });
  });

  it('with several base runs, pools their samples and counts the spread between their medians', () => {
    // Launches 4% apart: a new run 8% slower is within what a relaunch does, so not a regression...
    const bases = [run([[64, noisy(1, 1)]]), run([[64, noisy(1.04, 3)]]), run([[64, noisy(0.96, 5)]])];
    const slightly = run([[64, noisy(1.08, 2)]]);
    expect(compareRuns(bases[0]!, slightly, 0.05).rows[0]!.verdict).toBe('slower');
    const comparison = compareRuns(bases, slightly, 0.05);
    const [row] = comparison.rows;
    expect(comparison.baseRuns).toBe(3);
    expect(row).toMatchObject({ baseRuns: 3, verdict: 'ambiguous' });
    expect(row!.runToRun).toBeGreaterThan(0.1);
    // ...while twice as slow is one, whatever the spread.
    const twice = compareRuns(bases, run([[64, noisy(2, 2)]]), 0.05);
    expect(twice.rows[0]).toMatchObject({ verdict: 'slower' });
    expect(twice.rows[0]!.speedup).toBeCloseTo(0.5, 1);
    expect(twice.regressions).toBe(1);
  });

  it('judges a case on the base runs where it was ok, and lists a case no base run had as new', () => {
    const failed = run([[64, noisy(1, 1)]]);
    failed.cases[0]!.status = 'error';
    const comparison = compareRuns(
      [failed, run([[64, noisy(1, 3)]])],
      run([
        [64, noisy(1, 2)],
        [32, noisy(1, 4)],
      ]),
      0.05,
    );
    expect(comparison.rows.map((row) => [row.shape, row.verdict, row.baseRuns, row.runToRun])).toEqual([
      ['64x64x64', 'unchanged', 1, null],
      ['32x32x32', 'new', 0, null],
    ]);
  });

  it("with rounds in both runs, takes the spread from the rounds' medians (Welch), even with one base run", () => {
    const withRounds = (results: Results, medians: number[]) => {
      results.cases[0]!.timing!.roundMedians = medians;
      return results;
    };
    // Rounds 4% apart: a new run 8% slower is within what the drift does...
    const base = withRounds(run([[64, noisy(1, 1)]]), [0.96, 1, 1.04, 0.98, 1.02]);
    const comparison = compareRuns(base, withRounds(run([[64, noisy(1.08, 2)]]), [1.04, 1.08, 1.12, 1.06, 1.1]), 0.05);
    expect(comparison.rows[0]).toMatchObject({ spreadFrom: 'rounds', verdict: 'ambiguous' });
    expect(comparison.rows[0]!.runToRun).toBeGreaterThan(0.03);
    // ...twice as slow is not; and tight rounds let a clear 20% shift through.
    expect(
      compareRuns(base, withRounds(run([[64, noisy(2, 2)]]), [1.96, 2, 2.04, 1.98, 2.02]), 0.05).rows[0]!.verdict,
    ).toBe('slower');
    const tight = withRounds(run([[64, noisy(1, 1)]]), [0.999, 1, 1.001]);
    expect(compareRuns(tight, withRounds(run([[64, noisy(1.2, 2)]]), [1.199, 1.2, 1.201]), 0.05).rows[0]!.verdict).toBe(
      'slower',
    );
    expect(formatComparison(comparison, 'a.json', 'n.json')).toMatch(
      /spread between the runs' rounds \(a Welch interval/,
    );
  });

  it('says in the legend whether the run-to-run spread was counted', () => {
    const one = formatComparison(
      compareRuns(run([[64, noisy(1, 1)]]), run([[64, noisy(1, 2)]]), 0.05),
      'a.json',
      'n.json',
    );
    expect(one).toMatch(/One base run without rounds shows no run-to-run spread: measure with --rounds/);
    const two = formatComparison(
      compareRuns([run([[64, noisy(1, 1)]]), run([[64, noisy(1, 3)]])], run([[64, noisy(1, 2)]]), 0.05),
      ['a.json', 'b.json'],
      'n.json',
    );
    expect(two).toMatch(/Base: a\.json, b\.json \(2 runs, samples pooled\)/);
    expect(two).toMatch(/spread between the base runs' medians/);
  });

  it('formats a table with units, the interval and the rule', () => {
    const text = formatComparison(
      compareRuns(run([[64, noisy(1, 1)]]), run([[64, noisy(1.2, 2)]]), 0.05),
      'a.json',
      'b.json',
    );
    expect(text).toMatch(/Base \(ms\).*New \(ms\).*Speedup.*95% CI.*Verdict/);
    expect(text).toMatch(/GFLOP\/s/);
    expect(text).toMatch(/1 significantly slower by more than 5\.0%: exit code 1/);
  });
});
