/**
 * --browser-ws-endpoint over WebDriver BiDi: a Firefox started on its own with its remote agent
 * on a loopback port (as on a lab machine: `firefox --headless --remote-debugging-port N`, its
 * profile's user.js holding the WebGPU prefs), and `flopscope run` driving it through that
 * port alone; the runner's files reach its page through request interception over BiDi.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFirefox, firefoxUserJs } from '../../src/host/firefox.js';
import { parseResults } from '../../src/results/read.js';
import { runCli, tempDir } from '../helpers/cli.js';

interface RemoteFirefox {
  child: ChildProcess;
  /** What Firefox prints: ws://127.0.0.1:PORT (its BiDi socket is at /session). */
  ws: string;
  profile: string;
}

/** Starts Firefox headless with --remote-debugging-port 0 and resolves to the ws:// address it prints. */
function startRemoteFirefox(userJs: string | null): Promise<RemoteFirefox> {
  const firefox = findFirefox();
  if (!firefox) throw new Error('no Firefox to start (the e2e tests need one, as .ci/run installs)');
  const profile = tempDir('flopscope-remote-firefox-');
  if (userJs !== null) writeFileSync(join(profile, 'user.js'), userJs);
  const child = spawn(firefox.path, ['--headless', '--remote-debugging-port', '0', '--profile', profile, '--no-remote', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = stderr.match(/WebDriver BiDi listening on (ws:\/\/\S+)/);
      if (match) resolve({ child, ws: match[1]!, profile });
    });
    child.on('exit', (code) => reject(new Error(`firefox exited (${code}) before listening: ${stderr}`)));
  });
}

async function stop(remote: RemoteFirefox | undefined): Promise<void> {
  if (!remote) return;
  if (remote.child.exitCode === null) {
    const exited = new Promise((resolve) => remote.child.once('exit', resolve));
    remote.child.kill();
    await exited;
  }
  rmSync(remote.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}

describe('a suite on a Firefox elsewhere, over WebDriver BiDi', () => {
  let remote: RemoteFirefox;

  beforeAll(async () => {
    remote = await startRemoteFirefox(firefoxUserJs());
  });
  afterAll(() => stop(remote));

  it('runs matmul-naive there and records the browser, the protocol and the endpoint', async () => {
    const out = join(tempDir(), 'remote-firefox.json');
    const endpoint = `${remote.ws}/session`;
    const result = await runCli(['run', '--kernel', 'matmul-naive', '--sizes', '64', '--no-peak', '--max-time', '300ms', '--rounds', '1', '--browser-ws-endpoint', endpoint, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.cases[0]).toMatchObject({ kernel: 'matmul-naive', status: 'ok', correctness: { passed: true, checked: 64 * 64 } });
    const host = new URL(remote.ws).host;
    expect(results.env.browser).toMatchObject({ source: 'remote', executable: null, endpoint: `ws://${host}`, name: 'Firefox', webgpu: 'wgpu', protocol: 'webdriver-bidi', flags: [] });
    expect(results.env.browser.version).toMatch(/^Firefox\/\d+/);
    expect(results.env.host).toMatchObject({ reportedBy: 'browser', cpuModel: 'unknown', platform: process.platform });
    // The remote machine's drivers are not visible from here: only that the adapter is a CPU one.
    expect(results.env.adapterInferred).toMatchObject({ name: 'a CPU (software) adapter', software: true });
  });

  it('takes the bare ws://host:port Firefox prints, in a second session after the first ended', async () => {
    expect(remote.child.exitCode).toBeNull();
    const result = await runCli(['device', '--json', '--browser-ws-endpoint', remote.ws]);
    expect(result.code, result.stderr).toBe(0);
    const device = JSON.parse(result.stdout);
    expect(device.browser).toMatchObject({ source: 'remote', name: 'Firefox', protocol: 'webdriver-bidi' });
    expect(device.features).toContain('shader-f16');
  });
});

describe('a Firefox elsewhere whose profile has WebGPU off', () => {
  let remote: RemoteFirefox;

  beforeAll(async () => {
    remote = await startRemoteFirefox(null);
  });
  afterAll(() => stop(remote));

  it('says which pref to set: one line, exit 2', async () => {
    const result = await runCli(['device', '--browser-ws-endpoint', remote.ws]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^flopscope: Firefox has WebGPU disabled in this profile .*set dom\.webgpu\.enabled to true/);
  });
});
