/**
 * The HTML report rendered in headless Chromium: its charts drew (canvases with non-blank
 * pixels), the heatmap has cells, no console errors; a screenshot is kept in test-artifacts/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBrowser, launchBrowser, type LaunchedBrowser } from '../../src/host/browser.js';
import { getKernel } from '../../src/kernels/index.js';
import { caseRecord } from '../../src/results/derive.js';
import type { Results } from '../../src/results/schema.js';
import { chartJsSource } from '../../src/host/paths.js';
import { htmlReport } from '../../src/report/html.js';
import { reportRows } from '../../src/report/summary.js';
import { createRng } from '../../src/stats/rng.js';
import { emptyResults, okOutcome } from '../helpers/results.js';
import { tempDir } from '../helpers/cli.js';

/** A run of matmul-blocked in several configurations at 64 and 128, plus naive: sizes, a heatmap and a roofline. */
function fixtureRun(scale: number, startedAt: string): Results {
  const results = emptyResults();
  results.env.startedAt = startedAt;
  results.peaks.measured = { computeGflops: 40, computeCaseId: 'x', bandwidthGbPerS: 2 };
  const rng = createRng(Math.round(scale * 100));
  const context = { measured: results.peaks.measured, reference: null };
  const naive = getKernel('matmul-naive');
  const blocked = getKernel('matmul-blocked');
  for (const size of [64, 128, 256]) {
    const ms = ((2 * size ** 3) / 0.5e9) * 1e3 * scale;
    results.cases.push(
      caseRecord(
        naive,
        naive.shapeFromSize(size),
        naive.defaultParams,
        'benchmark',
        okOutcome(Array.from({ length: 8 }, () => ms * (1 + rng.nextFloat() * 0.01))),
        context,
      ),
    );
  }
  for (const tm of [2, 4, 8]) {
    for (const tn of [4, 8, 16]) {
      const ms = ((2 * 128 ** 3) / ((tm * tn) / 4) / 1e9) * 1e3 * scale;
      const params = { ...blocked.defaultParams, TM: tm, TN: tn };
      results.cases.push(
        caseRecord(
          blocked,
          blocked.shapeFromSize(128),
          params,
          'benchmark',
          okOutcome(Array.from({ length: 8 }, () => ms * (1 + rng.nextFloat() * 0.01))),
          context,
        ),
      );
    }
  }
  return results;
}

describe('the HTML report in a browser', () => {
  let launched: LaunchedBrowser;
  beforeAll(async () => {
    launched = await launchBrowser({ executable: ensureBrowser(() => undefined) });
  });
  afterAll(async () => {
    await launched?.browser.close();
  });

  it('draws every chart and the heatmap, offline and without console errors', async () => {
    const runs = [
      { label: 'run-1', results: fixtureRun(1, '2026-11-24T10:00:00.000Z') },
      { label: 'run-2', results: fixtureRun(0.9, '2026-11-24T11:00:00.000Z') },
    ];
    const path = join(tempDir(), 'report.html');
    writeFileSync(path, htmlReport(runs, reportRows(runs), chartJsSource()));

    const page = await launched.browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    // Offline: any request beyond the file itself fails the test.
    await page.setRequestInterception(true);
    const requests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file://')) requests.push(request.url());
      void request.continue();
    });
    await page.setViewport({ width: 1100, height: 900 });
    await page.goto(`file://${path}`, { waitUntil: 'load' });

    const canvases = await page.$$eval('canvas', (elements) =>
      elements.map((canvas) => {
        const c = canvas;
        const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
        return { id: c.id, width: c.width, painted };
      }),
    );
    expect(canvases.map((c) => c.id)).toEqual(['size', 'roofline', 'history']);
    for (const canvas of canvases) expect(canvas.painted, canvas.id).toBeGreaterThan(1000);
    // 3 x 3 configurations of matmul-blocked at 128: a full heatmap.
    expect(await page.$$eval('table.heatmap td.cell', (cells) => cells.length)).toBe(9); // 3 TM x 3 TN of one kernel, shape and device (the best of both runs per cell)
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);

    const artifacts = resolve(import.meta.dirname, '../../test-artifacts');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });
    await page.close();
  });
});
