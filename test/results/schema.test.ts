/** The results schema: what a file must hold, round-tripped whole, and what it refuses field by field. */
import { describe, expect, it } from 'vitest';
import { getKernel } from '../../src/kernels/index.js';
import { caseRecord } from '../../src/results/derive.js';
import {
  AbCaseSchema,
  AbSchema,
  AbSideSchema,
  CaseRecordSchema,
  ReferencePeaksSchema,
  ResultsSchema,
  RunEnvironmentSchema,
  TuneInfoSchema,
  type Results,
} from '../../src/results/schema.js';
import { emptyResults, okOutcome } from '../helpers/results.js';

const naive = getKernel('matmul-naive');
const noPeaks = { measured: { computeGflops: null, computeCaseId: null }, reference: null };

/** A results file using every optional part: a staged timing, a workload case, tune and workload summaries. */
function fullResults(): Results {
  const record = caseRecord(naive, naive.shapeFromSize(64), naive.defaultParams, 'benchmark', okOutcome([1, 1, 1, 1, 1, 1], { stages: [{ name: 'gemm', samplesMs: [1, 1, 1, 1, 1, 1] }], roundMedians: [1, 1.1] }), noPeaks);
  const results = emptyResults();
  results.peaks.reference = { name: 'NVIDIA H100 SXM5', origin: 'vendor-table', matchedBy: '--gpu h100', fp32Tflops: 66.9, fp16Tflops: 133.8, tensorFp16Tflops: 989.4, bandwidthGbPerS: 3350, boostClockMhz: 1980, source: 'test', estimate: false };
  results.cases = [{ ...record, bound: 'memory', workload: { name: 'bert-base', layer: 'seq128.qkv', repeat: 12 } }];
  results.tune = { kernel: 'matmul-naive', strategy: 'grid', budget: null, spaceSize: 20, best: [{ shape: { m: 64 }, shapeLabel: '64x64x64', params: { WG_X: 16 }, gflops: 0.5, fractionOfMeasuredPeak: null, caseId: record.id }] };
  results.workloads = [{ name: 'bert-base', description: 'BERT', scale: 1, layers: [{ layer: 'seq128.qkv', caseId: record.id, kernel: 'matmul-naive', repeat: 12, medianMs: 1, flops: 524_288 }], flops: 6_291_456, totalMs: 12, gflops: 0.524288, fractionOfMeasuredPeak: null, mfu: null }];
  return results;
}

