/**
 * The example user project (examples/custom-kernel): flopscope packed as npm would publish it,
 * installed from the tarball into a fresh copy of the example, then `npx flopscope run` and
 * `tune` there, on the user's own kernel (a row-wise softmax with a custom problem), in real
 * Chromium. What a user who read only the README does.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseResults } from '../../src/results/read.js';
import { runProcess, tempDir } from '../helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the example project, from a packed tarball', () => {
  let project = '';

  beforeAll(async () => {
    const dir = tempDir('flopscope-example-');
    // The build already ran (npm test builds first): pack without running prepare again.
    const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .at(-1)!;
    project = join(dir, 'project');
    cpSync(join(ROOT, 'examples/custom-kernel'), project, {
      recursive: true,
      filter: (path) => !/node_modules|results/.test(path),
    });
    const install = await runProcess(
      'npm',
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, tarball)],
      { cwd: project },
    );
    expect(install.code, install.stderr).toBe(0);
  }, 300_000);

  it('installs a package with its API, types and CLI and nothing of src/', () => {
    const installed = join(project, 'node_modules/flopscope');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    expect(Object.keys(manifest.exports)).toEqual(['.', './package.json']);
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'bin', 'dist', 'docs', 'package.json']);
    expect(readdirSync(join(installed, 'dist/types'))).toContain('index.d.ts');
  });

  it('type-checks the user kernel and config against the published declarations', async () => {
    const tsc = await runProcess(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project]);
    expect(tsc.code, tsc.stdout + tsc.stderr).toBe(0);
  });

  it("runs the config's default suite on the user kernel with `npx flopscope run`", async () => {
    const result = await runProcess(
      'npx',
      [
        'flopscope',
        'run',
        '--sizes',
        '64',
        '--no-peak',
        '--rounds',
        '1',
        '--max-time',
        '500ms',
        '--out',
        'results/run.json',
      ],
      { cwd: project },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/softmax-rows\s+│ 64x64\s+│ WG_SIZE=64/);
    const results = parseResults(JSON.parse(readFileSync(join(project, 'results/run.json'), 'utf8')), 'run.json');
    expect(results.cases[0]).toMatchObject({
      kernel: 'softmax-rows',
      status: 'ok',
      correctness: { passed: true, checked: 64 * 64 },
    });
    expect(results.cases[0]!.source?.file).toBe('kernels/softmax.wgsl');
  });

  it('tunes the user kernel, ranking it by GB/s', async () => {
    const result = await runProcess(
      'npx',
      [
        'flopscope',
        'tune',
        '--kernel',
        'softmax-rows',
        '--sizes',
        '64',
        '--no-peak',
        '--max-time',
        '200ms',
        '--out',
        'results/tune.json',
      ],
      { cwd: project },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/softmax-rows at 64x64: 4 configurations tried, 4 ok/);
    expect(result.stdout).toMatch(/│ Rank │ Config\s+│\s+GB\/s │ Spread │ % copy-peak │/);
    const results = parseResults(JSON.parse(readFileSync(join(project, 'results/tune.json'), 'utf8')), 'tune.json');
    expect(results.tune?.best[0]).toMatchObject({ metric: 'bandwidth', shapeLabel: '64x64' });
  });
});
