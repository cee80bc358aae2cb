import { describe, expect, it } from 'vitest';
import { createRng, xoshiro128ss } from '../../src/stats/rng.js';

describe('xoshiro128**', () => {
  it('reproduces the C reference outputs', () => {
    // Test vectors generated with the reference xoshiro128starstar.c, as published in the
    // edorfaus/xoshiro-6502 repository (test-rom/testdata.asm: VerifyStatesXoshiro128 row 1,
    // VerifyValuesXoshiro128 "starstar" column).
    const rng = xoshiro128ss([0x964d4a0c, 0xd40ab895, 0xad7fdecb, 0x3006f0f0]);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([
      0xf1391922, 0x6fe53806, 0xa5be2840, 0xf510ee70,
    ]);
  });

  it('follows the algorithm by hand from state [0, 1, 0, 0]', () => {
    // result = rotl(s1 * 5, 7) * 9 = (5 << 7) * 9 = 5760 for s1 = 1
    expect(xoshiro128ss([0, 1, 0, 0]).nextUint32()).toBe(5760);
    expect(() => xoshiro128ss([0, 0, 0, 0])).toThrow(RangeError);
  });
});

describe('createRng', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 8 }, () => rng.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(0)).not.toEqual(draw(1));
  });

  it("pins the default seed's stream, so bootstrap results stay comparable across versions", () => {
    const rng = createRng();
    const first = [rng.nextUint32(), rng.nextUint32(), rng.nextUint32()];
    const again = createRng(0x5eed);
    expect([again.nextUint32(), again.nextUint32(), again.nextUint32()]).toEqual(first);
    // Pinned from this implementation: a change here changes every default bootstrap result.
    expect(first).toEqual([1940137148, 3905139606, 894994632]);
  });

  it('draws uniform floats in [0, 1) and ints in [0, n) with the right mean', () => {
    const rng = createRng(7);
    let sum = 0;
    const counts = new Array<number>(10).fill(0);
    let lowest = 1;
    let highest = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = rng.nextFloat();
      lowest = Math.min(lowest, u);
      highest = Math.max(highest, u);
      sum += u;
      counts[rng.nextInt(10)]!++;
    }
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(highest).toBeLessThan(1);
    // mean of U(0,1) is 1/2 with sd 0.2887 / sqrt(1e5) = 0.0009: 5 sd is 0.0046
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.0046);
    // each of 10 bins expects 10,000 ± 95 (binomial sd): 5 sd is 475
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(475);
  });
});
