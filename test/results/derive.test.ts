import { describe, expect, it } from 'vitest';
import { getKernel } from '../../src/kernels/index.js';
import { applyPeaks, caseId, caseRecord, perSecondGiga, timingSummary } from '../../src/results/derive.js';
import { CaseRecordSchema, type ReferencePeaks } from '../../src/results/schema.js';
import { okOutcome, rawTiming } from '../helpers/results.js';

const naive = getKernel('matmul-naive');
const shape = naive.shapeFromSize(64);
const noPeaks = { measured: { computeGflops: null, computeCaseId: null }, reference: null };
const h100: ReferencePeaks = {
  name: 'NVIDIA H100 SXM5',
  origin: 'vendor-table',
  matchedBy: '--gpu h100',
  fp32Tflops: 66.9,
  fp16Tflops: 133.8,
  tensorFp16Tflops: 989.4,
  bandwidthGbPerS: 3350,
  boostClockMhz: 1980,
  source: 'test',
  estimate: false,
};

describe('timingSummary', () => {
  it('gives the median, its distribution-free 95% interval and the spread', () => {
    // 1..11 ms: median 6; for n = 11 the 95% interval of the median is [x(2), x(10)] (coverage 98.8%).
    const timing = timingSummary(rawTiming([5, 1, 9, 3, 7, 11, 2, 8, 4, 10, 6]));
    expect(timing.medianMs).toBe(6);
    expect(timing.ci95Ms).toEqual([2, 10]);
    expect(timing.relHalfWidth).toBeCloseTo(4 / 6, 12);
    expect(timing.minMs).toBe(1);
    expect(timing.maxMs).toBe(11);
    expect(timing.p25Ms).toBe(3.5);
    expect(timing.p75Ms).toBe(8.5);
    expect(timing.sampleCount).toBe(11);
    expect(timing.outliers).toBe(0);
    expect(timing.stopReason).toBe('noise-target');
  });

  it('widens the interval for samples that drift (autocorrelated in run order)', () => {
    // The same 11 values in rising order: lag-1 autocorrelation 0.727 (by hand: sum of lag
    // products 80 / sum of squares 110), inflation sqrt(1.727 / 0.273) = 2.515.
    const timing = timingSummary(rawTiming([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
    expect(timing.autocorrelation).toBeCloseTo(80 / 110, 12);
    const inflation = Math.sqrt((1 + 80 / 110) / (1 - 80 / 110));
    expect(timing.ci95Ms![0]).toBeCloseTo(6 - 4 * inflation, 12);
    expect(timing.ci95Ms![1]).toBeCloseTo(6 + 4 * inflation, 12);
  });

  it('with rounds, widens the interval to at least the t interval of the rounds\' medians', () => {
    // 30 samples alternating 1.09 and 1.11 ms (no positive autocorrelation to widen for): the
    // distribution-free interval is [1.09, 1.11] around 1.1. Rounds with medians 1, 1.1 and 1.2:
    // their logs have s = 0.0912, t(0.975, 2) = 4.3027, half-width 4.3027 x s / sqrt(3) = 0.2265
    // in log, [0.877, 1.380] around 1.1.
    const samples = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 1.09 : 1.11));
    const plain = timingSummary(rawTiming(samples));
    const rounds = timingSummary(rawTiming(samples, { roundMedians: [1, 1.1, 1.2] }));
    const logs = [1, 1.1, 1.2].map(Math.log);
    const mean = (logs[0]! + logs[1]! + logs[2]!) / 3;
    const s = Math.sqrt(logs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / 2);
    const half = (4.302652729749464 * s) / Math.sqrt(3);
    expect(rounds.medianMs).toBeCloseTo(1.1, 12);
    expect(rounds.ci95Ms![0]).toBeCloseTo(1.1 * Math.exp(-half), 9);
    expect(rounds.ci95Ms![1]).toBeCloseTo(1.1 * Math.exp(half), 9);
    expect(rounds.relHalfWidth!).toBeGreaterThan(plain.relHalfWidth!);
    expect(rounds.roundMedians).toEqual([1, 1.1, 1.2]);
    expect(plain.roundMedians).toBeUndefined();
  });

  it('widens for as few as 2 rounds', () => {
    // Rounds 1 and 1.21 ms: logs 0 and 0.19062, s = 0.19062 / sqrt(2) = 0.134789; t(0.975, 1) =
    // 12.7062, half-width 12.7062 x 0.134789 / sqrt(2) = 1.21103 in log: [0.32768, 3.69264] around 1.1.
    const samples = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 1.09 : 1.11));
    const rounds = timingSummary(rawTiming(samples, { roundMedians: [1, 1.21] }));
    expect(rounds.ci95Ms![0]).toBeCloseTo(0.32768, 5);
    expect(rounds.ci95Ms![1]).toBeCloseTo(3.69264, 5);
  });

  it('gives an interval from 6 samples on: [min, max] at 6 (coverage 1 - 2^-5 = 96.9%)', () => {
    // Alternating order, so no positive autocorrelation widens it.
    const timing = timingSummary(rawTiming([1, 6, 2, 5, 3, 4]));
    expect(timing.medianMs).toBe(3.5);
    expect(timing.ci95Ms).toEqual([1, 6]);
    expect(timing.relHalfWidth).toBeCloseTo(2.5 / 3.5, 12);
  });

  it('gives no interval below 6 samples', () => {
    const timing = timingSummary(rawTiming([1, 2, 3, 4, 5]));
    expect(timing.ci95Ms).toBeNull();
    expect(timing.relHalfWidth).toBeNull();
  });

  it('counts Tukey outliers', () => {
    expect(timingSummary(rawTiming([10, 10, 10, 10, 10, 10, 10, 10, 10, 50])).outliers).toBe(1);
  });

  it('summarises each stage of a multi-stage kernel', () => {
    const timing = timingSummary(rawTiming([3, 3, 3], { stages: [{ name: 'im2col', samplesMs: [1, 1.2, 0.8, 1, 1.1, 0.9, 1] }, { name: 'gemm', samplesMs: [] }] }));
    expect(timing.stages).toEqual([{ name: 'im2col', medianMs: 1, ci95Ms: [0.8, 1.2], sampleCount: 7 }]);
  });
});

