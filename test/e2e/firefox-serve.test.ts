/**
 * `flopscope serve` with Firefox, the first non-Chromium browser flopscope can drive here: the
 * CLI serves, a headless Firefox opens the printed URL and runs the quick suite at 64 from the
 * page, on wgpu, and the host writes the results it posts back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFirefox, launchFirefox, type LaunchedFirefox } from '../../src/host/firefox.js';
import { planCases } from '../../src/host/suite-plan.js';
import { parseResults } from '../../src/results/read.js';
import { tempDir } from '../helpers/cli.js';

const BIN = resolve(import.meta.dirname, '../../bin/flopscope.js');

describe('flopscope serve with Firefox', () => {
  const outDir = tempDir();
  let serve: ChildProcess;
  let url: string;
  let stderr = '';
  let launched: LaunchedFirefox;

  beforeAll(async () => {
    serve = spawn(process.execPath, [BIN, 'serve', '--out-dir', outDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    serve.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    url = await new Promise<string>((resolveUrl, reject) => {
      let stdout = '';
      serve.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) resolveUrl(stdout.split('\n')[0]!);
      });
      serve.on('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
    });
    launched = await launchFirefox({ executable: findFirefox()! });
  });

  afterAll(async () => {
    await launched?.close();
    if (serve && serve.exitCode === null) {
      const exited = new Promise((resolveExit) => serve.once('exit', resolveExit));
      serve.kill('SIGINT');
      await exited;
    }
  });

  it('runs the quick suite at 64 in the page and writes the results it posts, as Firefox on wgpu', async () => {
    const page = await launched.browser.newPage();
    await page.goto(url);
    await page.waitForSelector('body[data-state="idle"]', { timeout: 60_000 });
    expect(page.url()).not.toContain('token');

    await page.select('#suite', 'quick');
    await page.type('#sizes', '64');
    await page.$eval('#peak', (box) => ((box as HTMLInputElement).checked = false));
    await page.select('#max-time', '300ms');
    await page.click('#run');
    await page.waitForSelector('body[data-state="posted"], body[data-state="failed"]', { timeout: 240_000 });
    const problem = await page.$eval('#problem', (node) => node.textContent);
    expect(await page.$eval('body', (body) => body.dataset.state), problem ?? '').toBe('posted');
    expect(await page.$eval('#adapter', (node) => node.textContent)).toMatch(/^Adapter: unnamed adapter \(a CPU \(software\) adapter, inferred\); Firefox\/[\d.]+ \(wgpu WebGPU\)$/);

    const planned = planCases({ suite: 'quick', sizes: [64] });
    const lines = await page.$$eval('#cases li', (items) => items.map((item) => item.textContent ?? ''));
    expect(lines).toHaveLength(planned.length);

    const saved = await page.$eval('#saved', (node) => node.textContent ?? '');
    const file = /Saved by the host as (\S+\.json)\./.exec(saved)?.[1];
    expect(file, saved).toMatch(/unnamed-adapter-serve\.json$/);
    expect(readdirSync(outDir)).toEqual([file]);
    const results = parseResults(JSON.parse(readFileSync(join(outDir, file!), 'utf8')), file!);
    expect(results.complete).toBe(true);
    expect(results.env.browser).toMatchObject({ source: 'serve', executable: null, endpoint: new URL(url).origin, name: 'Firefox', webgpu: 'wgpu' });
    expect(results.env.browser.version).toMatch(/^Firefox\/\d+\.\d+$/);
    expect(results.env.adapterInferred).toMatchObject({ software: true });
    // Firefox 153's WebGPU has no subgroups: matmul-subgroup is skipped as unsupported, not failed.
    for (const record of results.cases) {
      if (record.kernel === 'matmul-subgroup' && !results.env.features.includes('subgroups')) expect(record).toMatchObject({ status: 'unsupported', message: expect.stringMatching(/needs subgroups/) });
      else expect(record.status, `${record.kernel}: ${record.message}`).toBe('ok');
    }
    expect(results.cases.find((c) => c.kernel === 'matmul-naive')).toMatchObject({ correctness: { passed: true, checked: 64 * 64 } });
    expect(stderr).toContain(`on unnamed adapter (a CPU (software) adapter, inferred) written to ${join(outDir, file!)}`);
    await page.close();
  }, 300_000);
});
