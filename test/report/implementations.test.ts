import { describe, expect, it } from 'vitest';
import { getKernel } from '../../src/kernels/index.js';
import {
  implementationRatios,
  implementationRatiosHtml,
  implementationRatiosMarkdown,
} from '../../src/report/implementations.js';
import { markdownReport } from '../../src/report/formats.js';
import { reportRows } from '../../src/report/summary.js';
import { caseRecord } from '../../src/results/derive.js';
import type { Results } from '../../src/results/schema.js';
import { emptyResults, okOutcome } from '../helpers/results.js';

const naive = getKernel('matmul-naive');
const fma = getKernel('fma-peak');
const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0';

/** A run with matmul-naive at 64 taking `naiveMs` and an fma-peak case taking `peakMs` at `threads`. */
function run(naiveMs: number, peakMs: number, threads: number, firefox: boolean): Results {
  const results = emptyResults();
  if (firefox) {
    results.env.browser = {
      version: 'Firefox/153.8.0',
      userAgent: FIREFOX_UA,
      executable: '/usr/bin/firefox-esr',
      source: 'PATH',
      flags: [],
      name: 'Firefox',
      webgpu: 'wgpu',
    };
    results.env.adapter = { vendor: '', architecture: '', device: '', description: '', isFallbackAdapter: true };
    results.env.adapterInferred = { name: 'lavapipe', software: true, how: 'test' };
  }
  const context = { measured: results.peaks.measured, reference: null };
  results.cases.push(
    caseRecord(fma, { threads, iterations: 256 }, fma.defaultParams, 'peak', okOutcome(Array(8).fill(peakMs)), context),
  );
  results.cases.push(
    caseRecord(
      naive,
      naive.shapeFromSize(64),
      naive.defaultParams,
      'benchmark',
      okOutcome(Array(8).fill(naiveMs)),
      context,
    ),
  );
  return results;
}

describe('WebGPU implementations side by side', () => {
  const runs = [
    { label: 'firefox', results: run(2, 10, 65536, true) },
    { label: 'chrome', results: run(1, 10, 16384, false) },
  ];

  it('puts each series beside the Dawn one, with the ratio of rates', () => {
    const table = implementationRatios(reportRows(runs))!;
    expect(table.series.map((s) => s.series)).toEqual([
      'unnamed adapter (lavapipe, inferred) on Firefox (wgpu)',
      'SwiftShader Device (Subzero) on Chrome (Dawn)',
    ]);
    // Chrome is the base (Dawn) though it came second.
    expect(table.base).toBe(1);
    const naiveRow = table.rows.find((row) => row.kernel === 'matmul-naive')!;
    // 2 x 64^3 FLOPs: 0.262 GFLOP/s in 2 ms (Firefox) against 0.524 in 1 ms (Chrome): 0.5x.
    expect(naiveRow.ratios[0]).toBeCloseTo(0.5, 12);
    expect(naiveRow.ratios[1]).toBe(1);
    // The peaks are compared by kernel, whatever size each device chose: 4x the threads in the same time.
    const peakRow = table.rows[0]!;
    expect(peakRow).toMatchObject({ kernel: 'fma-peak', shape: 'measured peak' });
    expect(peakRow.ratios[0]).toBeCloseTo(4, 12);
  });

  it('shows the table in Markdown and HTML, titled Firefox (wgpu) / Chrome (Dawn)', () => {
    const rows = reportRows(runs);
    const markdown = implementationRatiosMarkdown(rows);
    expect(markdown).toMatch(/### WebGPU implementations side by side/);
    expect(markdown).toMatch(/\| Firefox \(wgpu\) \/ Chrome \(Dawn\) \|/);
    expect(markdown).toMatch(/\| matmul-naive \| 64x64x64 \| 0\.262 GFLOP\/s \| 0\.524 GFLOP\/s \| 0\.500x \|/);
    expect(markdownReport(runs, rows)).toContain(markdown);
    expect(implementationRatiosHtml(rows)).toMatch(/<th>Firefox \(wgpu\) \/ Chrome \(Dawn\)<\/th>/);
  });

  it('is left out for runs of one implementation', () => {
    const chromeOnly = [runs[1]!, { label: 'again', results: run(1, 10, 16384, false) }];
    expect(implementationRatios(reportRows(chromeOnly))).toBeNull();
    expect(markdownReport(chromeOnly, reportRows(chromeOnly))).not.toMatch(/side by side/);
  });
});
