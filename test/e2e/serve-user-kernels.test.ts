/**
 * `flopscope serve` with a user's config: the page offers the config's suites (its default first),
 * runs the user's kernel from a bundle of its module the host serves, with the shader the host
 * read, and posts back results that say where the kernel came from.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser, type LaunchedBrowser } from '../../src/host/browser.js';
import { parseResults } from '../../src/results/read.js';

const BIN = resolve(import.meta.dirname, '../../bin/flopscope.js');
const EXAMPLE = resolve(import.meta.dirname, '../../examples/custom-kernel');
const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');

describe('flopscope serve with a config of user kernels', () => {
  let project = '';
  let serve: ChildProcess;
  let url = '';
  let stderr = '';
  let launched: LaunchedBrowser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    project = mkdtempSync(join(ARTIFACTS, 'serve-'));
    cpSync(join(EXAMPLE, 'kernels'), join(project, 'kernels'), { recursive: true });
    cpSync(join(EXAMPLE, 'flopscope.config.ts'), join(project, 'flopscope.config.ts'));
    serve = spawn(process.execPath, [BIN, 'serve', '--out-dir', 'served'], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    serve.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    url = await new Promise<string>((done, reject) => {
      let stdout = '';
      serve.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) done(stdout.split('\n')[0]!);
      });
      serve.on('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
    });
    launched = await launchBrowser({ executable: findBrowser()! });
  });

  afterAll(async () => {
    await launched?.browser.close();
    if (serve && serve.exitCode === null) {
      const exited = new Promise((done) => serve.once('exit', done));
      serve.kill('SIGINT');
      await exited;
    }
  });

  it("offers the config's suite first and runs its kernel in the page", async () => {
    const page = await launched.browser.newPage();
    await page.goto(url);
    await page.waitForSelector('body[data-state="idle"]', { timeout: 30_000 });
    const offered = await page.$$eval('#suite option', (options) => options.map((o) => o.value));
    expect(offered[0]).toBe('softmax');
    expect(offered).toContain('quick');
    await page.type('#sizes', '32');
    await page.$eval('#peak', (box) => ((box as HTMLInputElement).checked = false));
    await page.select('#max-time', '300ms');
    await page.click('#run');
    await page.waitForSelector('body[data-state="posted"], body[data-state="failed"]', { timeout: 120_000 });
    const problem = await page.$eval('#problem', (node) => node.textContent);
    expect(await page.$eval('body', (body) => body.dataset.state), problem ?? '').toBe('posted');
    const [file] = readdirSync(join(project, 'served'));
    const results = parseResults(JSON.parse(readFileSync(join(project, 'served', file!), 'utf8')), file!);
    expect(results.suite.name).toBe('softmax');
    expect(results.cases).toHaveLength(1);
    expect(results.cases[0]).toMatchObject({
      kernel: 'softmax-rows',
      status: 'ok',
      correctness: { passed: true, checked: 32 * 32 },
    });
    expect(results.cases[0]!.source).toMatchObject({
      file: expect.stringMatching(/kernels\/softmax\.wgsl$/),
      hash: expect.stringMatching(/^fnv1a64:/),
    });
  });
});
