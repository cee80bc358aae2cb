/** The browser options as a user types them: --browser, --headful, --hardware-flags, --browser-ws-endpoint. */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/host/browser.js';
import { parseResults } from '../../src/results/read.js';
import { runCli, tempDir } from '../helpers/cli.js';

/** Exit 2, one line naming the problem, no stack trace, nothing on stdout. */
function expectOneLineError(result: { code: number | null; stderr: string; stdout: string }, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines.at(-1)).toMatch(/^flopscope: /);
  expect(lines.at(-1)).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout).toBe('');
}

describe('browser options refused before anything starts', () => {
  it('refuses launch options with --browser-ws-endpoint', async () => {
    const result = await runCli([
      'run',
      '--browser-ws-endpoint',
      'ws://127.0.0.1:9/x',
      '--headful',
      '--browser-flag=--foo',
    ]);
    expectOneLineError(
      result,
      /--browser-ws-endpoint connects to a browser that is already running, so --headful, --browser-flag cannot apply/,
    );
  });

  it('refuses browser options with --dawn', async () => {
    expectOneLineError(
      await runCli(['run', '--dawn', '--hardware-flags']),
      /--dawn runs without a browser, so --hardware-flags cannot apply/,
    );
  });

  it('refuses an endpoint that is not a DevTools URL', async () => {
    expectOneLineError(
      await runCli(['device', '--browser-ws-endpoint', 'ftp://lab:9222']),
      /ftp: is not a DevTools address/,
    );
  });

  it('refuses a --browser that does not exist', async () => {
    expectOneLineError(
      await runCli(['device', '--browser', '/nonexistent/chrome']),
      /--browser \/nonexistent\/chrome: no such file/,
    );
  });

  it('refuses a --browser that is not executable', async () => {
    const file = join(tempDir(), 'chrome');
    writeFileSync(file, '', { mode: 0o644 });
    expectOneLineError(await runCli(['device', '--browser', file]), /--browser .*chrome is not an executable file/);
  });

  it('says --headful needs a display when there is none', async () => {
    expectOneLineError(
      await runCli(['device', '--headful'], { env: { DISPLAY: '', WAYLAND_DISPLAY: '' } }),
      /--headful needs a display .*xvfb-run/,
    );
  });

  it('names the endpoint without its token when nothing answers there', async () => {
    // Port 9 (discard) has no listener here; the path stands for a DevTools session id.
    const result = await runCli([
      'device',
      '--browser-ws-endpoint',
      'ws://127.0.0.1:9/devtools/browser/secret-session-id',
    ]);
    expectOneLineError(result, /could not connect to the browser at ws:\/\/127\.0\.0\.1:9 .*--remote-debugging-port/);
    expect(result.stderr).not.toContain('secret-session-id');
  });
});

describe('browser options with a browser', () => {
  it('launches the --browser given and records it as chosen by option', async () => {
    const chromium = findBrowser()!.path;
    const out = join(tempDir(), 'r.json');
    const result = await runCli(
      [
        'run',
        '--kernel',
        'matmul-naive',
        '--sizes',
        '64',
        '--no-peak',
        '--max-time',
        '200ms',
        '--browser',
        chromium,
        '--out',
        out,
      ],
      {
        env: { FLOPSCOPE_BROWSER: '/nonexistent/ignored-because-of---browser' },
      },
    );
    expect(result.code, result.stderr).toBe(0);
    const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(results.env.browser).toMatchObject({ executable: chromium, source: 'option' });
    expect(results.env.browser.endpoint).toBeUndefined();
    expect(results.env.host.reportedBy).toBeUndefined();
  });

  it('passes --hardware-flags to Chromium: on this GPU-less machine Vulkan gives no adapter, and the error says what they need', async () => {
    const dir = tempDir();
    const result = await runCli(
      [
        'run',
        '--kernel',
        'matmul-naive',
        '--sizes',
        '64',
        '--no-peak',
        '--hardware-flags',
        '--out',
        join(dir, 'r.json'),
        // The GPU process never answers here: give up after 15 s rather than the default 60.
      ],
      { env: { FLOPSCOPE_INIT_TIMEOUT: '15' } },
    );
    expectOneLineError(
      result,
      /no WebGPU adapter with --hardware-flags \(--enable-features=Vulkan --use-angle=vulkan .*\): these need a working Vulkan driver for the GPU .*drop --hardware-flags/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
