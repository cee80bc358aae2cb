/**
 * End to end: the TF.js peer (tf.matMul on TF.js's WebGPU backend) on its own page of the same
 * browser, checked against the matmul CPU reference on the same seeded inputs, timed by wall clock.
 */
import { describe, expect, it } from 'vitest';
import { runCases } from '../../src/host/run.js';
import { getKernel } from '../../src/kernels/index.js';
import { planCases } from '../../src/host/suite-plan.js';
import { tempDir } from '../helpers/cli.js';
import { TEST_TIMING, useRunner } from '../helpers/runner.js';

const quiet = { log: () => undefined, caseStarted: () => undefined, caseProgress: () => undefined, caseFinished: () => undefined };

describe('the TF.js peer', () => {
  const runner = useRunner();

  it('multiplies the same inputs as matmul-naive correctly at 64 and 128, wall-clock timed, and the runner page never loads TF.js', async () => {
    const dir = tempDir();
    const cases = planCases({ suite: 'peers', sizes: [64, 128], kernels: ['tfjs-matmul', 'matmul-naive'] });
    const handle = runner();
    const { results } = await runCases({
      cases,
      suiteName: 'peers',
      sizes: [64, 128],
      timing: TEST_TIMING,
      peakRequest: {},
      seed: 1,
      maxCheckedElements: 1 << 20,
      measurePeak: false,
      out: `${dir}/peers.json`,
      reporter: quiet,
      runner: { ...handle, close: async () => undefined },
    });
    const peer = results.cases.filter((c) => c.kernel === 'tfjs-matmul');
    expect(peer).toHaveLength(2);
    for (const record of peer) {
      expect(record.status, JSON.stringify(record.correctness)).toBe("ok");
      expect(record.correctness).toMatchObject({ passed: true, mode: 'full', mismatches: 0 });
      expect(record.timing!.clock).toBe('wall');
      expect(record.timing!.medianMs).toBeGreaterThan(0);
      expect(record.gflops).toBeGreaterThan(0);
    }
    // 64^3 x 2 FLOPs, the same useful work as flopscope's kernel at that shape.
    expect(peer[0]!.flops).toBe(2 * 64 ** 3);
    expect(results.cases.find((c) => c.kernel === 'matmul-naive')!.flops).toBe(peer[0]!.flops);
    const runnerPageScripts = await (handle.session as unknown as { page: { evaluate(f: () => unknown): Promise<unknown> } }).page.evaluate(() => 'tf' in window || Boolean((window as unknown as Record<string, unknown>).flopscopePeer));
    expect(runnerPageScripts).toBe(false);
  });

  it('multiplies a batch of 2 non-square products (2x33x70x19) correctly', async () => {
    const kernel = getKernel('tfjs-matmul');
    const outcome = await runner().peers!.runCase(kernel.peer!, { kernel: kernel.name, shape: { batch: 2, m: 33, n: 70, k: 19 }, params: {}, seed: 1, timing: TEST_TIMING, maxCheckedElements: 1 << 20 });
    expect(outcome.status, outcome.message).toBe('ok');
    expect(outcome.correctness).toMatchObject({ passed: true, mode: 'full', checked: 2 * 33 * 70, total: 2 * 33 * 70, mismatches: 0 });
  });
});