describe('caseId', () => {
  it('is kernel / shape / parameters sorted by name', () => {
    expect(caseId(naive, { batch: 2, m: 3, n: 4, k: 5 }, { WG_Y: 2, WG_X: 8 })).toBe('matmul-naive/2x3x4x5/WG_X=8,WG_Y=2');
    expect(caseId(getKernel('copy'), { elements: 1024 }, {})).toBe('copy/4 KiB/');
  });
});

describe('perSecondGiga', () => {
  it('is amount / ms / 1e6: 2e9 units in 4 ms = 500 G/s', () => {
    expect(perSecondGiga(2e9, 4)).toBe(500);
  });
});

describe('caseRecord', () => {
  it('copies what identifies the case, and divides the work by the median (2 ms here)', () => {
    const params = { WG_X: 8, WG_Y: 4 };
    const record = caseRecord(naive, { batch: 2, m: 3, n: 4, k: 5 }, params, 'peak', { ...okOutcome([2, 2, 2, 2, 2, 2]), message: 'note' }, noPeaks);
    expect(record).toMatchObject({ kernel: 'matmul-naive', role: 'peak', shape: { batch: 2, m: 3, n: 4, k: 5 }, shapeLabel: '2x3x4x5', params: { WG_X: 8, WG_Y: 4 }, metric: 'flops', status: 'ok', message: 'note', samples: [2, 2, 2, 2, 2, 2] });
    // 2 x 2 x 3 x 4 x 5 = 240 FLOPs; bytes 4 x 2 x (15 + 20 + 12) = 376: in 2 ms.
    expect(record.flops).toBe(240);
    expect(record.bytes).toBe(376);
    expect(record.gflops).toBeCloseTo(240 / 2 / 1e6, 15);
    expect(record.gbPerS).toBeCloseTo(376 / 2 / 1e6, 15);
    expect(record.fractionOfMeasuredPeak).toBeNull();
    expect(record.fractionOfMeasuredBandwidth).toBeNull();
    // Copies, not the caller's objects.
    expect(record.params).not.toBe(params);
  });

  it('has no timing and no speed when the outcome has no samples, ok or not', () => {
    const empty = caseRecord(naive, shape, naive.defaultParams, 'benchmark', { ...okOutcome([]) }, noPeaks);
    expect(empty).toMatchObject({ status: 'ok', timing: null, gflops: null, gbPerS: null, samples: [] });
    const failed = caseRecord(naive, shape, naive.defaultParams, 'benchmark', { status: 'error', message: 'device lost', correctness: null, timing: null }, noPeaks);
    expect(failed).toMatchObject({ status: 'error', message: 'device lost', timing: null, gflops: null, samples: [] });
    expect(failed).not.toHaveProperty('message', undefined);
    expect(caseRecord(naive, shape, naive.defaultParams, 'benchmark', okOutcome([1, 1, 1]), noPeaks)).not.toHaveProperty('message');
  });

  it('has no intensity and no roofline verdict for a kernel that moves no bytes', () => {
    const noBytes = { ...naive, bytes: () => 0 };
    const record = caseRecord(noBytes, shape, naive.defaultParams, 'benchmark', okOutcome([1, 1, 1, 1, 1, 1]), { measured: { computeGflops: 10, computeCaseId: 'x', bandwidthGbPerS: 10 }, reference: h100 });
    expect(record.arithmeticIntensity).toBeNull();
    expect(record.bound).toBeNull();
    expect(record.gbPerS).toBe(0);
  });

  it('derives GFLOP/s, GB/s and intensity from the median', () => {
    const record = caseRecord(naive, shape, naive.defaultParams, 'benchmark', okOutcome([1, 1, 1, 1, 1, 1]), noPeaks);
    expect(CaseRecordSchema.parse(record)).toEqual(record);
    // 2 x 64^3 FLOPs in 1 ms = 0.524288 GFLOP/s; bytes = 3 matrices x 64^2 x 4 B = 49152 B in 1 ms.
    expect(record.gflops).toBeCloseTo(0.524288, 9);
    expect(record.gbPerS).toBeCloseTo(0.049152, 9);
    expect(record.arithmeticIntensity).toBeCloseTo(524288 / 49152, 9);
    // kernel / formatted shape / parameters sorted by name.
    expect(record.id).toBe('matmul-naive/64x64x64/WG_X=16,WG_Y=16');
    expect(record.mfu).toBeNull();
    expect(record.bound).toBeNull();
  });

  it('reports no speed for a case that failed its check, even with every peak known', () => {
    const outcome = { ...okOutcome([1, 1, 1]), status: 'incorrect' as const };
    const record = caseRecord(naive, shape, naive.defaultParams, 'benchmark', outcome, { measured: { computeGflops: 10, computeCaseId: 'x', bandwidthGbPerS: 10 }, reference: h100 });
    expect(record.gflops).toBeNull();
    expect(record.gbPerS).toBeNull();
    expect(record.mfu).toBeNull();
    expect(record.fractionOfMeasuredPeak).toBeNull();
    expect(record.fractionOfMeasuredBandwidth).toBeNull();
  });
});

