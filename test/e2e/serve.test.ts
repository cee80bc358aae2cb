/**
 * `flopscope serve` end to end: the CLI serves, a headless Chromium opens the printed URL, runs
 * the quick suite at 64 from the page, and the host writes the results it posts back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFromQuery, servedResultsPath } from '../../src/cli/serve.js';
import { findBrowser, launchBrowser, type LaunchedBrowser } from '../../src/host/browser.js';
import { startServe, type ServeHandle } from '../../src/host/serve-server.js';
import { planCases } from '../../src/measure/plan.js';
import { parseResults } from '../../src/results/read.js';
import { tempDir } from '../helpers/cli.js';

const BIN = resolve(import.meta.dirname, '../../bin/flopscope.js');

describe('flopscope serve with a browser', () => {
  const outDir = tempDir();
  let serve: ChildProcess;
  let url: string;
  let stderr = '';
  let launched: LaunchedBrowser;

  beforeAll(async () => {
    serve = spawn(process.execPath, [BIN, 'serve', '--out-dir', outDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    serve.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    url = await new Promise<string>((resolveUrl, reject) => {
      let stdout = '';
      serve.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.split('\n')[0]!;
        if (stdout.includes('\n')) resolveUrl(line);
      });
      serve.on('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
    });
    launched = await launchBrowser({ executable: findBrowser()! });
  });

  afterAll(async () => {
    await launched?.browser.close();
    if (serve && serve.exitCode === null) {
      const exited = new Promise((resolveExit) => serve.once('exit', resolveExit));
      serve.kill('SIGINT');
      await exited;
    }
  });

  it('prints a loopback URL with a token', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('runs the quick suite at 64 in the page and writes the results the page posts', async () => {
    const page = await launched.browser.newPage();
    await page.goto(url);
    await page.waitForSelector('body[data-state="idle"]', { timeout: 30_000 });
    // The token has left the address bar (it stays in this tab's sessionStorage).
    expect(page.url()).not.toContain('token');

    await page.select('#suite', 'quick');
    await page.type('#sizes', '64');
    await page.$eval('#peak', (box) => ((box as HTMLInputElement).checked = false));
    await page.select('#max-time', '300ms');
    await page.click('#run');
    await page.waitForSelector('body[data-state="posted"], body[data-state="failed"]', { timeout: 120_000 });
    const problem = await page.$eval('#problem', (node) => node.textContent);
    expect(await page.$eval('body', (body) => body.dataset.state), problem ?? '').toBe('posted');

    // Live progress: one line per finished case, as the terminal prints them.
    const lines = await page.$$eval('#cases li', (items) => items.map((item) => item.textContent ?? ''));
    const planned = planCases({ suite: 'quick', sizes: [64] });
    expect(lines).toHaveLength(planned.length);
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^\\[\\d/${planned.length}\\] matmul-naive 64x64x64 WG_X=16 WG_Y=16: [\\d.]+ [MGT]?FLOP/s \\(median`,
        ),
      ),
    );

    // The host's name for the file, and the table it drew from what it wrote.
    const saved = await page.$eval('#saved', (node) => node.textContent ?? '');
    const file = /Saved by the host as (\S+\.json)\./.exec(saved)?.[1];
    expect(file, saved).toMatch(/-serve\.json$/);
    expect(readdirSync(outDir)).toEqual([file]);
    expect(await page.$eval('#table', (node) => node.textContent)).toMatch(/matmul-naive\s.*64x64x64.*\bok\b/);

    const results = parseResults(JSON.parse(readFileSync(join(outDir, file!), 'utf8')), file!);
    expect(results.complete).toBe(true);
    expect(results.suite).toMatchObject({
      name: 'quick',
      kernels: [...new Set(planned.map((c) => c.kernel.name))],
      sizes: [64],
    });
    expect(results.suite.timing.maxTimeMs).toBe(300);
    expect(results.cases.map((c) => c.kernel)).toEqual(planned.map((c) => c.kernel.name));
    const naive = results.cases.find((c) => c.kernel === 'matmul-naive')!;
    expect(naive).toMatchObject({ status: 'ok', correctness: { passed: true, checked: 64 * 64 }, flops: 2 * 64 ** 3 });
    expect(naive.gflops).toBeGreaterThan(0);
    // Every case ran and passed its check, or was skipped for a feature this adapter lacks.
    for (const record of results.cases)
      expect(['ok', 'unsupported'], `${record.kernel}: ${record.message}`).toContain(record.status);
    // Where the results came from: the served page, on the machine its browser described.
    expect(results.env.browser).toMatchObject({ source: 'serve', executable: null, endpoint: new URL(url).origin });
    expect(results.env.browser.version).toMatch(/^Chrome\/\d+\.\d+\.\d+\.\d+$/);
    expect(results.env.host).toMatchObject({
      reportedBy: 'browser',
      platform: process.platform,
      node: process.version,
    });
    expect(results.env.adapter.description.length + results.env.adapter.vendor.length).toBeGreaterThan(0);
    expect(stderr).toContain(`written to ${join(outDir, file!)}`);
    await page.close();
  });

  it('stops on Ctrl-C with exit code 0', async () => {
    const exited = new Promise<number | null>((resolveExit) => serve.once('exit', (code) => resolveExit(code)));
    serve.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});

/** This machine's first non-loopback IPv4 address, if it has one. */
function lanAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
}

