import { describe, expect, it } from 'vitest';
import { getKernel } from '../../src/kernels/index.js';
import { caseRecord } from '../../src/results/derive.js';
import { csvReport, githubActionBenchmark, markdownReport } from '../../src/report/formats.js';
import { heatmaps } from '../../src/report/html.js';
import { reportRows } from '../../src/report/summary.js';
import { emptyResults, okOutcome } from '../helpers/results.js';

const naive = getKernel('matmul-naive');
const blocked = getKernel('matmul-blocked');

function runs() {
  const results = emptyResults();
  results.peaks.measured = { computeGflops: 10, computeCaseId: 'x' };
  const context = { measured: results.peaks.measured, reference: null };
  // 2 x 64^3 FLOPs in 1 ms = 0.524288 GFLOP/s.
  results.cases.push(
    caseRecord(naive, naive.shapeFromSize(64), naive.defaultParams, 'benchmark', okOutcome(Array(8).fill(1)), context),
  );
  results.cases.push(
    caseRecord(
      naive,
      naive.shapeFromSize(32),
      naive.defaultParams,
      'benchmark',
      { status: 'incorrect', message: 'x', correctness: null, timing: null },
      context,
    ),
  );
  for (const [tm, tn, ms] of [
    [2, 4, 4],
    [2, 8, 2],
    [4, 4, 2],
    [4, 8, 1],
  ] as const) {
    results.cases.push(
      caseRecord(
        blocked,
        blocked.shapeFromSize(64),
        { ...blocked.defaultParams, TM: tm, TN: tn },
        'benchmark',
        okOutcome(Array(8).fill(ms)),
        context,
      ),
    );
  }
  return [{ label: 'run-a', results }];
}

describe('report formats', () => {
  it('Markdown names the device and peaks and marks failed cases', () => {
    const text = markdownReport(runs(), reportRows(runs()));
    expect(text).toMatch(/### run-a/);
    expect(text).toMatch(/SwiftShader Device \(Subzero\)/);
    expect(text).toMatch(/Measured fma-peak: 10\.0 GFLOP\/s/);
    expect(text).toMatch(/\| matmul-naive \| 64x64x64 \| WG_X=16 WG_Y=16 \| 0\.524 GFLOP\/s \|/);
    expect(text).toMatch(/\| matmul-naive \| 32x32x32 \| .* \| \*\*incorrect\*\* \|/);
  });

  it('CSV has a header and one line per case, quoted where needed', () => {
    const lines = csvReport(reportRows(runs())).trim().split('\n');
    expect(lines[0]).toMatch(/^run,started_at,device,kernel,shape,params,role,status,rate,unit/);
    expect(lines).toHaveLength(1 + 6);
    expect(lines[1]).toMatch(
      /^run-a,2026-11-24T12:00:00\.000Z,SwiftShader Device \(Subzero\),matmul-naive,64x64x64,WG_X=16 WG_Y=16,benchmark,ok,0\.524288,GFLOP\/s/,
    );
  });

  it('github-action-benchmark gets the ok cases, bigger is better, with their interval', () => {
    const entries = githubActionBenchmark(reportRows(runs()));
    expect(entries).toHaveLength(5);
    expect(entries[0]).toMatchObject({
      name: 'matmul-naive 64x64x64 WG_X=16 WG_Y=16',
      unit: 'GFLOP/s',
      value: 0.524288,
    });
    expect(entries[0]!.range).toMatch(/^±/);
  });

  it('heatmaps take the two parameters that vary, the best rate per cell', () => {
    const [map] = heatmaps(reportRows(runs()));
    expect(map).toMatchObject({ xValues: [2, 4], yValues: [4, 8] });
    expect([map!.xParam, map!.yParam].sort()).toEqual(['TM', 'TN']);
    // TM=4 TN=8 ran in 1 ms: 0.524 GFLOP/s, the best cell.
    expect(Math.max(...map!.cells.flat().map((v) => v ?? 0))).toBeCloseTo(0.524288, 6);
  });
});
