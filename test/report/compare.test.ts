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
  for (const [size, samples] of cases) results.cases.push(caseRecord(naive, naive.shapeFromSize(size), naive.defaultParams, 'benchmark', okOutcome(samples), peaks));
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
    const base = run([[64, noisy(1, 1)], [32, noisy(1, 3)]]);
    const next = run([[64, noisy(1, 2)], [48, noisy(1, 4)]]);
    next.cases[0]!.status = 'incorrect';
    const verdicts = Object.fromEntries(compareRuns(base, next, 0.05).rows.map((row) => [row.shape, row.verdict]));
    expect(verdicts).toEqual({ '64x64x64': 'failed', '48x48x48': 'new', '32x32x32': 'missing' });
  });

  it('formats a table with units, the interval and the rule', () => {
    const text = formatComparison(compareRuns(run([[64, noisy(1, 1)]]), run([[64, noisy(1.2, 2)]]), 0.05), 'a.json', 'b.json');
    expect(text).toMatch(/Base \(ms\).*New \(ms\).*Speedup.*95% CI.*Verdict/);
    expect(text).toMatch(/GFLOP\/s/);
    expect(text).toMatch(/1 significantly slower by more than 5\.0%: exit code 1/);
  });
});