describe.skipIf(!lanAddress())('flopscope serve reached over the network', () => {
  const address = lanAddress()!;
  const outDir = tempDir();
  let handle: ServeHandle;
  const browsers: LaunchedBrowser[] = [];

  beforeAll(async () => {
    handle = await startServe({
      host: address,
      plan: planFromQuery,
      resultsPath: (results) => servedResultsPath(results, outDir),
      log: () => undefined,
    });
  });
  afterAll(async () => {
    for (const launched of browsers) await launched.browser.close();
    await handle?.close();
  });

  it('tells the user why WebGPU is missing: http://<address> is not a secure context', async () => {
    const launched = await launchBrowser({ executable: findBrowser()! });
    browsers.push(launched);
    const page = await launched.browser.newPage();
    expect(handle.url.startsWith(`http://${address}:`)).toBe(true);
    await page.goto(handle.url);
    await page.waitForSelector('body[data-state="failed"]');
    expect(await page.$eval('#problem', (node) => node.textContent)).toMatch(
      /not a secure context .*--unsafely-treat-insecure-origin-as-secure=http:\/\/.*docs\/serve\.md/,
    );
    expect(await page.$eval('#run', (button) => (button as HTMLButtonElement).disabled)).toBe(true);
  });

  it('runs once the browser treats that origin as secure, as docs/serve.md says', async () => {
    const launched = await launchBrowser({
      executable: findBrowser()!,
      extraFlags: [`--unsafely-treat-insecure-origin-as-secure=${handle.origin}`],
    });
    browsers.push(launched);
    const page = await launched.browser.newPage();
    await page.goto(handle.url);
    await page.waitForSelector('body[data-state="idle"]');
    await page.type('#sizes', '64');
    await page.$eval('#peak', (box) => ((box as HTMLInputElement).checked = false));
    await page.select('#max-time', '300ms');
    await page.click('#run');
    await page.waitForSelector('body[data-state="posted"], body[data-state="failed"]', { timeout: 120_000 });
    expect(
      await page.$eval('body', (body) => body.dataset.state),
      (await page.$eval('#problem', (node) => node.textContent)) ?? '',
    ).toBe('posted');
    const [file] = readdirSync(outDir);
    const results = parseResults(JSON.parse(readFileSync(join(outDir, file!), 'utf8')), file!);
    expect(results.env.browser.endpoint).toBe(handle.origin);
    expect(results.cases.find((c) => c.kernel === 'matmul-naive')).toMatchObject({ status: 'ok' });
  });
});
