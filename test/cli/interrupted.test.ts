/** A run that dies half-way keeps every case finished before it, and never writes the final file. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResults } from '../../src/results/read.js';
import { tempDir } from '../helpers/cli.js';

const BIN = resolve(import.meta.dirname, '../../bin/flopscope.js');

/** Polls `check` every 100 ms until it returns true or `timeoutMs` passes. */
async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a run killed half-way', () => {
  it('leaves the finished cases in <out>.partial.json and no final file', async () => {
    const dir = tempDir();
    const out = join(dir, 'run.json');
    const partial = join(dir, 'run.partial.json');
    const child = spawn(
      process.execPath,
      [
        BIN,
        'run',
        '--kernel',
        'matmul-naive',
        '--sizes',
        '64,256,256,256',
        '--no-peak',
        '--noise',
        '0.1%',
        '--max-time',
        '20s',
        '--out',
        out,
      ],
      {
        stdio: 'ignore',
      },
    );
    const exited = new Promise((r) => child.on('exit', r));
    const finishedCases = () => {
      if (!existsSync(partial)) return 0;
      try {
        return (JSON.parse(readFileSync(partial, 'utf8')) as { cases: unknown[] }).cases.length;
      } catch {
        return 0; // caught between write and rename: never, since writes are atomic, but be safe
      }
    };
    try {
      await waitFor(() => finishedCases() >= 1, 60_000);
    } finally {
      // As a user's Ctrl-C or a CI timeout would: puppeteer closes the browser on the way out.
      child.kill('SIGTERM');
    }
    await exited;
    expect(existsSync(out)).toBe(false);
    const results = parseResults(JSON.parse(readFileSync(partial, 'utf8')), partial);
    expect(results.complete).toBe(false);
    expect(results.cases.length).toBeGreaterThanOrEqual(1);
    expect(results.cases[0]).toMatchObject({ kernel: 'matmul-naive', status: 'ok', shape: { m: 64 } });
  });
});
