/** The tuning search: the grid in full, or within a budget: defaults, random sample, greedy neighbours. */
import { describe, expect, it } from 'vitest';
import { defineKernel } from '../../src/api/define-kernel.js';
import { gemm } from '../../src/api/problems/gemm.js';
import { neighbours, paramKey } from '../../src/api/params.js';
import type { KernelDescriptor, Params } from '../../src/api/types.js';
import type { CaseRecord } from '../../src/results/schema.js';
import { bestRecord, TuneSearch } from '../../src/tune/search.js';

/** A kernel with a 3 x 2 x 4 = 24-point space; only its space, defaults and shapes matter here. */
const kernel: KernelDescriptor = defineKernel({
  name: 'toy',
  shader: { code: '' },
  problem: gemm(),
  params: { A: [1, 2, 3], B: [10, 20], C: [5, 6, 7, 8] },
  defaults: { A: 2, B: 10, C: 6 },
  stages: () => [],
});

const shape = kernel.shapeFromSize(64);

/** What the search reads of a record. */
function record(
  params: Params,
  gflops: number | null,
  status: CaseRecord['status'] = gflops === null ? 'unsupported' : 'ok',
  label = '64x64x64',
): CaseRecord {
  return { kernel: 'toy', shapeLabel: label, params, status, gflops } as unknown as CaseRecord;
}

/** Runs the search to the end, scoring each configuration with `score`. */
function drive(search: TuneSearch, score: (params: Params) => number | null): CaseRecord[] {
  const records: CaseRecord[] = [];
  for (let found = search.next(records); found; found = search.next(records)) {
    records.push(record(found.params, score(found.params), undefined, kernel.formatShape(found.shape)));
  }
  return records;
}

describe('TuneSearch', () => {
  it('measures every configuration of the grid once when there is no budget', () => {
    const records = drive(new TuneSearch(kernel, [shape], null, 1), () => 1);
    expect(records).toHaveLength(24);
    expect(new Set(records.map((r) => paramKey(r.params))).size).toBe(24);
  });

  it('starts from the defaults and stops at the budget, not counting skipped configurations', () => {
    // Configurations with C = 8 are "unsupported": they are recorded but cost nothing.
    const records = drive(new TuneSearch(kernel, [shape], 6, 7), (p) => (p.C === 8 ? null : p.A!));
    expect(records[0]!.params).toEqual(kernel.defaultParams);
    expect(records.filter((r) => r.status !== 'unsupported')).toHaveLength(6);
    expect(new Set(records.map((r) => paramKey(r.params))).size).toBe(records.length);
  });

  it('walks to the neighbours of the best configuration after the random half of the budget', () => {
    // Score = A + B / 10 + C: the best is A=3, B=20, C=8, reachable by single steps from the defaults.
    const score = (p: Params) => p.A! + p.B! / 10 + p.C!;
    const records = drive(new TuneSearch(kernel, [shape], 12, 3), score);
    expect(records).toHaveLength(12);
    // After the random half (6), each step is an untried neighbour of the best record so far, or
    // a random configuration once every neighbour of the best has been tried.
    let walked = 0;
    for (let i = 6; i < records.length; i++) {
      const before = records.slice(0, i);
      const tried = new Set(before.map((r) => paramKey(r.params)));
      const open = neighbours(kernel.paramSpace, bestRecord(before)!.params)
        .map(paramKey)
        .filter((key) => !tried.has(key));
      if (open.length > 0) {
        expect(open).toContain(paramKey(records[i]!.params));
        walked++;
      }
    }
    expect(walked).toBeGreaterThan(0);
    expect(bestRecord(records)!.params).toEqual({ A: 3, B: 20, C: 8 });
  });

  it('is reproducible for a seed and searches each shape in turn', () => {
    const shapes = [kernel.shapeFromSize(32), kernel.shapeFromSize(64)];
    const one = drive(new TuneSearch(kernel, shapes, 5, 11), (p) => p.C!);
    const two = drive(new TuneSearch(kernel, shapes, 5, 11), (p) => p.C!);
    expect(one.map((r) => paramKey(r.params))).toEqual(two.map((r) => paramKey(r.params)));
    expect(one.map((r) => r.shapeLabel)).toEqual([...Array(5).fill('32x32x32'), ...Array(5).fill('64x64x64')]);
  });

  it('ranks only configurations that ran and passed', () => {
    const records = [
      record({ A: 1 }, 5),
      record({ A: 2 }, null),
      { ...record({ A: 3 }, 9), status: 'incorrect' as const },
    ];
    expect(bestRecord(records)!.params).toEqual({ A: 1 });
    expect(bestRecord([])).toBeNull();
  });
});
