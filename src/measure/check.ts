/** Comparing a kernel's output with its CPU reference, element by element. Pure. */
import type { KernelDescriptor, Params, Shape } from '../api/types.js';
import type { Correctness } from '../protocol/messages.js';

/**
 * Checks output elements against the reference: `values[i]` is output element `indices[i]` of
 * an output of `total` elements (every element, or a seeded sample: src/protocol/seeded-inputs.ts
 * sampleIndices). An element passes when |value - expected| <= the reference's tolerance; NaN
 * and infinities never pass.
 */
export function checkOutput(
  kernel: Pick<KernelDescriptor, 'reference'>,
  shape: Shape,
  params: Params,
  inputs: Readonly<Record<string, Float32Array>>,
  indices: readonly number[],
  values: ArrayLike<number>,
  total: number,
): Correctness {
  if (values.length !== indices.length)
    throw new RangeError(`checkOutput got ${values.length} values for ${indices.length} indices`);
  let mismatches = 0;
  let maxAbsError = 0;
  let maxErrorRatio = 0;
  let worst: Correctness['worst'] = null;
  for (const [i, index] of indices.entries()) {
    const expected = kernel.reference(inputs, shape, params, index);
    const actual = values[i]!;
    const error = Math.abs(actual - expected.value);
    // A NaN or infinite output is as wrong as an output can be.
    // An exact reference (tolerance 0, e.g. a copy) gives 0 when matched and Infinity otherwise.
    const ratio = !Number.isFinite(error)
      ? Infinity
      : expected.tolerance > 0
        ? error / expected.tolerance
        : error === 0
          ? 0
          : Infinity;
    if (!(error <= expected.tolerance)) mismatches++;
    if (Number.isFinite(error)) maxAbsError = Math.max(maxAbsError, error);
    if (worst === null || ratio > maxErrorRatio) {
      maxErrorRatio = ratio;
      worst = {
        index,
        expected: expected.value,
        actual: Number.isFinite(actual) ? actual : null,
        tolerance: expected.tolerance,
      };
    }
  }
  return {
    passed: mismatches === 0,
    mode: indices.length === total ? 'full' : 'sampled',
    checked: indices.length,
    total,
    mismatches,
    maxAbsError: indices.length > 0 ? maxAbsError : null,
    maxErrorRatio: Number.isFinite(maxErrorRatio) ? maxErrorRatio : null,
    worst,
  };
}

/** One line saying how the output failed its check. */
export function describeMismatch(correctness: Correctness): string {
  const worst = correctness.worst;
  const at = worst
    ? `; worst at element ${worst.index}: expected ${worst.expected}, got ${worst.actual ?? 'NaN/Inf'} (tolerance ${worst.tolerance.toPrecision(3)})`
    : '';
  return `${correctness.mismatches} of ${correctness.checked} checked elements outside tolerance${at}`;
}
