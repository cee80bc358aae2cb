/**
 * End to end: the ONNX Runtime Web peer (one-node MatMul and Conv models on onnxruntime-web's
 * WebGPU EP) on its own page of the same browser, its output checked by the core against the
 * CPU reference on the same seeded inputs, timed by wall clock. Small shapes, one test: the
 * model and session per case cost seconds on SwiftShader.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserRunner } from '../../src/host/browser-runner.js';
import { runToFile } from '../../src/host/run-to-file.js';
import { planCases } from '../../src/measure/plan.js';
import { tempDir } from '../helpers/cli.js';
import { TEST_TIMING, useRunner } from '../helpers/runner.js';

const quiet = {
  log: () => undefined,
  caseStarted: () => undefined,
  caseProgress: () => undefined,
  caseFinished: () => undefined,
};

describe('the ONNX Runtime Web peer', () => {
  const runner = useRunner();

  it('multiplies a batched matmul and convolves a stride-2 padded layer correctly on WebGPU, wall-clock timed, and the runner page never loads ORT', async () => {
    const dir = tempDir();
    const cases = [
      ...planCases({ kernels: ['ort-matmul'], sizes: [32] }).map((c) => ({
        ...c,
        shape: { batch: 2, m: 24, n: 40, k: 33 },
      })),
      ...planCases({ kernels: ['ort-conv'], sizes: [8] }).map((c) => ({
        ...c,
        shape: { batch: 2, height: 9, width: 7, channels: 3, filters: 5, kernelH: 3, kernelW: 2, stride: 2, pad: 1 },
      })),
    ];
    const handle = runner();
    const { results } = await runToFile(
      {
        cases,
        suite: { name: null, sizes: null },
        timing: TEST_TIMING,
        peakRequest: {},
        seed: 1,
        maxCheckedElements: 1 << 20,
        measurePeak: false,
      },
      {},
      { out: `${dir}/ort.json` },
      quiet,
      // Borrowed: runToFile closes its runner, and this one belongs to the file.
      new Proxy(handle, {
        get: (target, key) => (key === 'close' ? async () => undefined : Reflect.get(target, key, target)),
      }),
    );
    expect(results.cases.map((c) => c.kernel)).toEqual(['ort-matmul', 'ort-conv']);
    for (const record of results.cases) {
      expect(record.status, `${record.kernel}: ${record.message ?? ''} ${JSON.stringify(record.correctness)}`).toBe(
        'ok',
      );
      expect(record.correctness).toMatchObject({ passed: true, mode: 'full', mismatches: 0 });
      expect(record.timing!.clock).toBe('wall');
      expect(record.gflops).toBeGreaterThan(0);
    }
    expect(results.cases[0]!.flops).toBe(2 * 2 * 24 * 40 * 33);
    expect(results.cases[0]!.correctness!.checked).toBe(2 * 24 * 40);
    // Output [2, 5, 4, 5] NHWC: E = floor((9 + 2 - 3) / 2) + 1 = 5, F = floor((7 + 2 - 2) / 2) + 1 = 4.
    expect(results.cases[1]!.correctness!.checked).toBe(200);
    const runnerPageLoadedOrt = await (handle as BrowserRunner).runnerPage.page.evaluate(
      () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('ort')) || 'ort' in window,
    );
    expect(runnerPageLoadedOrt).toBe(false);
  });
});