describe('applyPeaks', () => {
  it('takes MFU against the reference f32 peak and the roofline from its bandwidth', () => {
    const record = caseRecord(naive, shape, naive.defaultParams, 'benchmark', okOutcome([1, 1, 1, 1, 1, 1]), {
      measured: { computeGflops: 10, computeCaseId: 'x', bandwidthGbPerS: 1 },
      reference: h100,
    });
    expect(record.mfu).toBeCloseTo(0.524288 / 66_900, 12);
    expect(record.fractionOfMeasuredPeak).toBeCloseTo(0.0524288, 12);
    expect(record.fractionOfMeasuredBandwidth).toBeCloseTo(0.049152, 12);
    // Intensity 10.67 FLOP/B is below H100's ridge (66.9e12 / 3.35e12 = 20 FLOP/B): memory-bound.
    expect(record.bound).toBe('memory');
  });

  it('gives no roofline verdict without both a peak and a bandwidth', () => {
    const measuredComputeOnly = caseRecord(naive, shape, naive.defaultParams, 'benchmark', okOutcome([1, 1, 1, 1, 1, 1]), { measured: { computeGflops: 10, computeCaseId: 'x' }, reference: null });
    expect(measuredComputeOnly.bound).toBeNull();
    expect(measuredComputeOnly.fractionOfMeasuredPeak).toBeCloseTo(0.0524288, 12);
    expect(measuredComputeOnly.fractionOfMeasuredBandwidth).toBeNull();
    const referenceWithoutPeak = caseRecord(naive, shape, naive.defaultParams, 'benchmark', okOutcome([1, 1, 1, 1, 1, 1]), { measured: { computeGflops: null, computeCaseId: null }, reference: { ...h100, fp32Tflops: null } });
    expect(referenceWithoutPeak.bound).toBeNull();
    expect(referenceWithoutPeak.mfu).toBeNull();
  });

  it('falls back to the measured roofline when the reference has no bandwidth', () => {
    const record = caseRecord(naive, shape, naive.defaultParams, 'benchmark', okOutcome([1, 1, 1, 1, 1, 1]), noPeaks);
    // Measured ridge 10 GFLOP/s / 10 GB/s = 1 FLOP/B, below the case's 10.67: compute-bound.
    applyPeaks(record, { measured: { computeGflops: 10, computeCaseId: 'x', bandwidthGbPerS: 10 }, reference: { ...h100, bandwidthGbPerS: null } });
    expect(record.bound).toBe('compute');
    expect(record.mfu).toBeCloseTo(0.524288 / 66_900, 12);
  });
});
