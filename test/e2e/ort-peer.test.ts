/**
 * End to end: the ONNX Runtime Web peer (MatMul and Conv on ORT's WebGPU EP) on its own page of
 * the same browser, checked against flopscope's CPU references on the same seeded inputs, inputs
 * and output GPU-resident, timed by wall clock; and a run that ORT sends to its CPU is refused.
 */
import type { Page } from 'puppeteer';
import { describe, expect, it } from 'vitest';
import { runCases } from '../../src/host/run.js';
import type { PlannedCase } from '../../src/host/suite-plan.js';
import { getKernel } from '../../src/kernels/index.js';
import type { Shape } from '../../src/kernels/types.js';
import type { PeerApi } from '../../src/peers/ort-page.js';
import type { CaseRequest } from '../../src/protocol/messages.js';
import { tempDir } from '../helpers/cli.js';
import { TEST_TIMING, useRunner } from '../helpers/runner.js';

const quiet = { log: () => undefined, caseStarted: () => undefined, caseProgress: () => undefined, caseFinished: () => undefined };

const planned = (kernel: string, shape: Shape): PlannedCase => ({ kernel: getKernel(kernel), shape, params: {} });

describe('the ONNX Runtime Web peer', () => {
  const runner = useRunner();

  it('runs MatMul (square, skinny, batched) and NHWC Convs on WebGPU, correct, GPU-resident, and the runner page never loads ORT', async () => {
    const square = { batch: 1, m: 64, n: 64, k: 64 };
    // Skinny and unaligned: N = 6 is no multiple of 4, K = 70 neither.
    const skinny = { batch: 1, m: 130, n: 6, k: 70 };
    const batched = { batch: 3, m: 32, n: 24, k: 40 };
    // H != W, R != S, stride 2, padding 1, batch 2: E = floor((10 + 2 - 3) / 2) + 1 = 5, F = floor((7 + 2 - 2) / 2) + 1 = 4.
    const conv = { batch: 2, height: 10, width: 7, channels: 4, filters: 6, kernelH: 3, kernelW: 2, stride: 2, pad: 1 };
    // A 1x1 Conv (ResNet-50's reduce and expand layers), which ORT runs as its MatMul program.
    const pointwise = { batch: 1, height: 6, width: 5, channels: 12, filters: 8, kernelH: 1, kernelW: 1 };
    const handle = runner();
    const { results } = await runCases({
      cases: [planned('ort-matmul', square), planned('matmul-naive', square), planned('ort-matmul', skinny), planned('ort-matmul', batched), planned('ort-conv', conv), planned('ort-conv', pointwise)],
      suiteName: null,
      sizes: null,
      timing: TEST_TIMING,
      peakRequest: {},
      seed: 1,
      maxCheckedElements: 1 << 20,
      measurePeak: false,
      out: `${tempDir()}/ort.json`,
      reporter: quiet,
      runner: { ...handle, close: async () => undefined },
    });
    const peer = results.cases.filter((c) => c.kernel.startsWith('ort-'));
    expect(peer.map((c) => c.shapeLabel)).toEqual(['64x64x64', '130x6x70', '3x32x24x40', '2x10x7x4 * 3x2x4x6 /2 p1', '1x6x5x12 * 1x1x12x8 /1 p0']);
    for (const record of peer) {
      expect(record.status, record.message ?? JSON.stringify(record.correctness)).toBe('ok');
      // Every element checked.
      expect(record.correctness).toMatchObject({ passed: true, mode: 'full', mismatches: 0 });
      expect(record.timing!.clock).toBe('wall');
      expect(record.timing!.medianMs).toBeGreaterThan(0);
      expect(record.gflops).toBeGreaterThan(0);
      expect(record.message).toMatch(/^onnxruntime-web 1\.30\.0 WebGPU EP; inputs and output GPU-resident \(Tensor\.fromGpuBuffer in, preferredOutputLocation gpu-buffer out\)/);
    }
    expect(peer.map((c) => c.correctness!.checked)).toEqual([64 * 64, 130 * 6, 3 * 32 * 24, 2 * 5 * 4 * 6, 6 * 5 * 8]);
    for (const record of peer.slice(0, 3)) expect(record.message).toMatch(/GPU programs per run: MatMul[;,]/);
    // The NHWC path: one Conv program per run and no Transpose of the data; ORT transposes the
    // weights once, when it creates the session.
    expect(peer[3]!.message).toMatch(/GPU programs per run: Conv\w* \(once, at session creation: Transpose\);/);
    expect(peer[4]!.message).toMatch(/GPU programs per run: MatMul \(once, at session creation: Transpose\);/);
    // 64^3 x 2 FLOPs, the same useful work as flopscope's kernel at that shape.
    expect(peer[0]!.flops).toBe(2 * 64 ** 3);
    expect(results.cases.find((c) => c.kernel === 'matmul-naive')!.flops).toBe(peer[0]!.flops);
    // 2 x N E F M R S C = 2 x 2*5*4*6 x 3*2*4.
    expect(peer[3]!.flops).toBe(2 * (2 * 5 * 4 * 6) * (3 * 2 * 4));
    const runnerPage = (handle.session as unknown as { page: Page }).page;
    expect(await runnerPage.evaluate(() => 'ort' in window || 'flopscopePeer' in window)).toBe(false);
  });

  it('fails a case whose MatMul ORT ran on its CPU instead of WebGPU, saying so', async () => {
    const handle = runner();
    const runnerPage = (handle.session as unknown as { page: Page }).page;
    // The peer page as the host opens it, driven directly to pass the test-only option.
    const page = await runnerPage.browser().newPage();
    try {
      await page.goto(new URL('ort.html', runnerPage.url()).href, { waitUntil: 'load' });
      await page.waitForFunction(() => 'flopscopePeer' in window);
      const request: CaseRequest = { kernel: 'ort-matmul', shape: { batch: 1, m: 32, n: 32, k: 32 }, params: {}, seed: 1, timing: TEST_TIMING, maxCheckedElements: 1 << 20 };
      const outcome = await page.evaluate(async (req) => {
        const api = (window as unknown as { flopscopePeer: PeerApi }).flopscopePeer;
        await api.init();
        // onnx-model.ts names the graph's one node matmul0.
        return api.runCase(req, { cpuNodes: ['matmul0'] });
      }, request);
      expect(outcome.status).toBe('error');
      expect(outcome.timing).toBeNull();
      expect(outcome.message).toMatch(/^ONNX Runtime ran MatMul without a WebGPU dispatch of it \(GPU programs: none\): it fell back to its wasm CPU kernel/);
    } finally {
      await page.close();
    }
  });
});
