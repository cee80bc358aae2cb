/** f16 conversion: known bit patterns (IEEE 754 binary16), round to nearest even, subnormals, overflow. */
import { describe, expect, it } from 'vitest';
import { f16Bits, f16Value, fromF16, toF16 } from '../../src/protocol/f16.js';

describe('f16Bits', () => {
  it('encodes exact values', () => {
    expect(f16Bits(1)).toBe(0x3c00);
    expect(f16Bits(-2)).toBe(0xc000);
    expect(f16Bits(0)).toBe(0x0000);
    expect(f16Bits(-0)).toBe(0x8000);
    expect(f16Bits(65504)).toBe(0x7bff); // largest finite f16
    expect(f16Bits(2 ** -14)).toBe(0x0400); // smallest normal
    expect(f16Bits(2 ** -24)).toBe(0x0001); // smallest subnormal
  });

  it('rounds to nearest, ties to even', () => {
    expect(f16Bits(0.1)).toBe(0x2e66); // 0.0999755859375
    expect(f16Bits(1 + 2 ** -11)).toBe(0x3c00); // halfway between 1 and 1 + 2^-10: even is 1
    expect(f16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // halfway between 0x3c01 and 0x3c02: even is 0x3c02
    expect(f16Bits(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01); // just above halfway
    expect(f16Bits(2 ** -25)).toBe(0x0000); // halfway between 0 and 2^-24: even is 0
    expect(f16Bits(1.5 * 2 ** -25)).toBe(0x0001);
    expect(f16Bits(3 * 2 ** -25)).toBe(0x0002); // halfway between 1 and 2 subnormal steps: even is 2
    expect(f16Bits(2 ** -14 - 2 ** -26)).toBe(0x0400); // rounds up out of the subnormals
  });

  it('overflows to infinity and keeps NaN', () => {
    expect(f16Bits(65520)).toBe(0x7c00); // halfway between 65504 and 2^16: even is infinity
    expect(f16Bits(65519)).toBe(0x7bff);
    expect(f16Bits(-1e6)).toBe(0xfc00);
    expect(f16Bits(Infinity)).toBe(0x7c00);
    expect(f16Bits(NaN) & 0x7c00).toBe(0x7c00);
    expect(f16Bits(NaN) & 0x3ff).not.toBe(0);
  });
});

describe('f16Value', () => {
  it('decodes normals, subnormals and specials', () => {
    expect(f16Value(0x3c00)).toBe(1);
    expect(f16Value(0x7bff)).toBe(65504);
    expect(f16Value(0x3555)).toBe(0.333251953125);
    expect(f16Value(0x0001)).toBe(2 ** -24);
    expect(f16Value(0x83ff)).toBe(-1023 * 2 ** -24);
    expect(f16Value(0xfc00)).toBe(-Infinity);
    expect(f16Value(0x7e00)).toBeNaN();
  });

  it('round-trips every finite f16', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) === 0x7c00) continue;
      expect(f16Bits(f16Value(bits))).toBe(bits);
    }
  });
});

describe('toF16 / fromF16', () => {
  it('rounds values, pads the upload to whole words, and decodes them back', () => {
    const { bits, rounded } = toF16(new Float32Array([0.1, -0.5, 1 / 3]));
    expect(bits.length).toBe(4); // 3 values padded to 2 words
    expect([...bits.slice(0, 3)]).toEqual([0x2e66, 0xb800, 0x3555]);
    expect([...rounded]).toEqual([0.0999755859375, -0.5, 0.333251953125]);
    expect([...fromF16(bits.slice(0, 3))]).toEqual([...rounded]);
  });
});
