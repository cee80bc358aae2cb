/**
 * IEEE 754 binary16 (f16) conversion, so the runner can fill f16 buffers and read them back
 * without Float16Array (absent from Node 20, where the runner also runs on Dawn).
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The f16 bit pattern nearest to `value` (round to nearest, ties to even; overflow to infinity). */
export function f16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  const mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // infinity or NaN
  // Unbiased exponent e: f16 normals have e in [-14, 15], subnormals step 2^-24.
  const e = exponent - 127;
  if (e > 15) return sign | 0x7c00;
  if (e >= -14) {
    // Normal: keep 10 of 23 mantissa bits, round the other 13 to nearest even.
    let half = ((e + 15) << 10) | (mantissa >>> 13);
    const rest = mantissa & 0x1fff;
    if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++; // a carry into the exponent is right (up to infinity)
    return sign | half;
  }
  if (e < -25) return sign; // below half the smallest subnormal: rounds to zero
  // Subnormal: value = m * 2^-24 with m = full significand (24 bits with the implicit 1) >> shift.
  const significand = mantissa | 0x800000;
  const shift = -e - 14 + 13; // 14..24 bits dropped
  let half = significand >>> shift;
  const rest = significand & ((1 << shift) - 1);
  const halfway = 1 << (shift - 1);
  if (rest > halfway || (rest === halfway && half & 1)) half++;
  return sign | half;
}

/** The number an f16 bit pattern stands for. */
export function f16Value(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** `values` rounded to f16: the bits to upload (padded to whole 4-byte words) and the values they stand for. */
export function toF16(values: Float32Array): { bits: Uint16Array<ArrayBuffer>; rounded: Float32Array<ArrayBuffer> } {
  const bits = new Uint16Array(values.length + (values.length % 2));
  const rounded = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    bits[i] = f16Bits(values[i]!);
    rounded[i] = f16Value(bits[i]!);
  }
  return { bits, rounded };
}

/** The values of a buffer of f16 bit patterns. */
export function fromF16(bits: Uint16Array): Float32Array {
  const values = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) values[i] = f16Value(bits[i]!);
  return values;
}
