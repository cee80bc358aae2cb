/** Seeded inputs and the seeded sample of output elements a large case's check compares. */
import { describe, expect, it } from 'vitest';
import { sampleIndices, seededValues } from '../../src/protocol/seeded-inputs.js';

describe('sampleIndices', () => {
  it('returns every index when the sample would be no smaller than the output', () => {
    expect(sampleIndices(5, 5, 1)).toEqual([0, 1, 2, 3, 4]);
    expect(sampleIndices(3, 100, 1)).toEqual([0, 1, 2]);
    expect(sampleIndices(0, 10, 1)).toEqual([]);
  });

  it('returns count distinct sorted indices in range, with the first and the last', () => {
    for (const [total, count] of [
      [10, 4],
      [1000, 64],
      [1001, 1000], // one element more than the sample: all but one are checked
      [2 ** 24, 1000],
    ] as const) {
      const indices = sampleIndices(total, count, 42);
      expect(indices).toHaveLength(count);
      expect(new Set(indices).size).toBe(count);
      expect(indices[0]).toBe(0);
      expect(indices.at(-1)).toBe(total - 1);
      expect(indices.every((index, i) => i === 0 || index > indices[i - 1]!)).toBe(true);
    }
  });

  it('with count 2 checks exactly the two ends', () => {
    expect(sampleIndices(1000, 2, 9)).toEqual([0, 999]);
  });

  it('is seeded: the same seed gives the same sample, another seed another', () => {
    const a = sampleIndices(100_000, 50, 1);
    expect(sampleIndices(100_000, 50, 1)).toEqual(a);
    const b = sampleIndices(100_000, 50, 2);
    expect(b).not.toEqual(a);
    // Beyond the two ends they share next to nothing (48 of 100,000 each: ~0.02 expected in common).
    const shared = a.filter((i) => b.includes(i));
    expect(shared.length).toBeLessThan(5);
  });

  it('spreads the sample over the whole output', () => {
    // 1000 of 1,000,000: each tenth of the output should hold about 100 of them.
    const indices = sampleIndices(1_000_000, 1000, 3);
    const perTenth = Array.from({ length: 10 }, (_, t) => indices.filter((i) => Math.floor(i / 100_000) === t).length);
    for (const count of perTenth) expect(count).toBeGreaterThan(60);
  });
});

describe('seededValues', () => {
  it('gives values in [-1, 1), the same for the same seed and name', () => {
    const values = seededValues(10_000, 7, 'a');
    expect(values).toHaveLength(10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...values)).toBeLessThan(1);
    // Uniform on [-1, 1): mean ~ 0 (sd of the mean 0.0058), both signs.
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(seededValues(10_000, 7, 'a')).toEqual(values);
  });

  it('gives each buffer name and each seed its own stream', () => {
    const a = seededValues(8, 7, 'a');
    expect(seededValues(8, 7, 'b')).not.toEqual(a);
    expect(seededValues(8, 8, 'a')).not.toEqual(a);
    // A prefix of a longer stream: the first values do not depend on the length asked for.
    expect(seededValues(16, 7, 'a').subarray(0, 8)).toEqual(a);
  });
});
