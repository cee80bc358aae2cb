/**
 * Faults the core owns: a browser killed mid-run, a crashed page, a destroyed GPU device. The
 * case that met the fault records its cause, the runner is restarted and the run goes on; the
 * same fault twice in a row stops the run with one line naming the partial file, which
 * `--resume` finishes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserRunner } from '../../src/host/browser-runner.js';
import { openRunner } from '../../src/host/open-runner.js';
import { runToFile } from '../../src/host/run-to-file.js';
import { getKernel } from '../../src/kernels/index.js';
import { DEFAULT_TIMING, MAX_CHECKED_ELEMENTS } from '../../src/measure/defaults.js';
import { RunStopped, type MeasureHooks } from '../../src/measure/measure-cases.js';
import { measureRun } from '../../src/measure/measure-run.js';
import { planCases } from '../../src/measure/plan.js';
import { parseResults } from '../../src/results/read.js';
import type { Results } from '../../src/results/schema.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { TEST_TIMING } from '../helpers/runner.js';

const BIN = resolve(import.meta.dirname, '../../bin/flopscope.js');
const SIZES = [32, 40, 48, 56, 64];
const RUN_ARGS = [
  'run',
  '--kernel',
  'matmul-naive',
  '--sizes',
  SIZES.join(','),
  '--no-peak',
  '--rounds',
  '1',
  '--max-time',
  '1s',
];

/** The Chromium processes started by process `pid` (its direct children). */
function browserChildren(pid: number): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([child, comm]) => child && /chrom/i.test(comm ?? ''))
    .map(([child]) => Number(child));
}

/** Polls `check` every 100 ms until it returns true or `timeoutMs` passes. */
async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Cases in a partial results file so far (0 while it does not exist). */
function casesIn(partial: string): number {
  try {
    return (JSON.parse(readFileSync(partial, 'utf8')) as { cases: unknown[] }).cases.length;
  } catch {
    return 0;
  }
}

const quiet: MeasureHooks = {
  log: () => undefined,
  caseStarted: () => undefined,
  caseProgress: () => undefined,
  caseFinished: () => undefined,
  save: () => undefined,
};

