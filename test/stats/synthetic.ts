/** Seeded synthetic timings for the stats tests (not a test file itself). */

import { createRng, type Rng } from '../../src/stats/rng.js';

/** A standard normal draw by Box-Muller (one of the pair; simplicity over speed). */
export function normal(rng: Rng): number {
  const u1 = 1 - rng.nextFloat(); // (0, 1]: log stays finite
  const u2 = rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** n log-normal times around `medianTime`, log-sd `sigma` (≈ relative spread for small sigma). */
export function lognormalTimes(n: number, medianTime: number, sigma: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => medianTime * Math.exp(sigma * normal(rng)));
}
