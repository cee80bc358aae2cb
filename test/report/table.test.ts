import { describe, expect, it } from 'vitest';
import { getKernel } from '../../src/kernels/index.js';
import { caseRecord } from '../../src/results/derive.js';
import type { Results } from '../../src/results/schema.js';
import { formatPeaks, peakRows } from '../../src/report/peaks.js';
import { formatRunTable } from '../../src/report/table.js';
import { emptyResults, okOutcome } from '../helpers/results.js';

function resultsWithCases(): Results {
  const results = emptyResults();
  const peak = getKernel('fma-peak');
  const naive = getKernel('matmul-naive');
  results.peaks.reference = {
    name: 'Test CPU (host CPU running SwiftShader)',
    origin: 'cpu-estimate',
    matchedBy: 'software adapter (SwiftShader)',
    fp32Tflops: 0.16,
    fp16Tflops: null,
    tensorFp16Tflops: null,
    bandwidthGbPerS: null,
    boostClockMhz: 2500,
    source: 'estimate: 2 cores x 2.5 GHz x 8 f32 lanes x 2 FMA units x 2 FLOP/FMA = 160 GFLOP/s',
    estimate: true,
  };
  const peakShape = { threads: 16384, iterations: 256 };
  // 16384 x 256 x 128 FLOPs = 536,870,912 in 20 ms = 26.8 GFLOP/s.
  const peakRecord = caseRecord(peak, peakShape, peak.defaultParams, 'peak', okOutcome(Array(10).fill(20)), {
    measured: results.peaks.measured,
    reference: results.peaks.reference,
  });
  results.peaks.measured = { computeGflops: peakRecord.gflops, computeCaseId: peakRecord.id };
  const context = { measured: results.peaks.measured, reference: results.peaks.reference };
  results.cases.push(peakRecord);
  results.cases.push(
    caseRecord(
      naive,
      naive.shapeFromSize(64),
      naive.defaultParams,
      'benchmark',
      okOutcome([1, 1.01, 0.99, 1, 1, 1, 1.02, 0.98]),
      context,
    ),
  );
  results.cases.push(
    caseRecord(
      naive,
      naive.shapeFromSize(67),
      naive.defaultParams,
      'benchmark',
      okOutcome([1, 1, 1], {
        clock: 'wall',
        stopReason: 'max-time',
        resolution: { stepNs: 100_000, quantized: true, batchLengthened: true },
      }),
      context,
    ),
  );
  results.cases.push(
    caseRecord(
      naive,
      naive.shapeFromSize(99),
      naive.defaultParams,
      'benchmark',
      { status: 'unsupported', message: 'skipped', correctness: null, timing: null },
      context,
    ),
  );
  return results;
}

describe('formatRunTable', () => {
  const text = formatRunTable(resultsWithCases());

  it('has units in the headers and one row per case', () => {
    expect(text).toMatch(/Median \(ms\).*95% CI.*GFLOP\/s.*GB\/s.*FLOP\/B.*Bound.*Check.*% peak.*MFU %/);
    expect(text).toMatch(/fma-peak \(peak\).*16384 threads x 256 iters.*26\.8/);
    expect(text).toMatch(/matmul-naive.*64x64x64.*±/);
    expect(text).toMatch(/67x67x67.*n=3<6/);
    expect(text).toMatch(/99x99x99.*unsupported/);
  });

  it('shows no FLOP rate, intensity or MFU for a kernel that does no arithmetic', () => {
    const results = resultsWithCases();
    const copy = getKernel('copy');
    const context = { measured: results.peaks.measured, reference: results.peaks.reference ?? null };
    results.cases.push(
      caseRecord(copy, copy.shapeFromSize(4), copy.defaultParams, 'benchmark', okOutcome([1, 1, 1, 1, 1, 1]), context),
    );
    const row = formatRunTable(results)
      .split('\n')
      .find((line) => line.includes('copy'))!;
    const cells = row.split('│').map((cell) => cell.trim());
    const header = formatRunTable(results)
      .split('\n')[1]!
      .split('│')
      .map((cell) => cell.trim());
    const cell = (name: string) => cells[header.indexOf(name)];
    expect(cell('GFLOP/s')).toBe('-');
    expect(cell('FLOP/B')).toBe('-');
    expect(cell('MFU %')).toBe('-');
    expect(Number(cell('GB/s'))).toBeGreaterThan(0);
  });

  it('says which clocks, timer steps and stop reasons the figures come from', () => {
    expect(text).toMatch(/gpu-timestamp clock \(1\.00 ns steps\), hot caches for 2 cases/);
    expect(text).toMatch(
      /wall clock \(100 µs steps, quantized, batches lengthened to compensate\), hot caches for 1 cases/,
    );
    expect(text).toMatch(/stopped: 2 at noise-target, 1 at max-time/);
  });

  it('says when a case dropped a start-up transient', () => {
    const results = resultsWithCases();
    expect(formatRunTable(results)).not.toMatch(/dropped a start/);
    results.cases[1]!.timing!.transientSamples = 12;
    expect(formatRunTable(results)).toMatch(
      /1 case dropped a start that differed from the rest \(12 samples: a device still settling\)/,
    );
  });

  it('names the MFU denominator, says it is an estimate, and gives its source', () => {
    expect(text).toMatch(
      /MFU: GFLOP\/s \/ 160 GFLOP\/s f32 vector peak of Test CPU .*an ESTIMATE.*source: estimate: 2 cores/,
    );
    expect(text).toMatch(/% peak: GFLOP\/s \/ this run's measured fma-peak of 26\.8 GFLOP\/s/);
  });
});

describe('peaks report', () => {
  it('puts each measured peak beside its reference', () => {
    const rows = peakRows(resultsWithCases());
    expect(rows.map((row) => row.peak)).toEqual(['f32 compute', 'f16 compute', 'memory bandwidth']);
    expect(rows[0]!.measured).toBeCloseTo(26.8435456, 6);
    expect(rows[0]!.reference).toBeCloseTo(160, 9);
    expect(rows[0]!.fractionOfReference).toBeCloseTo(26.8435456 / 160, 9);
    expect(rows[1]).toMatchObject({ measured: null, note: 'not measured', reference: null });
    expect(formatPeaks(resultsWithCases())).toMatch(
      /Reference: Test CPU .*\(ESTIMATE\), chosen by software adapter \(SwiftShader\)/,
    );
  });
});
