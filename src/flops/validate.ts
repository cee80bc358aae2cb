/**
 * Argument checks for the counting formulas. Each throws a UsageError naming the parameter,
 * what is valid and what it got, so a CLI caller can print the message as it is.
 */
import { UsageError } from '../errors.js';

function fail(name: string, valid: string, value: unknown): never {
  throw new UsageError(`${name} must be ${valid}, got ${String(value)}`);
}

/** Returns `value` if it is a finite number > 0; else throws a UsageError naming `name`. */
export function requirePositive(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    fail(name, 'a finite number > 0', value);
  }
  return value;
}

/** Returns `value` if it is a finite number >= 0; else throws a UsageError naming `name`. */
export function requireNonNegative(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(name, 'a finite number >= 0', value);
  }
  return value;
}

/** Returns `value` if it is an integer >= 1; else throws a UsageError naming `name`. */
export function requirePositiveInteger(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    fail(name, 'an integer >= 1', value);
  }
  return value;
}

/** Returns `value` if it is an integer >= 0; else throws a UsageError naming `name`. */
export function requireNonNegativeInteger(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(name, 'an integer >= 0', value);
  }
  return value;
}

/** Returns `value` if it is a fraction in (0, 1]; else throws a UsageError naming `name`. */
export function requireFraction(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1) {
    fail(name, 'a fraction in (0, 1] (e.g. 0.4 for 40%)', value);
  }
  return value;
}
