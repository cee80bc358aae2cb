/**
 * Samples known to be finite and in ascending order. The brand carries "sorted" in the type, so
 * the functions that need order (quantiles, MAD, order-statistic intervals) cannot be handed an
 * unsorted array by mistake, and none of them sorts again.
 */

/** A readonly array of finite numbers in ascending order; from `sortSamples` or `assertSorted`. */
export type SortedSamples = readonly number[] & { readonly __sorted: unique symbol };

/** A sorted copy of `samples` (the input is left as is); throws RangeError on NaN or ±Infinity. */
export function sortSamples(samples: readonly number[]): SortedSamples {
  const copy = Float64Array.from(samples);
  for (let i = 0; i < copy.length; i++) {
    if (!Number.isFinite(copy[i])) {
      throw new RangeError(`sample ${i} is ${samples[i]}: samples must be finite numbers`);
    }
  }
  // A typed array sorts numerically (no comparator call per pair), then back to a plain array
  // so that callers get ordinary `number[]` semantics (JSON, spread, Array methods).
  copy.sort();
  const sorted = Array.from(copy);
  assertSortedUnchecked(sorted);
  return sorted;
}

/** Checks in O(n) that `samples` is finite and ascending and narrows its type; else RangeError. */
export function assertSorted(samples: readonly number[]): asserts samples is SortedSamples {
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]!;
    if (!Number.isFinite(x)) {
      throw new RangeError(`sample ${i} is ${x}: samples must be finite numbers`);
    }
    if (i > 0 && x < samples[i - 1]!) {
      throw new RangeError(`samples are not ascending at index ${i}: ${samples[i - 1]} > ${x}`);
    }
  }
}

/** Narrows without checking: only for arrays this module has just sorted itself. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- an assertion signature names the value it asserts
function assertSortedUnchecked(samples: readonly number[]): asserts samples is SortedSamples {}
