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
