/**
 * --browser-ws-endpoint end to end: a Chromium started on its own (as on a lab machine) with a
 * remote-debugging port, and `flopscope run` driving it through that port alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, launchFlags } from '../../src/host/browser.js';
import { REMOTE_RUNNER_ORIGIN } from '../../src/host/remote.js';
import { parseResults } from '../../src/results/read.js';
import { runCli, tempDir } from '../helpers/cli.js';

/** Starts Chromium headless with --remote-debugging-port=0 and resolves to the ws:// address it prints. */
function startRemoteChromium(profile: string): Promise<{ child: ChildProcess; ws: string }> {
  const browser = findBrowser();
  if (!browser) throw new Error('no Chromium to start (the e2e tests need one, as .ci/run installs)');
  const child = spawn(
    browser.path,
    ['--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, ...launchFlags(), 'about:blank'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = stderr.match(/DevTools listening on (ws:\/\/\S+)/);
      if (match) resolve({ child, ws: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`chromium exited (${code}) before listening: ${stderr}`)));
  });
}

describe('a suite on a browser elsewhere (--browser-ws-endpoint)', () => {
  const profile = tempDir('flopscope-remote-profile-');
  let remote: { child: ChildProcess; ws: string };

  beforeAll(async () => {
    remote = await startRemoteChromium(profile);
  });

  afterAll(async () => {
    if (remote && remote.child.exitCode === null) {
      const exited = new Promise((resolve) => remote.child.once('exit', resolve));
      remote.child.kill();
      await exited;
    }
    // Chromium's helper processes may still be writing to the profile for a while after the
    // browser process exits (ENOTEMPTY): retry, and leave a temporary folder behind rather than
    // fail a test that passed.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
    } catch (error) {
      console.warn(`could not remove ${profile}: ${(error as Error).message}`);
    }
  });

  it('runs matmul-naive there and records where the results came from', async () => {
    const out = join(tempDir(), 'remote.json');
    const result = await runCli([
      'run',
      '--kernel',
      'matmul-naive',
      '--sizes',
      '64',
      '--no-peak',
      '--max-time',
      '300ms',
      '--browser-ws-endpoint',
      remote.ws,
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.complete).toBe(true);
    const [record] = results.cases;
    expect(record).toMatchObject({
      kernel: 'matmul-naive',
      shape: { m: 64, n: 64, k: 64 },
      status: 'ok',
      correctness: { passed: true, checked: 64 * 64 },
    });
    expect(record!.gflops).toBeGreaterThan(0);

    // Where: the endpoint's scheme, host and port, never its /devtools/browser/<id> path.
    const url = new URL(remote.ws);
    expect(results.env.browser).toMatchObject({ source: 'remote', executable: null, endpoint: `ws://${url.host}` });
    expect(JSON.stringify(results)).not.toContain(url.pathname);
    // What: the machine as the remote browser describes it, not the harness's os module.
    expect(results.env.host).toMatchObject({ reportedBy: 'browser', cpuModel: 'unknown', platform: process.platform });
    expect(results.env.host.logicalCores).toBeGreaterThan(0);
    expect(results.env.browser.userAgent).toMatch(/Chrome\/\d+/);
  });

  it("leaves the remote browser running, with no tab of flopscope's left open", async () => {
    expect(remote.child.exitCode).toBeNull();
    const list = (await (await fetch(`http://${new URL(remote.ws).host}/json/list`)).json()) as { url: string }[];
    expect(list.some((target) => target.url.startsWith(REMOTE_RUNNER_ORIGIN))).toBe(false);
  });

  it('shows the remote device with `device --json`', async () => {
    const result = await runCli(['device', '--json', '--browser-ws-endpoint', `http://${new URL(remote.ws).host}`]);
    expect(result.code, result.stderr).toBe(0);
    const device = JSON.parse(result.stdout);
    expect(device.browser).toMatchObject({ source: 'remote', endpoint: `http://${new URL(remote.ws).host}` });
    expect(device.machine).toMatchObject({ reportedBy: 'browser' });
    expect(device.limits.maxComputeInvocationsPerWorkgroup).toBeGreaterThan(0);
  });
});
