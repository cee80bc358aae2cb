/**
 * What the stats cost per call, as benchmarks rather than wall-clock limits inside unit tests
 * (a limit that holds on an idle machine fails on a loaded one, and under mutation testing).
 * `npx vitest bench --run bench/stats-cost.bench.ts`. The unit tests check the values these
 * functions return (test/stats/ci.test.ts, test/stats/stopping.test.ts).
 *
 * What to look for: medianCiRanks(1e6) well under 50 ms, and StoppingRule over 20,000 samples
 * checked one by one well under a second (O(n) insert + O(√n) check), where shouldStop, which
 * re-sorts on every call, took ~17 s for the same sequence when it was measured.
 */
import { bench, describe } from 'vitest';
import { medianCiRanks } from '../src/stats/ci.js';
import { createRng } from '../src/stats/rng.js';
import { shouldStop, StoppingRule } from '../src/stats/stopping.js';

/** n log-normal times around 1000 (log-sd 0.1), seeded: Box-Muller on the flopscope RNG. */
function lognormalTimes(n: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from(
    { length: n },
    () =>
      1000 * Math.exp(0.1 * Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat())),
  );
}

describe('medianCiRanks', () => {
  bench('n = 1,000,000', () => {
    medianCiRanks(1_000_000);
  });
});

describe('stopping rule, checked after every sample', () => {
  const samples = lognormalTimes(20_000, 92);
  bench(
    'StoppingRule over 20,000 samples',
    () => {
      const rule = new StoppingRule({ maxTimeMs: Number.POSITIVE_INFINITY, noiseTarget: 1e-9 });
      for (let i = 0; i < samples.length; i++) {
        rule.add(samples[i]!);
        rule.check(i);
      }
    },
    { iterations: 5 },
  );
  // The same loop through shouldStop, at a tenth of the length so it stays short: side by side,
  // the ratio is what shows the incremental rule's worth.
  const short = samples.slice(0, 2_000);
  bench(
    'shouldStop over 2,000 samples (re-sorts on every call)',
    () => {
      for (let i = 0; i < short.length; i++)
        shouldStop(
          { samples: short.slice(0, i + 1), elapsedMs: i },
          { maxTimeMs: Number.POSITIVE_INFINITY, noiseTarget: 1e-9 },
        );
    },
    { iterations: 3 },
  );
  bench(
    'StoppingRule over the same 2,000 samples',
    () => {
      const rule = new StoppingRule({ maxTimeMs: Number.POSITIVE_INFINITY, noiseTarget: 1e-9 });
      for (let i = 0; i < short.length; i++) {
        rule.add(short[i]!);
        rule.check(i);
      }
    },
    { iterations: 5 },
  );
});
