import { describe, expect, it } from 'vitest';
import { assertSorted, sortSamples } from '../../src/stats/sorted.js';

describe('sortSamples', () => {
  it('returns an ascending copy and leaves the input alone', () => {
    const input = [3, -1, 2.5, 10, 0, 2.5];
    const sorted = sortSamples(input);
    expect(sorted).toEqual([-1, 0, 2.5, 2.5, 3, 10]);
    expect(input).toEqual([3, -1, 2.5, 10, 0, 2.5]);
    expect(sorted).not.toBe(input);
  });

  it('sorts numerically, not as strings', () => {
    // [10, 9, 100].sort() without a comparator gives [10, 100, 9]
    expect(sortSamples([10, 9, 100])).toEqual([9, 10, 100]);
  });

  it('rejects NaN and infinities with a RangeError naming the index', () => {
    expect(() => sortSamples([1, Number.NaN])).toThrow(RangeError);
    expect(() => sortSamples([1, 2, Number.POSITIVE_INFINITY])).toThrow(/sample 2/);
    expect(() => sortSamples([Number.NEGATIVE_INFINITY])).toThrow(RangeError);
  });

  it('accepts no samples', () => {
    expect(sortSamples([])).toEqual([]);
  });
});

describe('assertSorted', () => {
  it('accepts ascending finite samples, ties included', () => {
    const samples: readonly number[] = [1, 1, 2, 5];
    expect(() => assertSorted(samples)).not.toThrow();
  });

  it('rejects descending pairs and non-finite values', () => {
    expect(() => assertSorted([1, 3, 2])).toThrow(/index 2/);
    expect(() => assertSorted([1, Number.NaN])).toThrow(RangeError);
  });
});
