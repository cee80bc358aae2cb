/**
 * Firefox driven from elsewhere: a Firefox started on its own with its remote agent on a loopback
 * port (as on a lab machine, or behind Selenium Grid) and `flopscope run --browser-ws-endpoint`
 * driving it over WebDriver BiDi alone; and `flopscope serve` with a headless Firefox opening the
 * page, running a suite there and posting the results back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFirefox, firefoxUserJs, launchFirefox } from '../../src/host/firefox.js';
import { parseResults } from '../../src/results/read.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { firefoxWithoutWebGpu } from '../helpers/firefox.js';

const BIN = resolve(import.meta.dirname, '../../bin/flopscope.js');
const firefox = findFirefox();
const noWebGpu = firefoxWithoutWebGpu();

/** Starts Firefox headless with its remote agent on a free loopback port; resolves to its BiDi address. */
function startRemoteFirefox(profile: string): Promise<{ child: ChildProcess; ws: string }> {
  // A profile flopscope did not make gets WebGPU from its user.js, as docs/serve.md says.
  mkdirSync(profile, { recursive: true });
  writeFileSync(join(profile, 'user.js'), firefoxUserJs());
  const child = spawn(firefox!.path, ['--headless', '--remote-debugging-port=0', '--profile', profile, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolvePromise, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(stderr);
      if (match) resolvePromise({ child, ws: `${match[1]!.replace(/\/$/, '')}/session` });
    });
    child.on('exit', (code) => reject(new Error(`firefox exited (${code}) before listening: ${stderr}`)));
  });
}

async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill(signal);
  await exited;
}

describe.skipIf(!firefox || noWebGpu !== null)(
  'Firefox from elsewhere (needs firefox-esr 153 or newer and mesa-vulkan-drivers)',
  () => {
    const cleanup: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const step of cleanup.reverse()) await step();
    });

    it('runs matmul-naive on a Firefox reached over WebDriver BiDi and records how', async () => {
      const profile = tempDir('flopscope-remote-firefox-');
      const remote = await startRemoteFirefox(profile);
      cleanup.push(async () => {
        await stop(remote.child);
        rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
      });
      const out = join(tempDir(), 'remote-firefox.json');
      const result = await runCli([
        'run',
        '--kernel',
        'matmul-naive',
        '--sizes',
        '64',
        '--no-peak',
        '--rounds',
        '1',
        '--max-time',
        '300ms',
        '--browser-ws-endpoint',
        remote.ws,
        '--out',
        out,
      ]);
      expect(result.code, result.stderr).toBe(0);
      const results = parseResults(JSON.parse(readFileSync(out, 'utf8')), out);
      expect(results.env.browser).toMatchObject({
        source: 'remote',
        name: 'Firefox',
        webgpu: 'wgpu',
        protocol: 'webdriver-bidi',
        // Scheme, host and port only.
        endpoint: `ws://${new URL(remote.ws).host}`,
      });
      expect(results.env.browser.version).toMatch(/^Firefox\/\d+/);
      // That machine's drivers are not this one's to see: the adapter is only known to be a CPU one.
      expect(results.env.adapterInferred).toMatchObject({ name: 'a CPU (software) adapter', software: true });
      expect(results.cases[0]).toMatchObject({ status: 'ok', correctness: { passed: true, checked: 64 * 64 } });
      // The browser is not flopscope's: it is left running.
      expect(remote.child.exitCode).toBeNull();
    });

    it('serves a suite that a headless Firefox runs in the page, and writes what it posts', async () => {
      const outDir = tempDir();
      const serve = spawn(process.execPath, [BIN, 'serve', '--out-dir', outDir], { stdio: ['ignore', 'pipe', 'pipe'] });
      cleanup.push(() => stop(serve, 'SIGINT'));
      let stderr = '';
      serve.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const url = await new Promise<string>((resolveUrl, reject) => {
        let stdout = '';
        serve.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('\n')) resolveUrl(stdout.split('\n')[0]!);
        });
        serve.on('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
      });
      const launched = await launchFirefox({ executable: firefox! });
      cleanup.push(() => launched.close());
      const page = await launched.browser.newPage();
      await page.goto(url);
      await page.waitForSelector('body[data-state="idle"]', { timeout: 60_000 });
      await page.select('#suite', 'quick');
      await page.type('#sizes', '64');
      await page.$eval('#peak', (box) => ((box as HTMLInputElement).checked = false));
      await page.select('#max-time', '300ms');
      await page.click('#run');
      await page.waitForSelector('body[data-state="posted"], body[data-state="failed"]', { timeout: 240_000 });
      const problem = await page.$eval('#problem', (node) => node.textContent);
      expect(await page.$eval('body', (body) => body.dataset.state), problem ?? '').toBe('posted');
      const [file] = readdirSync(outDir);
      expect(file).toMatch(/-serve\.json$/);
      const results = parseResults(JSON.parse(readFileSync(join(outDir, file!), 'utf8')), file!);
      expect(results.complete).toBe(true);
      // The page tells which browser it ran in from its user agent.
      expect(results.env.browser.userAgent).toMatch(/Firefox\/\d+/);
      const naive = results.cases.find((c) => c.kernel === 'matmul-naive')!;
      expect(naive).toMatchObject({ status: 'ok', correctness: { passed: true, checked: 64 * 64 } });
    });
  },
);
