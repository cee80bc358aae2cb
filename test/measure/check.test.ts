/**
 * checkOutput: the comparison that stands between a wrong kernel and a reported speed. Every test
 * here plants a known error (or none) in an output and asserts what the checker makes of it.
 */
import { describe, expect, it } from 'vitest';
import type { KernelDescriptor, Params, ReferenceValue, Shape } from '../../src/api/types.js';
import { getKernel } from '../../src/kernels/index.js';
import { checkOutput as checkElements } from '../../src/measure/check.js';
import { f16Bits, f16Value, toF16 } from '../../src/protocol/f16.js';
import { sampleIndices, seededValues } from '../../src/protocol/seeded-inputs.js';

const copy = getKernel('copy');
const matmulF16 = getKernel('matmul-f16');
const matmulNaive = getKernel('matmul-naive');

/** The check as the core runs it: the seeded sample of `maxChecked` of `total` elements, read from the whole output. */
function checkOutput(
  kernel: Pick<KernelDescriptor, 'reference'>,
  shape: Shape,
  params: Params,
  inputs: Readonly<Record<string, Float32Array>>,
  output: Float32Array,
  total: number,
  maxChecked: number,
  seed: number,
) {
  const indices = sampleIndices(total, maxChecked, seed);
  return checkElements(
    kernel,
    shape,
    params,
    inputs,
    indices,
    indices.map((i) => output[i]!),
    total,
  );
}

/** A descriptor whose reference is given element by element (only `reference` is read by the checker). */
function fixedReference(values: readonly ReferenceValue[]): KernelDescriptor {
  return { ...copy, reference: (_inputs, _shape, _params, index) => values[index]! };
}

// A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]]: C = [[1*5 + 2*7, 1*6 + 2*8], [3*5 + 4*7, 3*6 + 4*8]] = [[19,
// 22], [43, 50]].
const gemm2 = { batch: 1, m: 2, n: 2, k: 2 };
const gemm2Inputs = { a: new Float32Array([1, 2, 3, 4]), b: new Float32Array([5, 6, 7, 8]) };
const u32 = 2 ** -24; // f32 unit roundoff
/** Higham's bound for C[1][0] = 3*5 + 4*7 = 43 (k = 2, sum |products| = 43): gamma_2 * 43 + u * 43. */
const tolerance43 = ((2 * u32) / (1 - 2 * u32)) * 43 + u32 * 43;

function check(
  kernel: KernelDescriptor,
  output: Float32Array,
  options: {
    inputs?: Record<string, Float32Array>;
    shape?: Record<string, number>;
    maxChecked?: number;
    seed?: number;
  } = {},
) {
  return checkOutput(
    kernel,
    options.shape ?? {},
    kernel.defaultParams,
    options.inputs ?? {},
    output,
    output.length,
    options.maxChecked ?? output.length,
    options.seed ?? 1,
  );
}

