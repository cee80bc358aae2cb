/**
 * End to end: the TF.js peer (tf.matMul on TF.js's WebGPU backend) on its own page of the same
 * browser, checked against the matmul CPU reference on the same seeded inputs, timed by wall clock.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserRunner } from '../../src/host/browser-runner.js';
import { runToFile } from '../../src/host/run-to-file.js';
import { planCases } from '../../src/measure/plan.js';
import { tempDir } from '../helpers/cli.js';
import { TEST_TIMING, runCase, useRunner } from '../helpers/runner.js';

const quiet = {
  log: () => undefined,
  caseStarted: () => undefined,
  caseProgress: () => undefined,
  caseFinished: () => undefined,
};

describe('the TF.js peer', () => {
  const runner = useRunner();

  it('multiplies the same inputs as matmul-naive correctly at 64 and 128, wall-clock timed, and the runner page never loads TF.js', async () => {
    const dir = tempDir();
    const cases = planCases({ suite: 'peers', sizes: [64, 128], kernels: ['tfjs-matmul', 'matmul-naive'] });
    const handle = runner();
    const { results } = await runToFile(
      {
        cases,
        suite: { name: 'peers', sizes: [64, 128] },
        timing: TEST_TIMING,
        peakRequest: {},
        seed: 1,
        maxCheckedElements: 1 << 20,
        measurePeak: false,
      },
      {},
      { out: `${dir}/peers.json` },
      quiet,
      // Borrowed: runToFile closes its runner, and this one belongs to the file.
      new Proxy(handle, {
        get: (target, key) => (key === 'close' ? async () => undefined : Reflect.get(target, key, target)),
      }),
    );
    const peer = results.cases.filter((c) => c.kernel === 'tfjs-matmul');
    expect(peer).toHaveLength(2);
    for (const record of peer) {
      expect(record.status, JSON.stringify(record.correctness)).toBe('ok');
      expect(record.correctness).toMatchObject({ passed: true, mode: 'full', mismatches: 0 });
      expect(record.timing!.clock).toBe('wall');
      expect(record.timing!.medianMs).toBeGreaterThan(0);
      expect(record.gflops).toBeGreaterThan(0);
    }
    // 64^3 x 2 FLOPs, the same useful work as flopscope's kernel at that shape.
    expect(peer[0]!.flops).toBe(2 * 64 ** 3);
    expect(results.cases.find((c) => c.kernel === 'matmul-naive')!.flops).toBe(peer[0]!.flops);
    const runnerPageScripts = await (handle as BrowserRunner).runnerPage.page.evaluate(
      () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('tfjs')) || 'tf' in window,
    );
    expect(runnerPageScripts).toBe(false);
  });

  it('multiplies a batch of 2 non-square products (2x33x70x19) correctly', async () => {
    const outcome = await runCase(runner(), 'tfjs-matmul', { batch: 2, m: 33, n: 70, k: 19 }, {});
    expect(outcome.status, outcome.message).toBe('ok');
    expect(outcome.correctness).toMatchObject({
      passed: true,
      mode: 'full',
      checked: 2 * 33 * 70,
      total: 2 * 33 * 70,
      mismatches: 0,
    });
  });
});
