/**
 * Known answers for the number formatters (src/report/numbers.ts), from the mutation run over
 * src/flops/units.ts before the formatters moved: every SI prefix, rounding up a prefix, signs,
 * non-finite values and the precision checks.
 */
import { describe, expect, it } from 'vitest';
import { parseHumanNumber } from '../../src/flops/units.js';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatNumber,
  formatPercent,
  formatSi,
} from '../../src/report/numbers.js';
describe('formatSi', () => {
  it('rounds to 3 significant figures with SI prefixes', () => {
    expect(formatSi(1.234e12, 'FLOP/s')).toBe('1.23 TFLOP/s');
    expect(formatSi(512e9, 'B/s')).toBe('512 GB/s');
    expect(formatSi(3.35e12, 'B/s')).toBe('3.35 TB/s');
    expect(formatSi(19.49184e12, 'FLOP/s')).toBe('19.5 TFLOP/s');
    expect(formatSi(1, 'FLOP')).toBe('1.00 FLOP');
    expect(formatSi(123_456, 'FLOP/s')).toBe('123 kFLOP/s');
    expect(formatSi(-2.5e-3, 's')).toBe('-2.50 ms');
  });

  it('moves up a prefix when rounding reaches 1000 (999.6 G = 1.00 T)', () => {
    expect(formatSi(999.6e9, 'FLOP/s')).toBe('1.00 TFLOP/s');
    expect(formatSi(999.4e9, 'FLOP/s')).toBe('999 GFLOP/s');
  });

  it('handles 0, tiny and huge values, and other precisions', () => {
    expect(formatSi(0, 'FLOP/s')).toBe('0 FLOP/s');
    expect(formatSi(4.2e-7, 's')).toBe('420 ns');
    expect(formatSi(1.5e-6, 's')).toBe('1.50 \u00b5s');
    expect(formatSi(2e-33, 'FLOP')).toBe('0.00200 qFLOP');
    expect(formatSi(1.23e35, 'FLOP')).toBe('123000 QFLOP');
    expect(formatSi(5.88e23, 'FLOP')).toBe('588 ZFLOP'); // Chinchilla's budget
    expect(formatSi(1.23456e12, 'FLOP/s', 5)).toBe('1.2346 TFLOP/s');
    expect(formatSi(123_456, 'FLOP/s', 1)).toBe('100 kFLOP/s');
    expect(formatSi(1500, '')).toBe('1.50 k');
  });

  it('shows non-finite values as they are and refuses a bad precision', () => {
    expect(formatSi(Number.NaN, 'FLOP/s')).toBe('NaN FLOP/s');
    expect(formatSi(Number.POSITIVE_INFINITY, 'B/s')).toBe('Infinity B/s');
    expect(() => formatSi(1, 'B', 0)).toThrow('sigFigs must be an integer >= 1');
    expect(() => formatSi(1, 'B', 22)).toThrow('sigFigs must be an integer from 1 to 21');
  });
});

describe('formatCount', () => {
  it('writes model sizes with the suffixes parseHumanNumber reads', () => {
    expect(formatCount(82e9)).toBe('82B');
    expect(formatCount(7_077_888)).toBe('7.08M'); // BERT-base layer, 12 x 768^2
    expect(formatCount(124_439_808)).toBe('124M'); // GPT-2 small
    expect(formatCount(1.5e12)).toBe('1.5T');
    expect(formatCount(16_000)).toBe('16k');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(12)).toBe('12');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(0.5)).toBe('0.5');
    expect(formatCount(999_600)).toBe('1M');
    expect(formatCount(2e18)).toBe('2000P');
    expect(formatCount(Number.NaN)).toBe('NaN');
  });

  it('round-trips through parseHumanNumber at 3 significant figures', () => {
    expect(parseHumanNumber(formatCount(7e9))).toBe(7e9);
    expect(parseHumanNumber(formatCount(175e9))).toBe(175e9);
  });
});

