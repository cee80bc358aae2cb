/** Seeded input data, so every run of a case multiplies the same numbers. */
import { createRng } from '../stats/rng.js';
import { toF16 } from './f16.js';
import type { ProgramBuffer } from './program.js';

/** FNV-1a of a buffer's name mixed into the seed, so each buffer gets its own stream. */
function mixName(seed: number, name: string): number {
  let mixed = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < name.length; i++) mixed = Math.imul(mixed ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return mixed;
}

/** `length` values uniform in [-1, 1), from a generator seeded by `seed` and the buffer's name. */
export function seededValues(length: number, seed: number, name: string): Float32Array<ArrayBuffer> {
  const rng = createRng(mixName(seed, name));
  const values = new Float32Array(length);
  for (let i = 0; i < length; i++) values[i] = rng.nextFloat() * 2 - 1;
  return values;
}

/**
 * `count` distinct indices in [0, total), seeded, always with the first and last: the elements a sampled
 * check compares.
 */
export function sampleIndices(total: number, count: number, seed: number): number[] {
  if (count >= total) return Array.from({ length: total }, (_, i) => i);
  const rng = createRng(mixName(seed, 'check'));
  const chosen = new Set<number>([0, total - 1]);
  while (chosen.size < count) chosen.add(rng.nextInt(total));
  return [...chosen].sort((a, b) => a - b);
}

/**
 * The values the seeded buffers of a program hold, as the GPU sees them (f16 buffers rounded to
 * f16): what a kernel's CPU reference reads.
 */
export function seededInputs(buffers: readonly ProgramBuffer[], seed: number): Record<string, Float32Array> {
  const inputs: Record<string, Float32Array> = {};
  for (const spec of buffers) {
    if (spec.fill !== 'seeded') continue;
    const values = seededValues(spec.length, seed, spec.name);
    inputs[spec.name] = spec.type === 'f16' ? toF16(values).rounded : values;
  }
  return inputs;
}
