import { describe, expect, it } from 'vitest';
import { parseCount, parseDurationMs, parseNames, parseNoise, parseSizes } from '../../src/cli/arguments.js';
import { UsageError } from '../../src/errors.js';

describe('parseSizes', () => {
  it('reads comma lists and repeats', () => {
    expect(parseSizes(['128,256', '67'])).toEqual([128, 256, 67]);
    expect(parseSizes(undefined)).toBeUndefined();
  });
  it.each(['0', '-1', '1.5', 'abc', ''])('refuses %j', (text) => {
    expect(() => parseSizes([text])).toThrow(UsageError);
  });
});

describe('parseNames', () => {
  it('splits and trims', () => expect(parseNames(['a, b', 'c'])).toEqual(['a', 'b', 'c']));
});

describe('parseNoise', () => {
  it('reads percentages and fractions', () => {
    expect(parseNoise('1%')).toBe(0.01);
    expect(parseNoise('0.5%')).toBe(0.005);
    expect(parseNoise('0.02')).toBe(0.02);
  });
  it.each(['0', '-1%', '60%', 'abc', '%'])('refuses %j', (text) => {
    expect(() => parseNoise(text)).toThrow(/--noise: .* give a percentage such as --noise 1%/);
  });
});

describe('parseDurationMs', () => {
  it('reads seconds by default and ms, s, min units', () => {
    expect(parseDurationMs('5', '--max-time')).toBe(5000);
    expect(parseDurationMs('500ms', '--max-time')).toBe(500);
    expect(parseDurationMs('1.5s', '--max-time')).toBe(1500);
    expect(parseDurationMs('2min', '--max-time')).toBe(120_000);
  });
  it.each(['0', '-3', '5h', 'soon'])('refuses %j', (text) => {
    expect(() => parseDurationMs(text, '--max-time')).toThrow(/--max-time: .* is not a duration/);
  });
});

describe('parseCount', () => {
  it('accepts whole numbers from the least', () => expect(parseCount(10, '--min-samples')).toBe(10));
  it('refuses fractions and too-small values', () => {
    expect(() => parseCount(2.5, '--min-samples')).toThrow(UsageError);
    expect(() => parseCount(0, '--min-samples')).toThrow(/at least 1/);
  });
});
