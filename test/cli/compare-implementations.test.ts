/** `flopscope compare` refuses runs of different WebGPU implementations unless told. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getKernel } from '../../src/kernels/index.js';
import { caseRecord } from '../../src/results/derive.js';
import type { Results } from '../../src/results/schema.js';
import { writeJsonAtomic } from '../../src/host/results-files.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { emptyResults, okOutcome } from '../helpers/results.js';

const naive = getKernel('matmul-naive');

function runFile(dir: string, name: string, mutate: (r: Results) => void = () => undefined): string {
  const results = emptyResults();
  results.cases.push(
    caseRecord(
      naive,
      naive.shapeFromSize(64),
      naive.defaultParams,
      'benchmark',
      okOutcome(Array.from({ length: 20 }, (_, i) => 1 + i * 1e-4)),
      {
        measured: results.peaks.measured,
        reference: null,
      },
    ),
  );
  mutate(results);
  const path = join(dir, name);
  writeJsonAtomic(path, results);
  return path;
}

/** The same SwiftShader adapter, but the run says Firefox drove it (as a recorded name would). */
const onFirefox = (r: Results) => {
  r.env.browser = { ...r.env.browser, version: 'Firefox/153.8.0', name: 'Firefox', webgpu: 'wgpu' };
};

describe('compare across WebGPU implementations', () => {
  it('refuses, naming both implementations and the flag', async () => {
    const dir = tempDir();
    const result = await runCli(['compare', runFile(dir, 'chrome.json'), runFile(dir, 'firefox.json', onFirefox)]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^flopscope: .*chrome\.json ran on Chrome \(Dawn\) and .*firefox\.json on Firefox \(wgpu\): pass --allow-different-implementations to compare them anyway/,
    );
  });

  it('names both flags when the adapter differs too', async () => {
    const dir = tempDir();
    const lavapipe = (r: Results) => {
      onFirefox(r);
      r.env.adapter = { vendor: '', architecture: '', device: '', description: '', isFallbackAdapter: true };
    };
    const result = await runCli(['compare', runFile(dir, 'chrome.json'), runFile(dir, 'firefox.json', lavapipe)]);
    expect(result.stderr).toMatch(
      /on "unnamed adapter \/ fallback" on Firefox \(wgpu\): pass --allow-different-devices and --allow-different-implementations/,
    );
  });

  it('compares them when told', async () => {
    const dir = tempDir();
    const result = await runCli([
      'compare',
      runFile(dir, 'chrome.json'),
      runFile(dir, 'firefox.json', onFirefox),
      '--allow-different-implementations',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).rows[0]).toMatchObject({ kernel: 'matmul-naive', verdict: 'unchanged' });
  });
});