describe('formatDuration', () => {
  it('picks the largest unit in which the value is at least 1', () => {
    expect(formatDuration(0.5e-9)).toBe('0.500 ns');
    expect(formatDuration(42e-6)).toBe('42.0 \u00b5s');
    expect(formatDuration(0.0123)).toBe('12.3 ms');
    expect(formatDuration(12.34)).toBe('12.3 s');
    expect(formatDuration(90)).toBe('1.50 min');
    expect(formatDuration(5_400)).toBe('1.50 h');
    expect(formatDuration(86_400 * 34.5)).toBe('34.5 days');
    expect(formatDuration(86_400 * 1_234_567)).toBe('1230000 days');
  });

  it('stays in a unit when rounding does not reach the next (59.96 s), moves when it does', () => {
    expect(formatDuration(59.96)).toBe('60.0 s');
    expect(formatDuration(3_599.99)).toBe('1.00 h');
  });

  it('handles 0, negative and non-finite values', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(-1.5)).toBe('-1.50 s');
    expect(formatDuration(Number.NaN)).toBe('NaN s');
    expect(formatDuration(2.5, 2)).toBe('2.5 s');
  });
});

describe('formatBytes', () => {
  it('uses decimal prefixes (1 GB = 1e9 bytes)', () => {
    expect(formatBytes(14e9)).toBe('14.0 GB'); // 7B params in fp16
    expect(formatBytes(2 ** 30)).toBe('1.07 GB'); // 1 GiB is 1.07 GB
    expect(formatBytes(120e9)).toBe('120 GB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(0.5)).toBe('0.500 B');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1.875e9, 4)).toBe('1.875 GB');
  });
});

describe('formatPercent', () => {
  it('writes a fraction as a percentage to 3 significant figures', () => {
    expect(formatPercent(0.4234)).toBe('42.3%');
    expect(formatPercent(0.05)).toBe('5.00%');
    expect(formatPercent(1.2)).toBe('120%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.000123)).toBe('0.0123%');
  });
});

describe('formatNumber', () => {
  it('keeps significant figures without a prefix', () => {
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatNumber(14.83)).toBe('14.8');
    expect(formatNumber(1234.5)).toBe('1235');
    expect(formatNumber(-2.5)).toBe('-2.50');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });
});

describe('formats: every SI prefix, signs, empty units and non-finite values', () => {
  it('writes each prefix from q (1e-30) to Q (1e30)', () => {
    const prefixes = [
      'q',
      'r',
      'y',
      'z',
      'a',
      'f',
      'p',
      'n',
      '\u00b5',
      'm',
      '',
      'k',
      'M',
      'G',
      'T',
      'P',
      'E',
      'Z',
      'Y',
      'R',
      'Q',
    ];
    prefixes.forEach((prefix, i) => {
      const exponent = -30 + 3 * i;
      expect(formatSi(Number(`1.5e${exponent}`), 'X'), `1.5e${exponent}`).toBe(`1.50 ${prefix}X`);
    });
  });

  it('leaves no trailing space when the unit is empty', () => {
    expect(formatSi(1.5, '')).toBe('1.50');
    expect(formatSi(0, '')).toBe('0');
    expect(formatSi(Number.NaN, '')).toBe('NaN');
  });

  it('takes up to 21 significant figures', () => {
    expect(formatSi(1, 'B', 21)).toBe('1.00000000000000000000 B');
    expect(formatNumber(2, 21)).toBe('2.00000000000000000000');
  });

  it('keeps the sign of negative values', () => {
    expect(formatPercent(-0.25)).toBe('-25.0%');
    expect(formatBytes(-1500)).toBe('-1.50 kB');
    expect(formatNumber(-1234.5)).toBe('-1235');
  });

  it('shows non-finite values as they are', () => {
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('Infinity B');
    expect(formatPercent(Number.NaN)).toBe('NaN%');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(formatDuration(Number.NEGATIVE_INFINITY)).toBe('-Infinity s');
  });

  it('writes counts in M and P too', () => {
    expect(formatCount(3.5e6)).toBe('3.5M');
    expect(formatCount(2.25e15)).toBe('2.25P');
  });
});
