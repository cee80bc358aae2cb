/**
 * `flopscope run|device --browser firefox` as a user runs them: the results say which
 * implementation ran on which adapter, the f16 peak is measured beside the f32 one, and
 * Firefox's profile is gone afterwards.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROFILE_PREFIX } from '../../src/host/firefox.js';
import { parseResults } from '../../src/results/read.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { firefoxWithoutWebGpu } from '../helpers/firefox.js';

const BIN = resolve(import.meta.dirname, '../../bin/flopscope.js');
/** Why this machine's Firefox cannot run the WebGPU tests, or null. */
const noWebGpu = firefoxWithoutWebGpu();

describe('flopscope --browser firefox', () => {
  it('runs f16 and f32 kernels with both fma-peaks and says what ran where', async (ctx) => {
    if (noWebGpu) ctx.skip(noWebGpu);
    const out = join(tempDir(), 'firefox.json');
    // flopscope makes Firefox's profile under the temporary folder: a fresh one shows what is left behind.
    const tmp = tempDir('flopscope-firefox-tmp-');
    // Small blocks: lavapipe compiles the default 16 x 32 blocks for tens of seconds.
    const small = ['--param', 'WG_X=2', '--param', 'WG_Y=2', '--param', 'TM=4', '--param', 'TN=8'];
    const args = [
      'run',
      '--browser',
      'firefox',
      '--kernel',
      'matmul-f16',
      '--kernel',
      'matmul-blocked',
      '--sizes',
      '64',
      ...small,
      '--max-time',
      '300ms',
      '--rounds',
      '1',
      '--out',
      out,
    ];
    const result = await runCli(args, { env: { TMPDIR: tmp } });
    expect(result.code, result.stderr).toBe(0);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.complete).toBe(true);
    expect(results.env.browser).toMatchObject({
      name: 'Firefox',
      webgpu: 'wgpu',
      protocol: 'webdriver-bidi',
      prefs: { 'dom.webgpu.enabled': true },
    });
    expect(results.env.adapterInferred).toMatchObject({ name: 'lavapipe', software: true });
    // lavapipe is a CPU renderer: its reference is the host CPU's estimate, and says how it was chosen.
    expect(results.peaks.reference).toMatchObject({ origin: 'cpu-estimate', estimate: true });
    expect(results.peaks.reference!.matchedBy).toMatch(
      /^software adapter \(lavapipe: Firefox reports no adapter name, only isFallbackAdapter/,
    );
    // The f16 peak beside the f32 one, in the same run.
    expect(results.peaks.measured.computeGflops).toBeGreaterThan(0);
    expect(results.peaks.measured.computeF16Gflops).toBeGreaterThan(0);
    const peaks = results.cases.filter((c) => c.role === 'peak');
    expect(new Set(peaks.map((c) => c.kernel))).toEqual(new Set(['fma-peak', 'fma-peak-f16', 'copy']));
    for (const record of results.cases) expect(record.status, `${record.kernel}: ${record.message}`).toBe('ok');
    // Firefox's timestamps are probed as Chromium's are: the clock, its step, whether it is quantized.
    for (const record of results.cases) {
      expect(record.timing, record.kernel).toMatchObject({
        clock: 'gpu-timestamp',
        resolution: { stepNs: expect.any(Number) as number, quantized: expect.any(Boolean) as boolean },
      });
      expect(record.timing!.resolution.stepNs).toBeGreaterThan(0);
    }
    expect(results.cases.find((c) => c.kernel === 'matmul-f16')).toMatchObject({
      correctness: { passed: true, checked: 64 * 64 },
    });
    // The table names the adapter and the implementation.
    expect(result.stdout).toMatch(
      /Adapter: unnamed adapter \(lavapipe, inferred\); browser Firefox\/[\d.]+ \(wgpu\)\./,
    );
    expect(readdirSync(tmp)).toEqual([]);
  }, 300_000);

  it('deletes the profile on Ctrl-C too', async (ctx) => {
    // It interrupts a run under way: one that stops at once without an adapter exits before Ctrl-C.
    if (noWebGpu) ctx.skip(noWebGpu);
    const tmp = tempDir('flopscope-firefox-tmp-');
    const child = spawn(
      process.execPath,
      [
        BIN,
        'run',
        '--browser',
        'firefox',
        '--kernel',
        'matmul-naive',
        '--sizes',
        '128',
        '--no-peak',
        '--max-time',
        '60s',
        '--rounds',
        '1',
        '--out',
        join(tempDir(), 'x.json'),
      ],
      {
        env: { ...process.env, TMPDIR: tmp },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Interrupt once Firefox has had a few seconds with its profile.
    const profiles = () => readdirSync(tmp).filter((name) => name.startsWith(PROFILE_PREFIX));
    while (profiles().length === 0 && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 200));
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(profiles()).toHaveLength(1);
    expect(readdirSync(join(tmp, profiles()[0]!))).toContain('user.js');
    child.kill('SIGINT');
    expect(await exited).not.toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  }, 300_000);

  it('shows the device: the implementation, the prefs and what was inferred', async (ctx) => {
    if (noWebGpu) ctx.skip(noWebGpu);
    const result = await runCli(['device', '--browser', 'firefox', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const device = JSON.parse(result.stdout);
    expect(device.browser).toMatchObject({
      name: 'Firefox',
      webgpu: 'wgpu',
      protocol: 'webdriver-bidi',
      prefs: { 'gfx.webgpu.ignore-blocklist': true },
    });
    expect(device.adapterInferred.name).toBe('lavapipe');
    expect(device.limits.maxComputeInvocationsPerWorkgroup).toBeGreaterThan(0);
  });

  it('says how to install Firefox when there is none and installing is forbidden: one line, exit 2', async () => {
    const result = await runCli(['device', '--browser', 'firefox'], {
      env: { PATH: tempDir(), FLOPSCOPE_NO_INSTALL: '1' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^flopscope: no Firefox found .*apt-get install firefox-esr mesa-vulkan-drivers/);
  });

  it('refuses --hardware-flags, which are Chromium flags', async () => {
    const result = await runCli(['device', '--browser', 'firefox', '--hardware-flags']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--hardware-flags are Chromium flags: Firefox picks its WebGPU device itself/);
  });
});