describe('checkOutput on a 2x2x2 matmul', () => {
  it('passes the exact product', () => {
    const result = check(matmulNaive, new Float32Array([19, 22, 43, 50]), { inputs: gemm2Inputs, shape: gemm2 });
    expect(result).toEqual({
      passed: true,
      mode: 'full',
      checked: 4,
      total: 4,
      mismatches: 0,
      maxAbsError: 0,
      maxErrorRatio: 0,
      // With no error anywhere, the first element checked is the worst.
      worst: { index: 0, expected: 19, actual: 19, tolerance: expect.any(Number) },
    });
  });

  it('fails one wrong element and names it', () => {
    const result = check(matmulNaive, new Float32Array([19, 22, 44, 50]), { inputs: gemm2Inputs, shape: gemm2 });
    expect(result.passed).toBe(false);
    expect(result.mismatches).toBe(1);
    expect(result.maxAbsError).toBe(1);
    expect(result.worst).toEqual({ index: 2, expected: 43, actual: 44, tolerance: expect.any(Number) });
    expect(result.worst!.tolerance).toBeCloseTo(tolerance43, 20);
    expect(result.maxErrorRatio).toBeCloseTo(1 / tolerance43, 0);
  });

  it('passes 2 f32 ulps of error on C[1][1] = 50 and fails 3: the bound is 2.34 ulps there', () => {
    // k = 2, sum |products| = 3*6 + 4*8 = 50: bound = (gamma_2 + u) * 50 ~ 150 u = 150 * 2^-24;
    // the f32 ulp in [32, 64) is 2^-18, so the bound is 150 / 64 = 2.34 ulps.
    const ulp = 2 ** -18;
    const twoUlps = check(matmulNaive, new Float32Array([19, 22, 43, 50 + 2 * ulp]), {
      inputs: gemm2Inputs,
      shape: gemm2,
    });
    expect(twoUlps.passed).toBe(true);
    expect(twoUlps.maxAbsError).toBe(2 * ulp);
    expect(twoUlps.maxErrorRatio).toBeCloseTo(2 / 2.34375, 6);
    const threeUlps = check(matmulNaive, new Float32Array([19, 22, 43, 50 - 3 * ulp]), {
      inputs: gemm2Inputs,
      shape: gemm2,
    });
    expect(threeUlps.passed).toBe(false);
    expect(threeUlps.mismatches).toBe(1);
    expect(threeUlps.worst!.index).toBe(3);
    expect(threeUlps.maxErrorRatio).toBeCloseTo(3 / 2.34375, 6);
  });

  it('counts every wrong element and reports the one furthest beyond its tolerance', () => {
    // C[0][0] off by 1 (tolerance ~ 57 u, as 19 = 5 + 14), C[1][1] off by 0.5 (tolerance ~ 150 u):
    // relative to its bound, the first is further off even though the second has the larger value.
    const result = check(matmulNaive, new Float32Array([20, 22, 43, 50.5]), { inputs: gemm2Inputs, shape: gemm2 });
    expect(result.mismatches).toBe(2);
    expect(result.maxAbsError).toBe(1);
    expect(result.worst).toMatchObject({ index: 0, expected: 19, actual: 20 });
  });
});

describe('checkOutput at the tolerance', () => {
  // Tolerance 0.5 on every element: an exact binary fraction, so the boundary is exact in f32.
  const reference = fixedReference([
    { value: 1, tolerance: 0.5 },
    { value: 1, tolerance: 0.5 },
  ]);
  const f32Ulp1 = 2 ** -23; // f32 spacing in [1, 2)

  it('passes an error equal to the tolerance (ratio exactly 1)', () => {
    const result = check(reference, new Float32Array([1, 1.5]));
    expect(result).toMatchObject({ passed: true, mismatches: 0, maxAbsError: 0.5, maxErrorRatio: 1 });
    expect(result.worst).toMatchObject({ index: 1, actual: 1.5 });
  });

  it('passes one f32 ulp under the tolerance and fails one ulp over', () => {
    const under = check(reference, new Float32Array([1, 1.5 - f32Ulp1]));
    expect(under.passed).toBe(true);
    expect(under.maxErrorRatio).toBeCloseTo(1 - 2 * f32Ulp1, 12);
    const over = check(reference, new Float32Array([1, 1.5 + 2 * f32Ulp1]));
    expect(over.passed).toBe(false);
    expect(over.mismatches).toBe(1);
    expect(over.maxErrorRatio).toBeCloseTo(1 + 4 * f32Ulp1, 12);
  });

  it('treats errors below the value the same on both sides', () => {
    const result = check(reference, new Float32Array([0.5, 0.5 - f32Ulp1]));
    expect(result.passed).toBe(false);
    expect(result.mismatches).toBe(1);
    expect(result.worst!.index).toBe(1);
  });
});

