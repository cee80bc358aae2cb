/**
 * Firefox end to end (WebDriver BiDi, wgpu on lavapipe here): the same runner page and
 * measuring loop as on Chromium, the f16 kernels that no other adapter here can run, checked
 * against the CPU reference, and what the session does when the tab's content process dies.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFirefox, firefoxNoAdapterHelp, launchFirefox, tabCrashed, type LaunchedFirefox } from '../../src/host/firefox.js';
import { runnerDir } from '../../src/host/paths.js';
import { openRunner, type RunnerHandle } from '../../src/host/run.js';
import { serveStatic, type StaticServer } from '../../src/host/server.js';
import { RunnerSession } from '../../src/host/session.js';
import { getKernel } from '../../src/kernels/index.js';
import { timerErrorTarget } from '../../src/runner/batching.js';
import type { ProgressEvent } from '../../src/protocol/messages.js';
import { runCase, TEST_TIMING } from '../helpers/runner.js';

/** Shapes as in matmul-strategies.test.ts: aligned, odd, unaligned, batched, K = 12 with KSTEP 8. */
const SHAPES = [
  { batch: 1, m: 64, n: 64, k: 64 },
  { batch: 1, m: 20, n: 12, k: 12 },
  { batch: 1, m: 67, n: 67, k: 67 },
  { batch: 1, m: 33, n: 70, k: 19 },
  { batch: 2, m: 48, n: 40, k: 24 },
];

