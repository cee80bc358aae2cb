/**
 * Numbers out, for people: SI-prefixed values, counts, durations and bytes rounded to 3
 * significant figures (conventions.md, "Output"); their inputs are parsed in src/flops/units.ts,
 * and counts come out in the suffixes it reads. Pure.
 */
import { UsageError } from '../errors.js';
import { requirePositiveInteger } from '../flops/validate.js';

// SI prefixes by power of ten, 1e-30 (quecto) to 1e30 (quetta). U+00B5 for micro.
const SI_PREFIXES: Readonly<Record<number, string>> = {
  [-30]: 'q',
  [-27]: 'r',
  [-24]: 'y',
  [-21]: 'z',
  [-18]: 'a',
  [-15]: 'f',
  [-12]: 'p',
  [-9]: 'n',
  [-6]: '\u00b5',
  [-3]: 'm',
  0: '',
  3: 'k',
  6: 'M',
  9: 'G',
  12: 'T',
  15: 'P',
  18: 'E',
  21: 'Z',
  24: 'Y',
  27: 'R',
  30: 'Q',
};
// The count suffixes parseHumanNumber reads, so formatted counts read back.
const COUNT_SUFFIXES: Readonly<Record<number, string>> = { 0: '', 3: 'k', 6: 'M', 9: 'B', 12: 'T', 15: 'P' };

function checkSigFigs(sigFigs: number): void {
  requirePositiveInteger('sigFigs', sigFigs);
  if (sigFigs > 21) throw new UsageError(`sigFigs must be an integer from 1 to 21, got ${sigFigs}`);
}

/** Significant digits of |value| rounded to `sigFigs`, and the power of ten of the first. */
function significant(value: number, sigFigs: number): { digits: string; exponent: number } {
  const [mantissa = '', exponent = '0'] = Math.abs(value)
    .toExponential(sigFigs - 1)
    .split('e');
  return { digits: mantissa.replace('.', ''), exponent: Number(exponent) };
}

/** Writes `digits` with `integerDigits` of them before the point (padding with zeros). */
function placePoint(digits: string, integerDigits: number): string {
  if (integerDigits <= 0) return `0.${'0'.repeat(-integerDigits)}${digits}`;
  if (integerDigits >= digits.length) return digits + '0'.repeat(integerDigits - digits.length);
  return `${digits.slice(0, integerDigits)}.${digits.slice(integerDigits)}`;
}

/** `value` rounded to `sigFigs`, scaled by a power of 1000 within [minExponent, maxExponent]. */
function scaled(
  value: number,
  sigFigs: number,
  minExponent: number,
  maxExponent: number,
): { text: string; exponent: number } {
  const { digits, exponent } = significant(value, sigFigs);
  const exponent3 = Math.min(maxExponent, Math.max(minExponent, Math.floor(exponent / 3) * 3));
  const sign = value < 0 ? '-' : '';
  return { text: sign + placePoint(digits, exponent - exponent3 + 1), exponent: exponent3 };
}

/**
 * Formats a value in a base unit with an SI prefix and `sigFigs` significant figures:
 * formatSi(1.234e12, 'FLOP/s') = '1.23 TFLOP/s', formatSi(512e9, 'B/s') = '512 GB/s'.
 * Prefixes run from q (1e-30) to Q (1e30); beyond them the number grows instead.
 */
export function formatSi(value: number, unit: string, sigFigs = 3): string {
  checkSigFigs(sigFigs);
  if (!Number.isFinite(value)) return `${value} ${unit}`.trimEnd();
  if (value === 0) return `0 ${unit}`.trimEnd();
  const { text, exponent } = scaled(value, sigFigs, -30, 30);
  return `${text} ${SI_PREFIXES[exponent] ?? ''}${unit}`.trimEnd();
}

/**
 * Formats a count the way model sizes are written, 3 significant figures without trailing
 * zeros and with the suffixes parseHumanNumber reads: 82e9 = '82B', 7077888 = '7.08M'.
 */
export function formatCount(count: number): string {
  if (!Number.isFinite(count)) return String(count);
  if (count === 0) return '0';
  const { text, exponent } = scaled(count, 3, 0, 15);
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return trimmed + (COUNT_SUFFIXES[exponent] ?? '');
}

const DURATION_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['days', 86_400],
  ['h', 3_600],
  ['min', 60],
  ['s', 1],
  ['ms', 1e-3],
  ['\u00b5s', 1e-6],
  ['ns', 1e-9],
];

/**
 * Formats seconds in the largest unit (ns, µs, ms, s, min, h, days) in which the rounded
 * value is at least 1, with `sigFigs` significant figures: 5400 s = '1.50 h'.
 */
export function formatDuration(seconds: number, sigFigs = 3): string {
  checkSigFigs(sigFigs);
  if (!Number.isFinite(seconds)) return `${seconds} s`;
  if (seconds === 0) return '0 s';
  for (const [name, unitSeconds] of DURATION_UNITS) {
    const inUnit = seconds / unitSeconds;
    const { digits, exponent } = significant(inUnit, sigFigs);
    if (exponent >= 0 || name === 'ns') {
      const sign = seconds < 0 ? '-' : '';
      return `${sign}${placePoint(digits, exponent + 1)} ${name}`;
    }
  }
  throw new Error('unreachable: the last duration unit always matches');
}

/**
 * Formats a byte count with decimal SI prefixes (1 GB = 1e9 bytes, not GiB) and `sigFigs`
 * significant figures: 14e9 = '14.0 GB'. Never goes below bytes.
 */
export function formatBytes(bytes: number, sigFigs = 3): string {
  checkSigFigs(sigFigs);
  if (!Number.isFinite(bytes)) return `${bytes} B`;
  if (bytes === 0) return '0 B';
  const { text, exponent } = scaled(bytes, sigFigs, 0, 30);
  return `${text} ${SI_PREFIXES[exponent] ?? ''}B`;
}

/**
 * Formats a plain number with `sigFigs` significant figures and no prefix, for table cells
 * whose header carries the unit: 0.012345 = '0.0123', 1234.5 = '1235' (never fewer integer digits).
 */
export function formatNumber(value: number, sigFigs = 3): string {
  checkSigFigs(sigFigs);
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const { digits, exponent } = significant(value, sigFigs);
  const sign = value < 0 ? '-' : '';
  if (exponent + 1 > digits.length) return sign + String(Math.round(Math.abs(value)));
  return sign + placePoint(digits, exponent + 1);
}

/** Formats a fraction as a percentage with `sigFigs` significant figures: 0.4234 = '42.3%'. */
export function formatPercent(fraction: number, sigFigs = 3): string {
  checkSigFigs(sigFigs);
  if (!Number.isFinite(fraction)) return `${fraction}%`;
  if (fraction === 0) return '0%';
  const { digits, exponent } = significant(fraction * 100, sigFigs);
  return `${fraction < 0 ? '-' : ''}${placePoint(digits, exponent + 1)}%`;
}