describe('checkOutput on NaN and infinite outputs', () => {
  const reference = fixedReference([
    { value: 1, tolerance: 0.5 },
    { value: 2, tolerance: 0.5 },
    { value: 3, tolerance: 0.5 },
  ]);

  it('fails a NaN, reports it as the worst element with a null actual and no finite ratio', () => {
    const result = check(reference, new Float32Array([1.25, NaN, 3]));
    expect(result).toMatchObject({ passed: false, mismatches: 1, maxErrorRatio: null });
    // maxAbsError is over the finite errors: 0.25 from element 0.
    expect(result.maxAbsError).toBe(0.25);
    expect(result.worst).toEqual({ index: 1, expected: 2, actual: null, tolerance: 0.5 });
  });

  it('fails +Infinity and -Infinity', () => {
    for (const inf of [Infinity, -Infinity]) {
      const result = check(reference, new Float32Array([1, 2, inf]));
      expect(result).toMatchObject({ passed: false, mismatches: 1, maxAbsError: 0, maxErrorRatio: null });
      expect(result.worst).toEqual({ index: 2, expected: 3, actual: null, tolerance: 0.5 });
    }
  });

  it('keeps the first non-finite element as the worst when there are several', () => {
    const result = check(reference, new Float32Array([NaN, Infinity, 3]));
    expect(result.mismatches).toBe(2);
    expect(result.maxAbsError).toBe(0);
    expect(result.worst!.index).toBe(0);
  });

  it('fails a NaN even where the tolerance is infinite', () => {
    const loose = fixedReference([{ value: 1, tolerance: Infinity }]);
    expect(check(loose, new Float32Array([NaN])).passed).toBe(false);
    expect(check(loose, new Float32Array([1e30])).passed).toBe(true);
  });
});

describe('checkOutput with an exact reference (tolerance 0, the copy kernel)', () => {
  const src = new Float32Array([0.25, -0.5, 0.75, 1]);

  it('passes an exact copy with ratio 0', () => {
    const result = check(copy, new Float32Array(src), { inputs: { src } });
    expect(result).toMatchObject({ passed: true, mismatches: 0, maxAbsError: 0, maxErrorRatio: 0 });
  });

  it('fails one f32 ulp of difference, with an infinite ratio reported as null', () => {
    const output = new Float32Array(src);
    output[2] = 0.75 + 2 ** -24; // the f32 spacing in [0.5, 1)
    const result = check(copy, output, { inputs: { src } });
    expect(result).toMatchObject({ passed: false, mismatches: 1, maxAbsError: 2 ** -24, maxErrorRatio: null });
    expect(result.worst).toEqual({ index: 2, expected: 0.75, actual: 0.75 + 2 ** -24, tolerance: 0 });
  });

  it('fails an element left at zero (a copy that stops one vec4 short)', () => {
    const output = new Float32Array(src);
    output[3] = 0;
    const result = check(copy, output, { inputs: { src } });
    expect(result.passed).toBe(false);
    expect(result.worst).toMatchObject({ index: 3, expected: 1, actual: 0 });
  });
});

describe('checkOutput on a sample', () => {
  const total = 10_000;
  const src = seededValues(total, 7, 'src');
  const maxChecked = 64;

  function plantError(index: number): Float32Array {
    const output = new Float32Array(src);
    output[index] = output[index]! + 1;
    return output;
  }

  it('checks a sample of maxChecked elements and says so', () => {
    const result = check(copy, new Float32Array(src), { inputs: { src }, maxChecked });
    expect(result).toMatchObject({ passed: true, mode: 'sampled', checked: maxChecked, total });
  });

  it('always finds an error in the first or the last element', () => {
    for (const seed of [1, 2, 3, 99]) {
      for (const index of [0, total - 1]) {
        const result = check(copy, plantError(index), { inputs: { src }, maxChecked, seed });
        expect(result.passed, `seed ${seed}, index ${index}`).toBe(false);
        expect(result.worst!.index).toBe(index);
      }
    }
  });

  it('finds an error planted at a sampled element inside the buffer, and not one planted elsewhere', () => {
    const seed = 5;
    const sampled = sampleIndices(total, maxChecked, seed);
    const inside = sampled[Math.floor(sampled.length / 2)]!;
    expect(inside).toBeGreaterThan(0);
    expect(inside).toBeLessThan(total - 1);
    const found = check(copy, plantError(inside), { inputs: { src }, maxChecked, seed });
    expect(found).toMatchObject({ passed: false, mismatches: 1, checked: maxChecked });
    expect(found.worst!.index).toBe(inside);
    // The same error outside the sample goes unseen: a sample is a sample.
    const unsampled = [...Array(total).keys()].find((i) => !sampled.includes(i))!;
    expect(check(copy, plantError(unsampled), { inputs: { src }, maxChecked, seed }).passed).toBe(true);
  });

  it('checks every element when the output is no larger than maxChecked', () => {
    const small = src.subarray(0, maxChecked);
    const output = new Float32Array(small);
    output[37] = 0;
    const result = checkOutput(copy, {}, {}, { src: small }, output, maxChecked, maxChecked, 1);
    expect(result).toMatchObject({ passed: false, mode: 'full', checked: maxChecked, mismatches: 1 });
  });

  it('reports no error figures when nothing was checked', () => {
    const result = checkOutput(copy, {}, {}, { src: new Float32Array(0) }, new Float32Array(0), 0, 10, 1);
    expect(result).toEqual({
      passed: true,
      mode: 'full',
      checked: 0,
      total: 0,
      mismatches: 0,
      maxAbsError: null,
      maxErrorRatio: 0,
      worst: null,
    });
  });
});