describe('the runner in Firefox', () => {
  let handle: RunnerHandle | null = null;
  const progress: ProgressEvent[] = [];
  const runner = () => handle!;

  beforeAll(async () => {
    handle = await openRunner({ browser: { executable: 'firefox' }, log: () => undefined, onProgress: (event) => progress.push(event) });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('gets a WebGPU adapter with shader-f16 and timestamps, and says it is Firefox on wgpu', () => {
    const { session, browser, adapterInferred } = runner();
    const { device } = session;
    expect(device.features).toEqual(expect.arrayContaining(['shader-f16', 'timestamp-query']));
    expect(device.timestampQuery).toBe(true);
    expect(browser).toMatchObject({ name: 'Firefox', webgpu: 'wgpu', protocol: 'webdriver-bidi', flags: ['--headless'] });
    expect(browser.version).toMatch(/^Firefox\/\d+\.\d+/);
    expect(browser.userAgent).toMatch(/Firefox\/\d+/);
    expect(browser.prefs).toMatchObject({ 'dom.webgpu.enabled': true, 'gfx.webgpu.ignore-blocklist': true });
    // Firefox reports no adapter name; lavapipe is what mesa-vulkan-drivers gives a machine without a GPU.
    expect(device.adapter).toMatchObject({ vendor: '', description: '', isFallbackAdapter: true });
    expect(adapterInferred?.software).toBe(true);
  });

  it('runs and checks matmul-naive, sending progress through the exposed function', async () => {
    progress.length = 0;
    const naive = getKernel('matmul-naive');
    const outcome = await runCase(runner(), naive.name, naive.shapeFromSize(64), naive.defaultParams);
    expect(outcome.status, outcome.message).toBe('ok');
    expect(outcome.correctness).toMatchObject({ passed: true, mode: 'full', checked: 64 * 64 });
    expect(outcome.timing?.clock).toBe('gpu-timestamp');
    // Progress calls are asynchronous over BiDi: give the last ones a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(new Set(progress.map((event) => event.phase))).toEqual(new Set(['compile', 'check', 'warmup', 'sample']));
  });

  it('finds no grid in its GPU timestamps (wgpu passes lavapipe\'s 1 ns ticks through)', async () => {
    const naive = getKernel('matmul-naive');
    const outcome = await runCase(runner(), naive.name, naive.shapeFromSize(32), naive.defaultParams, { minSamples: 40, maxSamples: 40, maxTimeMs: 10_000, noiseTarget: 0.5 });
    expect(outcome.timing!.batchNs!.length).toBe(40);
    expect(outcome.timing!.resolution).toEqual({ stepNs: 1, quantized: false, batchLengthened: false });
  });

  it('falls back to the wall clock on request, with batches long enough for its step', async () => {
    const naive = getKernel('matmul-naive');
    const outcome = await runCase(runner(), naive.name, naive.shapeFromSize(32), naive.defaultParams, { clock: 'wall', minSampleMs: 0.01 });
    expect(outcome.status, outcome.message).toBe('ok');
    const timing = outcome.timing!;
    expect(timing.clock).toBe('wall');
    // performance.now() moves in 20 µs steps with privacy.reduceTimerPrecision off (1 ms with it on).
    expect(timing.resolution.stepNs).toBeGreaterThanOrEqual(1_000);
    expect(timing.resolution.stepNs).toBeLessThanOrEqual(1_000_000);
    const medianMs = [...timing.samplesMs].sort((a, b) => a - b)[timing.samplesMs.length >> 1]!;
    // A batch lasts at least step / error target (0.5% of a 5% noise target), within the jitter of one run.
    expect(timing.batchSize * medianMs * 1e6 * 1.5).toBeGreaterThanOrEqual(timing.resolution.stepNs / timerErrorTarget(TEST_TIMING.noiseTarget));
  });

  describe('f16 kernels, correct against the CPU reference with f16 tolerances', () => {
    const f16 = getKernel('matmul-f16');
    // The defaults only at vec4-aligned shapes: lavapipe took 49 s here to compile their
    // main_unaligned pipeline (a 16 x 32 block of scalar loads), which small blocks also cover.
    for (const [label, overrides, shapes] of [
      ['defaults', {}, SHAPES.filter((shape) => shape.n % 4 === 0 && shape.k % 4 === 0)],
      ['small blocks', { WG_X: 2, WG_Y: 2, TM: 4, TN: 8 }, SHAPES],
    ] as const) {
      for (const shape of shapes) {
        it(`matmul-f16 ${label} at ${f16.formatShape(shape)}`, async () => {
          const outcome = await runCase(runner(), f16.name, shape, { ...f16.defaultParams, ...overrides }, { maxSamples: 3, minSamples: 3 });
          expect(outcome.status, outcome.message).toBe('ok');
          expect(outcome.correctness).toMatchObject({ passed: true, mode: 'full', checked: shape.batch * shape.m * shape.n, mismatches: 0 });
          expect(outcome.correctness!.maxErrorRatio).toBeLessThan(1);
        });
      }
    }

    it('fma-peak-f16 beside fma-peak, both checked', async () => {
      for (const name of ['fma-peak', 'fma-peak-f16']) {
        const kernel = getKernel(name);
        const outcome = await runCase(runner(), name, { threads: 4096, iterations: 256 }, kernel.defaultParams);
        expect(outcome.status, `${name}: ${outcome.message}`).toBe('ok');
        expect(outcome.correctness).toMatchObject({ passed: true, checked: 4096, mismatches: 0 });
      }
    });
  });
});

/** The Firefox content processes (tabs) of the browser whose process is `pid`. */
function tabProcesses(pid: number): number[] {
  const lines = execFileSync('ps', ['-eo', 'pid=']).toString().split('\n');
  return lines
    .map((line) => Number(line.trim()))
    .filter((child) => {
      try {
        // Children of Firefox's fork server rewrite their command line as one string: match on the text.
        const args = readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return /\s-isForBrowser\s/.test(args) && new RegExp(`\\s-parentPid ${pid}\\s`).test(args);
      } catch {
        return false;
      }
    });
}

describe('a Firefox tab that crashes mid-case', () => {
  let launched: LaunchedFirefox;
  let server: StaticServer;
  let session: RunnerSession;

  beforeAll(async () => {
    server = await serveStatic(runnerDir());
    launched = await launchFirefox({ executable: findFirefox()! });
    session = await RunnerSession.open(launched.browser, server.url, { noAdapterHelp: firefoxNoAdapterHelp, explainFailure: tabCrashed });
  });
  afterAll(async () => {
    await launched?.close();
    await server?.close();
  });

  it('becomes an error outcome naming the crash, and the next case runs on a new page', async () => {
    const naive = getKernel('matmul-naive');
    const request = { kernel: naive.name, shape: naive.shapeFromSize(64), params: naive.defaultParams, seed: 1, maxCheckedElements: 1 << 20 };
    const long = session.runCase({ ...request, timing: { ...TEST_TIMING, noiseTarget: 1e-9, maxSamples: 100_000, maxTimeMs: 30_000 } });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const pid = launched.browser.process()!.pid!;
    const tabs = tabProcesses(pid);
    expect(tabs.length).toBeGreaterThan(0);
    for (const tab of tabs) process.kill(tab, 'SIGKILL');
    const outcome = await long;
    expect(outcome).toMatchObject({ status: 'error', timing: null });
    expect(outcome.message).toMatch(/^the runner page failed: the tab's content process crashed/);
    const next = await session.runCase({ ...request, timing: TEST_TIMING });
    expect(next.status, next.message).toBe('ok');
  });
});
