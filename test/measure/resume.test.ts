import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { resumable } from '../../src/measure/resume.js';
import type { Results } from '../../src/results/schema.js';
import { emptyResults } from '../helpers/results.js';

/** An interrupted run: incomplete, one case done. */
function partial(): Results {
  const results = emptyResults();
  results.complete = false;
  results.env.finishedAt = null;
  results.cases = [{ id: 'matmul-naive/64x64x64/WG_X=16,WG_Y=16' } as Results['cases'][number]];
  return results;
}

describe('resumable', () => {
  it('keeps the partial run (its cases and start) and takes the reference peaks found now', () => {
    const fresh = emptyResults();
    fresh.env.startedAt = '2026-12-01T00:00:00.000Z';
    fresh.peaks.reference = {
      name: 'host CPU',
      origin: 'cpu-estimate',
      matchedBy: 'x',
      fp32Tflops: 0.3,
      fp16Tflops: null,
      tensorFp16Tflops: null,
      bandwidthGbPerS: null,
      boostClockMhz: null,
      source: 's',
      estimate: true,
    };
    const resumed = resumable(partial(), fresh, 'r.partial.json');
    expect(resumed.cases).toHaveLength(1);
    expect(resumed.env.startedAt).toBe('2026-11-24T12:00:00.000Z');
    expect(resumed.env.finishedAt).toBeNull();
    expect(resumed.peaks.reference?.fp32Tflops).toBe(0.3);
  });

  it('refuses a finished run', () => {
    const done = partial();
    done.complete = true;
    expect(() => resumable(done, emptyResults(), 'r.json')).toThrow(/that run finished; there is nothing to resume/);
  });

  it.each([
    ['sizes', (r: Results) => (r.suite.sizes = [128])],
    ['kernels', (r: Results) => (r.suite.kernels = ['matmul-tiled'])],
    ['seed', (r: Results) => (r.suite.seed = 2)],
    ['timing', (r: Results) => (r.suite.timing = { ...r.suite.timing, maxTimeMs: 1 })],
    ['rounds', (r: Results) => (r.suite.rounds = 5)],
    ['browser', (r: Results) => (r.env.browser.version = 'Chrome/157')],
    ['adapter', (r: Results) => (r.env.adapter.description = 'another')],
    ['flopscope version', (r: Results) => (r.env.harness.version = '0.2.0')],
  ])('refuses a run with another %s, naming it', (what, change) => {
    const fresh = emptyResults();
    change(fresh);
    let error: unknown;
    try {
      resumable(partial(), fresh, 'r.partial.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(
      new RegExp(`^--resume r\\.partial\\.json: it was run with another ${what} \\(`),
    );
  });
});
