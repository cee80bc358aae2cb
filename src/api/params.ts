/**
 * A kernel's parameter space as a set of points: every configuration (the grid), the
 * configurations next to one, a stable key for one, and the check of a configuration a user
 * asked for by hand. Pure.
 */
import { UsageError } from '../errors.js';
import type { KernelDescriptor, ParamSpace, Params } from './types.js';

/** A stable key of a configuration: its keys sorted, e.g. `TM=8,TN=16,WG_X=4`. */
export function paramKey(params: Params): string {
  return Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join(',');
}

/** Number of configurations in the grid: the product of the axes' lengths. */
export function gridSize(space: ParamSpace): number {
  return Object.values(space).reduce((product, values) => product * values.length, 1);
}

/** Every configuration of the space, the last axis varying fastest. */
export function gridPoints(space: ParamSpace): Params[] {
  let points: Record<string, number>[] = [{}];
  for (const [key, values] of Object.entries(space)) {
    points = points.flatMap((point) => values.map((value) => ({ ...point, [key]: value })));
  }
  return points;
}

/**
 * The configurations one step away from `params` along one axis (the previous or next value of
 * that axis's list), the other axes unchanged: where a greedy search looks next.
 */
export function neighbours(space: ParamSpace, params: Params): Params[] {
  const found: Params[] = [];
  for (const [key, values] of Object.entries(space)) {
    const at = values.indexOf(params[key]!);
    if (at < 0) continue;
    for (const step of [-1, 1]) {
      const value = values[at + step];
      if (value !== undefined) found.push({ ...params, [key]: value });
    }
  }
  return found;
}

/**
 * The kernel's default configuration with `overrides` applied; a UsageError naming the valid keys
 * or values when a key is not a parameter of the kernel or a value is not in its space.
 */
export function applyParamOverrides(kernel: KernelDescriptor, overrides: Params): Params {
  const keys = Object.keys(kernel.paramSpace);
  for (const [key, value] of Object.entries(overrides)) {
    const values = kernel.paramSpace[key];
    if (!values) {
      throw new UsageError(
        `--param ${key}: ${kernel.name} has no parameter ${key}: its parameters are ${keys.join(', ')}`,
      );
    }
    if (!values.includes(value)) {
      throw new UsageError(
        `--param ${key}=${value}: not in ${kernel.name}'s space for ${key}: choose one of ${values.join(', ')}`,
      );
    }
  }
  return { ...kernel.defaultParams, ...overrides };
}
