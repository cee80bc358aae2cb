/**
 * Human-readable numbers in: the suffixes users type (domain.md, "Units": k=1e3, M=1e6,
 * B/G=1e9, T=1e12, P=1e15) and bandwidths with their units. Formatting numbers out lives in
 * src/report/numbers.ts.
 */
import { UsageError } from '../errors.js';

// Powers of ten of the count suffixes. Case-insensitive, except that a lower-case `m` is
// refused: in SI it means milli, so "70m" is ambiguous between 0.07 and 70 million.
const COUNT_EXPONENTS: Readonly<Record<string, number>> = { k: 3, m: 6, b: 9, g: 9, t: 12, p: 15 };

// A non-negative decimal, optionally with thousands separators (`,` or `_`, strictly in
// groups of three, so the decimal comma "1,5" is refused rather than misread as 15) and an
// exponent. Groups: 1 = mantissa, 2 = exponent.
const DECIMAL = String.raw`((?:\d{1,3}(?:[,_]\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?`;
const HUMAN_NUMBER = new RegExp(String.raw`^\s*${DECIMAL}\s*([A-Za-z]*)\s*$`);
const BANDWIDTH = new RegExp(String.raw`^\s*${DECIMAL}\s*(\S*)\s*$`);

const HUMAN_FORMS =
  'write a non-negative number like 82B, 150e9, 1.5T, 312T, 70M, 16k or 1,000 ' +
  '(k=1e3, M=1e6, B/G=1e9, T=1e12, P=1e15)';

/** Builds mantissa x 10^exponent from decimal text, so rounding happens once (1.1T is exact). */
function decimalValue(mantissa: string, exponent: number): number {
  return Number(`${mantissa.replace(/[,_]/g, '')}e${exponent}`);
}

/**
 * Parses a count such as `82B`, `150e9`, `1.5T`, `70M`, `16k`, `2.5e3` or `1,000` (thousands
 * separators `,`/`_` only in groups of three). Suffixes k=1e3, M=1e6, B/G=1e9, T=1e12,
 * P=1e15, case-insensitive except `m` (milli in SI). Throws a UsageError on anything else.
 */
export function parseHumanNumber(text: string): number {
  const match = HUMAN_NUMBER.exec(text);
  if (!match) throw new UsageError(`cannot read "${text}" as a number: ${HUMAN_FORMS}`);
  const [, mantissa = '', exponent = '0', suffix = ''] = match;
  if (suffix === 'm') {
    throw new UsageError(`"${text}" is ambiguous (m is milli in SI): write M for million, e.g. 70M`);
  }
  const suffixExponent = suffix === '' ? 0 : COUNT_EXPONENTS[suffix.toLowerCase()];
  if (suffixExponent === undefined) {
    throw new UsageError(`unknown suffix "${suffix}" in "${text}": ${HUMAN_FORMS}`);
  }
  const value = decimalValue(mantissa, Number(exponent) + suffixExponent);
  if (!Number.isFinite(value)) throw new UsageError(`"${text}" is too large to represent`);
  return value;
}

// Bytes per second of each accepted bandwidth unit: decimal as powers of ten, binary (IEC)
// as exact powers of two.
const DECIMAL_BANDWIDTH_EXPONENTS: Readonly<Record<string, number>> = {
  'B/s': 0,
  'kB/s': 3,
  'KB/s': 3,
  'MB/s': 6,
  'GB/s': 9,
  'TB/s': 12,
  'PB/s': 15,
};
const BINARY_BANDWIDTH_BYTES: Readonly<Record<string, number>> = {
  'KiB/s': 2 ** 10,
  'MiB/s': 2 ** 20,
  'GiB/s': 2 ** 30,
  'TiB/s': 2 ** 40,
  'PiB/s': 2 ** 50,
};

const BANDWIDTH_FORMS =
  'write GB/s as a plain number (900) or with a unit: 3.35TB/s, 900GB/s, 512 GiB/s ' +
  '(B/s, kB/s, MB/s, GB/s, TB/s, PB/s decimal; KiB/s, MiB/s, GiB/s, TiB/s, PiB/s binary)';

/**
 * Parses a memory bandwidth into GB/s (1 GB = 1e9 bytes): a plain number is already GB/s;
 * else a decimal unit (`3.35TB/s`, `900GB/s`) or a binary one (`512 GiB/s` = 512 x 2^30
 * bytes/s). Bits (`Gb/s`) are refused. Throws a UsageError on anything else.
 */
export function parseBandwidthGbPerS(text: string): number {
  const match = BANDWIDTH.exec(text);
  if (!match) throw new UsageError(`cannot read "${text}" as a bandwidth: ${BANDWIDTH_FORMS}`);
  const [, mantissa = '', exponentText = '0', unit = ''] = match;
  const exponent = Number(exponentText);
  let gbPerS: number;
  if (unit === '') {
    gbPerS = decimalValue(mantissa, exponent);
  } else if (unit in DECIMAL_BANDWIDTH_EXPONENTS) {
    gbPerS = decimalValue(mantissa, exponent + (DECIMAL_BANDWIDTH_EXPONENTS[unit] ?? 0) - 9);
  } else if (unit in BINARY_BANDWIDTH_BYTES) {
    gbPerS = (decimalValue(mantissa, exponent) * (BINARY_BANDWIDTH_BYTES[unit] ?? 1)) / 1e9;
  } else if (/b/.test(unit) && !/B/.test(unit)) {
    throw new UsageError(`"${text}" looks like bits per second (b): flopscope takes bytes, e.g. 900GB/s`);
  } else {
    throw new UsageError(`unknown bandwidth unit "${unit}" in "${text}": ${BANDWIDTH_FORMS}`);
  }
  if (!Number.isFinite(gbPerS)) throw new UsageError(`"${text}" is too large to represent`);
  return gbPerS;
}
