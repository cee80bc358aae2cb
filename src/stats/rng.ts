/**
 * A seeded, deterministic PRNG so that bootstrap intervals are reproducible run to run and in
 * Node and the page alike: xoshiro128** 1.1 (Blackman & Vigna 2018, prng.di.unimi.it), 128-bit
 * state, period 2^128 - 1, passes BigCrush; 32-bit integer math only, so it is exact in JS.
 */

/** A source of uniform random numbers; the same seed gives the same sequence everywhere. */
export interface Rng {
  /** The next uniform 32-bit unsigned integer, 0 <= x < 2^32. */
  nextUint32(): number;
  /** The next uniform float in [0, 1), with 32 random bits. */
  nextFloat(): number;
  /** A uniform integer in [0, n), for 1 <= n <= 2^32 (multiply-shift: bias below n / 2^32). */
  nextInt(n: number): number;
}

/** The default seed of the bootstrap functions: any fixed value would do; this spells "seed". */
export const DEFAULT_SEED = 0x5eed;

const TWO_POW_32 = 4294967296;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** xoshiro128** over an explicit 4-word state (not all zero): the bare algorithm, for tests. */
export function xoshiro128ss(state: readonly [number, number, number, number]): Rng {
  let s0 = state[0] >>> 0;
  let s1 = state[1] >>> 0;
  let s2 = state[2] >>> 0;
  let s3 = state[3] >>> 0;
  if ((s0 | s1 | s2 | s3) === 0) throw new RangeError('xoshiro128** state must not be all zero');
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  return {
    nextUint32,
    nextFloat: () => nextUint32() / TWO_POW_32,
    nextInt: (n) => Math.floor((nextUint32() / TWO_POW_32) * n),
  };
}

/**
 * A generator seeded from one integer: the state words are four outputs of a 32-bit SplitMix
 * (golden-ratio increment 0x9e3779b9, MurmurHash3's fmix32 finalizer), as the xoshiro authors
 * advise, so that nearby seeds give unrelated streams and no seed gives the all-zero state.
 */
export function createRng(seed: number = DEFAULT_SEED): Rng {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  let x = seed >>> 0;
  const splitMix32 = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state: [number, number, number, number] = [splitMix32(), splitMix32(), splitMix32(), splitMix32()];
  // fmix32 is a bijection and the four inputs differ, so at most one word can be 0.
  return xoshiro128ss(state);
}
