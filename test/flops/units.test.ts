import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatNumber,
  formatPercent,
  formatSi,
  parseBandwidthGbPerS,
  parseHumanNumber,
} from '../../src/flops/units.js';

describe('parseHumanNumber', () => {
  it('reads the forms of domain.md "Units" (k=1e3, M=1e6, B/G=1e9, T=1e12, P=1e15)', () => {
    expect(parseHumanNumber('82B')).toBe(82_000_000_000);
    expect(parseHumanNumber('150e9')).toBe(150_000_000_000);
    expect(parseHumanNumber('1.5T')).toBe(1_500_000_000_000);
    expect(parseHumanNumber('312T')).toBe(312_000_000_000_000);
    expect(parseHumanNumber('70M')).toBe(70_000_000);
    expect(parseHumanNumber('16k')).toBe(16_000);
    expect(parseHumanNumber('2.5e3')).toBe(2_500);
    expect(parseHumanNumber('2G')).toBe(2_000_000_000);
    expect(parseHumanNumber('1P')).toBe(1e15);
  });

  it('reads plain numbers, spaces, lower-case suffixes and grouped thousands', () => {
    expect(parseHumanNumber('4096')).toBe(4096);
    expect(parseHumanNumber('0')).toBe(0);
    expect(parseHumanNumber('.5k')).toBe(500);
    expect(parseHumanNumber(' 7 b ')).toBe(7_000_000_000);
    expect(parseHumanNumber('16K')).toBe(16_000);
    expect(parseHumanNumber('1,000')).toBe(1000);
    expect(parseHumanNumber('1,000,000')).toBe(1_000_000);
    expect(parseHumanNumber('1_000_000')).toBe(1_000_000);
    expect(parseHumanNumber('2.5E-3')).toBe(0.0025);
  });

  it('rounds once, so decimal inputs give the nearest double (2.3T is 2,300,000,000,000 exactly)', () => {
    expect(parseHumanNumber('2.3T')).toBe(2_300_000_000_000);
    expect(parseHumanNumber('0.1B')).toBe(100_000_000);
  });

  it('refuses bad text with one line naming it and the accepted forms', () => {
    for (const bad of ['', 'abc', '-5', '+5', '1,5', '1,0000', '5X', '1e', 'NaN', 'Infinity', '1.2.3', '5 M B']) {
      expect(() => parseHumanNumber(bad), bad).toThrow(UsageError);
    }
    expect(() => parseHumanNumber('abc')).toThrow('cannot read "abc" as a number: write a non-negative number like 82B');
    expect(() => parseHumanNumber('5X')).toThrow('unknown suffix "X" in "5X"');
    expect(() => parseHumanNumber('70m')).toThrow('"70m" is ambiguous (m is milli in SI): write M for million');
    expect(() => parseHumanNumber('1e400')).toThrow('"1e400" is too large');
    // One line, so the CLI can print it as it is.
    expect(() => parseHumanNumber('1,5')).toThrow(/^[^\n]+$/);
  });
});

describe('parseBandwidthGbPerS', () => {
  it('takes a plain number as GB/s', () => {
    expect(parseBandwidthGbPerS('900')).toBe(900);
    expect(parseBandwidthGbPerS('1,555')).toBe(1555);
  });

  it('converts decimal units', () => {
    // H100 SXM: 3.35 TB/s = 3350 GB/s
    expect(parseBandwidthGbPerS('3.35TB/s')).toBe(3350);
    expect(parseBandwidthGbPerS('900GB/s')).toBe(900);
    expect(parseBandwidthGbPerS('500 MB/s')).toBe(0.5);
    expect(parseBandwidthGbPerS('2e9B/s')).toBe(2);
    expect(parseBandwidthGbPerS('1PB/s')).toBe(1e6);
    expect(parseBandwidthGbPerS('250kB/s')).toBe(0.00025);
  });

  it('converts binary units exactly: 512 GiB/s = 512 x 2^30 bytes/s = 549.755813888 GB/s', () => {
    expect(parseBandwidthGbPerS('512 GiB/s')).toBe(549.755813888);
    expect(parseBandwidthGbPerS('1TiB/s')).toBe(1099.511627776); // 2^40 bytes/s
    expect(parseBandwidthGbPerS('1KiB/s')).toBe(1.024e-6);
  });

  it('refuses bits, unknown units and junk with the accepted forms', () => {
    expect(() => parseBandwidthGbPerS('900Gb/s')).toThrow('looks like bits per second');
    expect(() => parseBandwidthGbPerS('900GB')).toThrow('unknown bandwidth unit "GB" in "900GB"');
    expect(() => parseBandwidthGbPerS('fast')).toThrow('cannot read "fast" as a bandwidth');
    expect(() => parseBandwidthGbPerS('-3TB/s')).toThrow(UsageError);
    expect(() => parseBandwidthGbPerS('3 TB / s')).toThrow(UsageError);
  });
});

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
    const prefixes = ['q', 'r', 'y', 'z', 'a', 'f', 'p', 'n', '\u00b5', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y', 'R', 'Q'];
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

describe('parse errors list the accepted forms', () => {
  it('names every suffix and every bandwidth unit', () => {
    expect(() => parseHumanNumber('5X')).toThrow('(k=1e3, M=1e6, B/G=1e9, T=1e12, P=1e15)');
    expect(() => parseBandwidthGbPerS('fast')).toThrow(
      'write GB/s as a plain number (900) or with a unit: 3.35TB/s, 900GB/s, 512 GiB/s (B/s, kB/s, MB/s, GB/s, TB/s, PB/s decimal; KiB/s, MiB/s, GiB/s, TiB/s, PiB/s binary)',
    );
  });

  it('calls a unit without a b an unknown unit, not bits', () => {
    expect(() => parseBandwidthGbPerS('900 G')).toThrow('unknown bandwidth unit "G" in "900 G"');
    expect(() => parseBandwidthGbPerS('900 kb/s')).toThrow('looks like bits per second');
  });

  it('refuses a bandwidth too large for a double', () => {
    expect(() => parseBandwidthGbPerS('1e400')).toThrow('"1e400" is too large to represent');
    expect(() => parseBandwidthGbPerS('1e305PB/s')).toThrow('too large to represent') // 1e311 GB/s;
  });
});