describe('faults during a run', () => {
  it('records a killed browser on its case, relaunches it and measures the rest', async () => {
    const out = join(tempDir(), 'run.json');
    const child = spawn(process.execPath, [BIN, ...RUN_ARGS, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = new Promise<number | null>((done) => child.on('close', done));
    // As the issue saw it: Chromium SIGKILLed in the middle of the run, two cases in.
    await waitFor(() => casesIn(out.replace(/\.json$/, '.partial.json')) >= 2, 120_000);
    for (const pid of browserChildren(child.pid!)) process.kill(pid, 'SIGKILL');
    expect(await code).toBe(1); // an error case makes the run exit 1, as a failed check does
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
    expect(stderr).toMatch(/the browser exited during matmul-naive \d+x\d+x\d+; restarting it and going on/);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.complete).toBe(true);
    expect(results.cases).toHaveLength(SIZES.length);
    const failed = results.cases.filter((c) => c.status !== 'ok');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ status: 'error', fault: 'browser-exited' });
    expect(failed[0]!.message).toMatch(/^the browser exited during this case \((signal SIGKILL|it disconnected)\)/);
  });

  it('stops cleanly when the browser dies twice in a row, and --resume finishes the run', async () => {
    const out = join(tempDir(), 'run.json');
    const partial = out.replace(/\.json$/, '.partial.json');
    const timing = { ...DEFAULT_TIMING, maxTimeMs: 1000 };
    const plan = {
      cases: planCases({ kernels: ['matmul-naive'], sizes: SIZES }),
      suite: { name: null, sizes: SIZES },
      timing,
      seed: 1,
      maxCheckedElements: MAX_CHECKED_ELEMENTS,
      measurePeak: false,
      rounds: 1,
      peakRequest: {},
    };
    const runner = (await openRunner({}, { log: () => undefined })) as BrowserRunner;
    // Cases 2 and 3 each start by killing the browser they are about to run on.
    const killer = {
      ...quiet,
      caseStarted: (index: number) =>
        void (index >= 2 && index <= 3 && runner.puppeteerBrowser.process()?.kill('SIGKILL')),
    };
    const stopped = await runToFile(plan, {}, { out }, killer, runner).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(RunStopped);
    expect((stopped as Error).message).toMatch(
      /^the browser exited twice in a row \(signal SIGKILL\): stopped; the finished cases are in .*run\.partial\.json: continue with --resume .*run\.partial\.json$/,
    );
    expect(existsSync(out)).toBe(false);
    const interrupted = parseResults(JSON.parse(readFileSync(partial, 'utf8')), partial);
    expect(interrupted.complete).toBe(false);
    expect(interrupted.cases.map((c) => c.fault ?? c.status)).toEqual(['ok', 'browser-exited', 'browser-exited']);

    const resumed = await runCli([...RUN_ARGS, '--resume', partial]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(existsSync(partial)).toBe(false);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.complete).toBe(true);
    // The finished case is kept as it was; the two that met the fault and the rest are measured now.
    expect(results.cases.map((c) => c.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(results.cases[0]!.samples).toEqual(interrupted.cases[0]!.samples);
    expect(results.env.startedAt).toBe(interrupted.env.startedAt);

    // Resuming with other options is refused before anything runs.
    const other = await runCli([
      'run',
      '--kernel',
      'matmul-naive',
      '--sizes',
      '32',
      '--no-peak',
      '--rounds',
      '1',
      '--resume',
      out,
    ]);
    expect(other.code).toBe(2);
    expect(other.stderr.trim()).toMatch(/^flopscope: --resume .*: not a partial results file/);
  });

  it('records a crashed page and a destroyed device on their cases, and goes on', async () => {
    const runner = (await openRunner({}, { log: () => undefined })) as BrowserRunner;
    const kernel = getKernel('matmul-naive');
    const cases = SIZES.map((size) => ({ kernel, shape: kernel.shapeFromSize(size), params: kernel.defaultParams }));
    let results: Results;
    try {
      results = await measureRun(
        runner,
        {
          cases,
          suite: { name: null, sizes: SIZES },
          timing: TEST_TIMING,
          seed: 1,
          maxCheckedElements: 1 << 16,
          measurePeak: false,
          peakRequest: {},
        },
        {
          harness: { version: 'test', commit: null },
          host: {
            platform: 'linux',
            arch: 'x64',
            cpuModel: 'test',
            logicalCores: 1,
            memoryBytes: 1,
            node: process.version,
          },
          cpu: null,
        },
        {
          ...quiet,
          caseStarted: (index) => {
            const page = runner.runnerPage.page;
            // Case 2: the renderer crashes (CDP Page.crash) while the case is being prepared.
            if (index === 2) void page.createCDPSession().then((cdp) => cdp.send('Page.crash').catch(() => undefined));
            // Case 4: the next command encoder the page makes destroys its device first.
            if (index === 4) {
              void page.evaluate(() => {
                const original = GPUDevice.prototype.createCommandEncoder;
                GPUDevice.prototype.createCommandEncoder = function (
                  this: GPUDevice,
                  ...args: Parameters<GPUDevice['createCommandEncoder']>
                ) {
                  GPUDevice.prototype.createCommandEncoder = original;
                  this.destroy();
                  return original.apply(this, args);
                };
              });
            }
          },
        },
      );
    } finally {
      await runner.close();
    }
    expect(results.complete).toBe(true);
    expect(results.cases.map((c) => c.fault ?? c.status)).toEqual(['ok', 'page-crashed', 'ok', 'device-lost', 'ok']);
    expect(results.cases[1]!.message).toMatch(/^the runner page crashed during this case/);
    expect(results.cases[3]!.message).toMatch(
      /^the GPU device was lost during this case \(GPU device lost \(destroyed\)/,
    );
  });
});
