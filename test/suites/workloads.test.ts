import { describe, expect, it } from 'vitest';
import { scaleCount, WORKLOADS } from '../../src/suites/workloads.js';
import { gemmFlops } from '../../src/flops/gemm.js';
import { findWorkload, planWorkload } from '../../src/measure/plan.js';
import { summarizeWorkloads } from '../../src/results/workloads.js';
import { getKernel } from '../../src/kernels/index.js';
import { caseRecord } from '../../src/results/derive.js';
import { okOutcome } from '../helpers/results.js';

const bert = findWorkload('bert-base')!;

describe('workload shapes', () => {
  it("are BERT-base's GEMMs at full scale", () => {
    const layers = bert.layers(1).filter((l) => l.label.startsWith('seq128.'));
    const qkv = layers.find((l) => l.label === 'seq128.qkv')!;
    // QKV: [128 x 768] x [768 x 2304]: 2 x 128 x 768 x 2304 = 452,984,832 FLOPs, x12 layers.
    expect(qkv.shape).toEqual({ batch: 1, m: 128, n: 2304, k: 768 });
    expect(gemmFlops({ m: 128, n: 2304, k: 768, batch: 1 })).toBe(452_984_832);
    expect(qkv.repeat).toBe(12);
    // Scores per head: [128 x 64] x [64 x 128], 12 heads batched.
    expect(layers.find((l) => l.label === 'seq128.scores')!.shape).toEqual({ batch: 12, m: 128, n: 128, k: 64 });
    // The six GEMMs sum to 2 x (12 L H^2 + 2 L^2 H) = 2 x (905,969,664 + 25,165,824) = 1,862,270,976.
    expect(layers.reduce((sum, l) => sum + gemmFlops(l.shape as never), 0)).toBe(1_862_270_976);
  });

  it("has AlexNet's conv1 at full scale", () => {
    const conv1 = findWorkload('alexnet')!.layers(1)[0]!;
    expect(conv1.shape).toMatchObject({
      height: 227,
      width: 227,
      channels: 3,
      filters: 96,
      kernelH: 11,
      stride: 4,
      pad: 0,
    });
  });

  it('scales widths to a multiple of the heads and keeps every size positive', () => {
    expect(scaleCount(768, 0.25, 48)).toBe(192);
    expect(scaleCount(3, 0.1)).toBe(1);
    for (const workload of WORKLOADS) {
      for (const layer of workload.layers(0.05)) {
        const { pad = 0, ...sizes } = layer.shape;
        expect(Object.values(sizes).every((v) => v >= 1) && pad >= 0, `${workload.name} ${layer.label}`).toBe(true);
      }
    }
  });
});

describe('planWorkload', () => {
  it('runs GEMM layers on the fastest matmul the adapter supports', () => {
    expect(planWorkload(bert, ['subgroups'], 0.25)[0]!.kernel.name).toBe('matmul-subgroup');
    expect(planWorkload(bert, [], 0.25)[0]!.kernel.name).toBe('matmul-blocked');
    expect(planWorkload(bert, [], 0.25)[0]!.workload).toEqual({ name: 'bert-base', layer: 'seq128.qkv', repeat: 12 });
  });
});

describe('summarizeWorkloads', () => {
  it('sums repeat x median time and repeat x FLOPs', () => {
    const naive = getKernel('matmul-naive');
    const peaks = { measured: { computeGflops: 10, computeCaseId: 'x' }, reference: null };
    const a = {
      ...caseRecord(
        naive,
        naive.shapeFromSize(64),
        naive.defaultParams,
        'benchmark',
        okOutcome(Array(6).fill(1)),
        peaks,
      ),
      workload: { name: 'w', layer: 'a', repeat: 3 },
    };
    const b = {
      ...caseRecord(
        naive,
        naive.shapeFromSize(32),
        naive.defaultParams,
        'benchmark',
        okOutcome(Array(6).fill(0.5)),
        peaks,
      ),
      workload: { name: 'w', layer: 'b', repeat: 2 },
    };
    const [summary] = summarizeWorkloads([{ name: 'w', description: 'test', scale: 1 }], [a, b], peaks);
    // 3 x 1 ms + 2 x 0.5 ms = 4 ms; 3 x 524,288 + 2 x 65,536 = 1,703,936 FLOPs; / 4 ms = 0.425984 GFLOP/s.
    expect(summary!.totalMs).toBe(4);
    expect(summary!.flops).toBe(1_703_936);
    expect(summary!.gflops).toBeCloseTo(0.425984, 9);
    expect(summary!.fractionOfMeasuredPeak).toBeCloseTo(0.0425984, 9);
    expect(summary!.mfu).toBeNull();
  });

  it('gives no time when a layer failed', () => {
    const naive = getKernel('matmul-naive');
    const peaks = { measured: { computeGflops: null, computeCaseId: null }, reference: null };
    const failed = {
      ...caseRecord(
        naive,
        naive.shapeFromSize(64),
        naive.defaultParams,
        'benchmark',
        { status: 'error' as const, message: 'x', correctness: null, timing: null },
        peaks,
      ),
      workload: { name: 'w', layer: 'a', repeat: 1 },
    };
    expect(summarizeWorkloads([{ name: 'w', description: '', scale: 1 }], [failed], peaks)[0]).toMatchObject({
      totalMs: null,
      gflops: null,
    });
  });
});