describe('ResultsSchema', () => {
  it('keeps every field of a full file, nested ones included', () => {
    const results = fullResults();
    expect(ResultsSchema.parse(JSON.parse(JSON.stringify(results)))).toEqual(results);
  });

  it('takes each value of its enums and refuses others', () => {
    const record = fullResults().cases[0]!;
    for (const role of ['benchmark', 'peak']) expect(CaseRecordSchema.safeParse({ ...record, role }).success, role).toBe(true);
    for (const metric of ['flops', 'bandwidth']) expect(CaseRecordSchema.safeParse({ ...record, metric }).success, metric).toBe(true);
    for (const bound of ['compute', 'memory', null]) expect(CaseRecordSchema.safeParse({ ...record, bound }).success, String(bound)).toBe(true);
    for (const bad of [{ role: 'baseline' }, { metric: 'latency' }, { bound: 'latency' }, { workload: { name: 'w', layer: 'l', repeat: 0 } }, { workload: { name: 'w', repeat: 1 } }]) {
      expect(CaseRecordSchema.safeParse({ ...record, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
    const reference = fullResults().peaks.reference!;
    for (const origin of ['vendor-table', 'command-line', 'cpu-estimate']) expect(ReferencePeaksSchema.safeParse({ ...reference, origin }).success, origin).toBe(true);
    expect(ReferencePeaksSchema.safeParse({ ...reference, origin: 'guess' }).success).toBe(false);
    const tune = fullResults().tune!;
    for (const strategy of ['grid', 'search']) expect(TuneInfoSchema.safeParse({ ...tune, strategy }).success, strategy).toBe(true);
    expect(TuneInfoSchema.safeParse({ ...tune, strategy: 'random' }).success).toBe(false);
  });

  it('refuses a tune best or a workload layer missing a field', () => {
    const results = fullResults();
    const { caseId: _caseId, ...bestWithoutId } = results.tune!.best[0]!;
    expect(ResultsSchema.safeParse({ ...results, tune: { ...results.tune, best: [bestWithoutId] } }).success).toBe(false);
    const { medianMs: _medianMs, ...layerWithoutTime } = results.workloads![0]!.layers[0]!;
    expect(ResultsSchema.safeParse({ ...results, workloads: [{ ...results.workloads![0], layers: [layerWithoutTime] }] }).success).toBe(false);
    const { totalMs: _totalMs, ...workloadWithoutTotal } = results.workloads![0]!;
    expect(ResultsSchema.safeParse({ ...results, workloads: [workloadWithoutTotal] }).success).toBe(false);
    const stages = [{ name: 'gemm', medianMs: 1, ci95Ms: [1, 1, 1], sampleCount: 6 }];
    expect(CaseRecordSchema.safeParse({ ...results.cases[0], timing: { ...results.cases[0]!.timing, stages } }).success).toBe(false);
  });

  it('takes an A/B section and the newer fields of the environment, and refuses values outside their enums', () => {
    const results = fullResults();
    const record = results.cases[0]!;
    const side = { label: 'working tree', origin: 'working-tree' as const };
    const abCase = {
      kernel: 'matmul-naive',
      shape: { m: 64 },
      shapeLabel: '64x64x64',
      baseId: `${record.id}@base`,
      candidateId: `${record.id}@candidate`,
      ratios: [1.01, 0.99],
      ratio: 1,
      ci95: [0.99, 1.01] as [number, number],
      relHalfWidth: 0.01,
      pValue: 0.5,
      verdict: 'unchanged' as const,
      codeChanged: false,
    };
    const ab = { threshold: 0.05, confidence: 0.95, base: side, candidate: side, cases: [abCase], regressions: 0 };
    const withAb = { ...results, ab, cases: [{ ...record, side: 'base' as const }, { ...record, side: 'candidate' as const }] };
    expect(ResultsSchema.parse(JSON.parse(JSON.stringify(withAb)))).toEqual(withAb);
    for (const origin of ['working-tree', 'revision', 'directory', 'params'])
      expect(AbSideSchema.safeParse({ ...side, origin }).success, origin).toBe(true);
    expect(AbSideSchema.safeParse({ ...side, origin: 'branch' }).success).toBe(false);
    expect(AbSideSchema.safeParse({ origin: 'params' }).success).toBe(false);
    for (const verdict of ['faster', 'slower', 'unchanged', 'ambiguous', 'failed'])
      expect(AbCaseSchema.safeParse({ ...abCase, verdict }).success, verdict).toBe(true);
    expect(AbCaseSchema.safeParse({ ...abCase, verdict: 'better' }).success).toBe(false);
    expect(AbCaseSchema.safeParse({ ...abCase, ci95: [1] }).success).toBe(false);
    expect(AbCaseSchema.safeParse({ ...abCase, codeChanged: undefined }).success).toBe(false);
    expect(AbSchema.safeParse({ ...ab, cases: undefined }).success).toBe(false);
    for (const sideName of ['base', 'candidate'])
      expect(CaseRecordSchema.safeParse({ ...record, side: sideName }).success, sideName).toBe(true);
    expect(CaseRecordSchema.safeParse({ ...record, side: 'left' }).success).toBe(false);
    expect(CaseRecordSchema.safeParse({ ...record, error: 'shader-compile' }).success).toBe(true);
    expect(CaseRecordSchema.safeParse({ ...record, error: 'typo' }).success).toBe(false);

    const env = results.env;
    const browser = { ...env.browser, name: 'Firefox', webgpu: 'wgpu', prefs: { 'dom.webgpu.enabled': true, depth: 2, mode: 'x' } };
    for (const protocol of ['cdp', 'webdriver-bidi'])
      expect(RunEnvironmentSchema.safeParse({ ...env, browser: { ...browser, protocol } }).success, protocol).toBe(true);
    expect(RunEnvironmentSchema.safeParse({ ...env, browser: { ...browser, protocol: 'marionette' } }).success).toBe(false);
    expect(RunEnvironmentSchema.safeParse({ ...env, browser: { ...browser, prefs: { a: null } } }).success).toBe(false);
    const inferred = { name: 'lavapipe', software: true, how: 'the only CPU Vulkan driver' };
    expect(RunEnvironmentSchema.safeParse({ ...env, adapterInferred: inferred }).success).toBe(true);
    expect(RunEnvironmentSchema.safeParse({ ...env, adapterInferred: { name: 'lavapipe' } }).success).toBe(false);
    for (const reportedBy of ['harness', 'browser'])
      expect(RunEnvironmentSchema.safeParse({ ...env, host: { ...env.host, reportedBy } }).success, reportedBy).toBe(true);
    expect(RunEnvironmentSchema.safeParse({ ...env, host: { ...env.host, reportedBy: 'user' } }).success).toBe(false);
  });
});
