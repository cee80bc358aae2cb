import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  requireFraction,
  requireNonNegative,
  requireNonNegativeInteger,
  requirePositive,
  requirePositiveInteger,
} from '../../src/flops/validate.js';

describe('validate', () => {
  it('returns good values unchanged', () => {
    expect(requirePositive('x', 0.5)).toBe(0.5);
    expect(requireNonNegative('x', 0)).toBe(0);
    expect(requirePositiveInteger('x', 7)).toBe(7);
    expect(requireNonNegativeInteger('x', 0)).toBe(0);
    expect(requireFraction('x', 1)).toBe(1);
  });

  it('throws a UsageError naming the parameter, what is valid and what it got', () => {
    expect(() => requirePositive('hidden', 0)).toThrow(UsageError);
    expect(() => requirePositive('hidden', 0)).toThrow('hidden must be a finite number > 0, got 0');
    expect(() => requirePositive('x', Number.NaN)).toThrow('got NaN');
    expect(() => requirePositive('x', Number.POSITIVE_INFINITY)).toThrow('got Infinity');
    expect(() => requireNonNegative('bytes', -1)).toThrow('bytes must be a finite number >= 0, got -1');
    expect(() => requirePositiveInteger('seq', 2.5)).toThrow('seq must be an integer >= 1, got 2.5');
    expect(() => requirePositiveInteger('seq', 0)).toThrow(UsageError);
    expect(() => requireNonNegativeInteger('padding', -1)).toThrow('padding must be an integer >= 0, got -1');
    expect(() => requireFraction('mfu', 40)).toThrow('mfu must be a fraction in (0, 1]');
    expect(() => requireFraction('mfu', 0)).toThrow(UsageError);
  });

  it('refuses non-numbers that slip past the types (e.g. from JSON)', () => {
    expect(() => requirePositive('x', '5' as unknown as number)).toThrow('got 5');
    expect(() => requirePositiveInteger('x', null as unknown as number)).toThrow('got null');
  });
});