describe('checkOutput on the f16 path (matmul-f16)', () => {
  /** Round to f16 and back: what one f16 operation on the GPU does to a value. */
  const h = (x: number): number => f16Value(f16Bits(x));

  it('passes 5 f16 ulps of error on a 4-term dot product and fails 6: the bound is 5.01 ulps there', () => {
    // A = [1, 1, 1, 1] (1x4), B = [0.5, 0.25, 0.125, 1] (4x1): C = 1.875, sum |products| = 1.875.
    // Bound: (gamma_4(f16) + gamma_1(f32) (1 + gamma_4(f16))) * 1.875 + 4 * 2^-14 = 0.0039102,
    // plus 2^-11 * (1.875 + 0.0039102) + 2^-14 = 0.0048920; the f16 ulp in [1, 2) is 2^-10.
    const inputs = { a: new Float32Array([1, 1, 1, 1]), b: new Float32Array([0.5, 0.25, 0.125, 1]) };
    const shape = { batch: 1, m: 1, n: 1, k: 4 };
    const ulp = 2 ** -10;
    expect(matmulF16.reference(inputs, shape, matmulF16.defaultParams, 0).tolerance).toBeCloseTo(0.004892, 6);
    expect(check(matmulF16, new Float32Array([1.875 + 5 * ulp]), { inputs, shape }).passed).toBe(true);
    expect(check(matmulF16, new Float32Array([1.875 - 6 * ulp]), { inputs, shape }).passed).toBe(false);
    // The same output judged with matmul-naive's f32 bound (~ 3 u * 1.875 = 3.4e-7) fails at one f16 ulp.
    expect(check(matmulNaive, new Float32Array([1.875 + ulp]), { inputs, shape }).passed).toBe(false);
  });

  // A 16x16x256 f16 product computed as the shader does (f16 FMAs within each 4 of K, chunk sums
  // added in f32, result rounded to f16), on seeded inputs rounded to f16 as the runner uploads them.
  const m = 16;
  const n = 16;
  const k = 256;
  const shape = { batch: 1, m, n, k };
  const inputs = { a: toF16(seededValues(m * k, 3, 'a')).rounded, b: toF16(seededValues(k * n, 3, 'b')).rounded };

  function f16Matmul(dropLastTerm: boolean): Float32Array {
    const c = new Float32Array(m * n);
    for (let row = 0; row < m; row++) {
      for (let col = 0; col < n; col++) {
        let acc = 0;
        for (let k0 = 0; k0 < k; k0 += 4) {
          let chunk = 0;
          for (let i = k0; i < k0 + 4; i++) {
            if (dropLastTerm && i === k - 1) continue;
            chunk = h(chunk + h(inputs.a[row * k + i]! * inputs.b[i * n + col]!));
          }
          acc = Math.fround(acc + chunk);
        }
        c[row * n + col] = h(acc);
      }
    }
    return c;
  }

  it('passes an f16 computation done the way the shader does it', () => {
    const result = check(matmulF16, f16Matmul(false), { inputs, shape });
    expect(result.passed).toBe(true);
    expect(result.checked).toBe(m * n);
    // Rounded to f16 at every step, the output does differ from the exact product: the check is not vacuous.
    expect(result.maxAbsError).toBeGreaterThan(0);
    expect(result.maxErrorRatio).toBeLessThan(1);
  });

  it('fails the same computation missing the last term of K', () => {
    const result = check(matmulF16, f16Matmul(true), { inputs, shape });
    expect(result.passed).toBe(false);
    expect(result.mismatches).toBeGreaterThan(0);
  });
});
