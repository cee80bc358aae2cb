/** Parsing of argument values yargs leaves as strings: sizes, repeated names. */
import { UsageError } from '../errors.js';

/** `--sizes 128,256` (or repeated `--sizes`) as positive integers. */
export function parseSizes(values: readonly (string | number)[] | undefined): number[] | undefined {
  if (values === undefined) return undefined;
  const sizes: number[] = [];
  for (const part of values.flatMap((value) => String(value).split(','))) {
    const text = part.trim();
    const size = Number(text);
    if (text === '' || !Number.isInteger(size) || size <= 0) {
      throw new UsageError(`--sizes: "${part}" is not a positive whole number: give sizes like --sizes 128,256`);
    }
    sizes.push(size);
  }
  return sizes;
}

/** `--kernel a --kernel b` or `--kernel a,b` as a list of names. */
export function parseNames(values: readonly string[] | string | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return [values]
    .flat()
    .flatMap((value) => String(value).split(','))
    .map((name) => name.trim())
    .filter(Boolean);
}

/** `--noise 1%` or `--noise 0.01`: the relative half-width a case stops at, as a fraction in (0, 0.5]. */
export function parseNoise(text: string | number): number {
  const raw = String(text).trim();
  const percent = raw.endsWith('%');
  const value = Number(percent ? raw.slice(0, -1) : raw) / (percent ? 100 : 1);
  if (raw === '' || raw === '%' || !Number.isFinite(value) || value <= 0 || value > 0.5) {
    throw new UsageError(
      `--noise: "${raw}" is not a noise target: give a percentage such as --noise 1% (or a fraction, 0.01), above 0 and at most 50%`,
    );
  }
  return value;
}

/** `--max-time 5` (seconds), `--max-time 500ms`, `--max-time 2s` or `2min` as milliseconds. */
export function parseDurationMs(text: string | number, option: string): number {
  const raw = String(text).trim();
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|min)?$/.exec(raw);
  const value = match
    ? Number(match[1]) * { ms: 1, s: 1e3, min: 60e3 }[(match[2] ?? 's') as 'ms' | 's' | 'min']
    : Number.NaN;
  if (!(value > 0))
    throw new UsageError(
      `${option}: "${raw}" is not a duration: give seconds (${option} 5) or a unit (${option} 500ms, ${option} 2min)`,
    );
  return value;
}

/** A whole number of at least `least` for `option`. */
export function parseCount(value: number, option: string, least = 1): number {
  if (!Number.isInteger(value) || value < least)
    throw new UsageError(
      `${option} ${value} is not a whole number of at least ${least}: give e.g. ${option} ${Math.max(least, 10)}`,
    );
  return value;
}

/** --seed: a whole number, 0 or more. */
export function parseSeed(value: number): number {
  if (!Number.isInteger(value) || value < 0)
    throw new UsageError(`--seed ${value} is not a non-negative whole number: give e.g. --seed 1`);
  return value;
}

/** `--param TM=8 --param TN=16` (or `--param TM=8,TN=16`) as { TM: 8, TN: 16 }. */
export function parseParams(values: readonly (string | number)[] | undefined): Record<string, number> | undefined {
  if (values === undefined) return undefined;
  const params: Record<string, number> = {};
  for (const part of values.flatMap((value) => String(value).split(','))) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+)\s*$/.exec(part);
    const value = match ? Number(match[2]) : NaN;
    if (!match || !Number.isFinite(value)) {
      throw new UsageError(`--param: "${part}" is not KEY=NUMBER: give e.g. --param TM=8 (repeatable)`);
    }
    params[match[1]!] = value;
  }
  return params;
}

/** `--scale 0.25`: a factor in (0, 1] that shrinks shapes. */
export function parseScale(text: string | number): number {
  const value = Number(String(text).trim());
  if (String(text).trim() === '' || !Number.isFinite(value) || value <= 0 || value > 1) {
    throw new UsageError(
      `--scale: "${text}" is not a factor in (0, 1]: give e.g. --scale 0.25 (1 = the model's real shapes)`,
    );
  }
  return value;
}
