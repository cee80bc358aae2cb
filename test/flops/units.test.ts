import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseBandwidthGbPerS, parseHumanNumber } from '../../src/flops/units.js';

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
    expect(() => parseHumanNumber('abc')).toThrow(
      'cannot read "abc" as a number: write a non-negative number like 82B',
    );
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
    expect(() => parseBandwidthGbPerS('1e305PB/s')).toThrow('too large to represent'); // 1e311 GB/s
  });
});
