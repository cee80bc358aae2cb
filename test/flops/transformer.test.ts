import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { gemmFlops } from '../../src/flops/gemm.js';
import {
  decodeStepGemvs,
  transformerForwardFlops,
  transformerLayerForwardFlops,
  transformerLayerGemms,
  transformerLayerParams,
  transformerLayerParamsExact,
  transformerParams,
  transformerParamsExact,
  transformerTrainingFlops,
} from '../../src/flops/transformer.js';

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

// BERT-base (Devlin et al. 2018) and GPT-2 small (Radford et al. 2019) share H=768, 12 layers,
// 12 heads; GPT-2 has vocab 50,257 and 1,024 positions.
const H = 768;

describe('transformer parameters', () => {
  it('12H^2 per layer: BERT-base 12 x 768^2 = 7,077,888', () => {
    expect(transformerLayerParams({ hidden: H })).toBe(7_077_888);
    // mlpRatio 2: 4H^2 + 4H^2 = 8H^2
    expect(transformerLayerParams({ hidden: 10, mlpRatio: 2 })).toBe(800);
  });

  it('exact per layer with biases and layernorms: 12H^2 + 13H = 7,087,872', () => {
    // 7,077,888 + 13 x 768 = 7,077,888 + 9,984 (the per-layer count of BERT-base and GPT-2 small)
    expect(transformerLayerParamsExact({ hidden: H })).toBe(7_087_872);
  });

  it('model totals: layers and embedding V x H', () => {
    // GPT-2 small without biases: 12 x 7,077,888 = 84,934,656; wte 50,257 x 768 = 38,597,376
    expect(transformerParams({ hidden: H, layers: 12, vocab: 50_257 })).toEqual({
      perLayer: 7_077_888,
      layers: 84_934_656,
      embedding: 38_597_376,
      total: 123_532_032,
    });
    expect(transformerParams({ hidden: H, layers: 12 }).embedding).toBe(0);
  });

  it('exact GPT-2 small: 124,439,808 parameters (the count Hugging Face GPT2Model reports)', () => {
    // 12 x 7,087,872 + (50,257 + 1,024) x 768 + 2 x 768 = 85,054,464 + 39,383,808 + 1,536
    expect(transformerParamsExact({ hidden: H, layers: 12, vocab: 50_257, positions: 1_024 })).toBe(124_439_808);
    // Without learned positions: 1,024 x 768 = 786,432 fewer.
    expect(transformerParamsExact({ hidden: H, layers: 12, vocab: 50_257 })).toBe(123_653_376);
  });
});

describe('transformer FLOPs', () => {
  it('forward per layer 2B(12LH^2 + 2L^2H): BERT-base at L=512, B=1', () => {
    // 2 x (12 x 512 x 589,824 + 2 x 512^2 x 768) = 2 x (3,623,878,656 + 402,653,184)
    expect(transformerLayerForwardFlops({ hidden: H, seq: 512, batch: 1 })).toBe(8_053_063_680);
    expect(transformerLayerForwardFlops({ hidden: H, seq: 512, batch: 4 })).toBe(4 * 8_053_063_680);
    // tiny case by hand, H=2, L=3, B=1: 2 x (12*3*4 + 2*9*2) = 2 x (144 + 36)
    expect(transformerLayerForwardFlops({ hidden: 2, seq: 3, batch: 1 })).toBe(360);
  });

  it('model forward: layers plus the LM head 2BLHV on its own line', () => {
    // GPT-2 small, L=1024, B=1: per layer 2 x (12*1024*589,824 + 2*1024^2*768)
    //   = 2 x (7,247,757,312 + 1,610,612,736) = 17,716,740,096; LM head 2*1024*768*50,257
    const forward = transformerForwardFlops({ hidden: H, layers: 12, seq: 1024, batch: 1, vocab: 50_257 });
    expect(forward).toEqual({
      perLayer: 17_716_740_096,
      layers: 212_600_881_152,
      lmHead: 79_047_426_048,
      total: 291_648_307_200,
    });
    expect(transformerForwardFlops({ hidden: H, layers: 12, seq: 1024, batch: 1 }).lmHead).toBe(0);
    // Batch 2 doubles the LM head too: 2 x 2 x 1024 x 768 x 50,257.
    expect(transformerForwardFlops({ hidden: H, layers: 12, seq: 1024, batch: 2, vocab: 50_257 }).lmHead).toBe(
      158_094_852_096,
    );
  });

  it('training is 3 x forward', () => {
    expect(transformerTrainingFlops({ hidden: H, layers: 12, seq: 1024, batch: 1, vocab: 50_257 })).toBe(
      874_944_921_600,
    );
  });
});

describe('transformerLayerGemms', () => {
  it('lists the six GEMMs of domain.md for BERT-base, B=8, L=512', () => {
    // d = 768 / 12 = 64; BL = 4096; per-head batch 8 x 12 = 96
    expect(transformerLayerGemms({ hidden: H, heads: 12, seq: 512, batch: 8 })).toEqual([
      { name: 'qkv', m: 4096, n: 2304, k: 768, batch: 1 },
      { name: 'scores', m: 512, n: 512, k: 64, batch: 96 },
      { name: 'context', m: 512, n: 64, k: 512, batch: 96 },
      { name: 'output', m: 4096, n: 768, k: 768, batch: 1 },
      { name: 'mlpUp', m: 4096, n: 3072, k: 768, batch: 1 },
      { name: 'mlpDown', m: 4096, n: 768, k: 3072, batch: 1 },
    ]);
  });

  it('sum of their FLOPs equals the per-layer forward formula exactly', () => {
    const cases = [
      { hidden: H, heads: 12, seq: 512, batch: 8 },
      { hidden: H, heads: 12, seq: 1024, batch: 1 },
      { hidden: 4096, heads: 32, seq: 2048, batch: 2 },
      { hidden: 12, heads: 3, seq: 5, batch: 7, mlpRatio: 2.5 },
    ];
    for (const run of cases) {
      expect(sum(transformerLayerGemms(run).map(gemmFlops))).toBe(transformerLayerForwardFlops(run));
    }
    expect(sum(transformerLayerGemms({ hidden: H, heads: 12, seq: 512, batch: 1 }).map(gemmFlops))).toBe(8_053_063_680);
  });

  it('refuses heads that do not divide hidden and MLP widths that are not whole', () => {
    expect(() => transformerLayerGemms({ hidden: 768, heads: 7, seq: 8, batch: 1 })).toThrow(
      'heads must divide hidden, got hidden 768 and heads 7',
    );
    expect(() => transformerLayerGemms({ hidden: 10, heads: 2, seq: 8, batch: 1, mlpRatio: 0.25 })).toThrow(
      'mlpRatio x hidden must be a whole number',
    );
    expect(() => transformerLayerForwardFlops({ hidden: H, seq: 0, batch: 1 })).toThrow(
      'seq must be an integer >= 1, got 0',
    );
    expect(() => transformerParams({ hidden: H, layers: -1 })).toThrow(UsageError);
  });
});

describe('decodeStepGemvs', () => {
  it('turns each weight matrix into a GEMV (N=1) and attends over the KV cache per head', () => {
    expect(decodeStepGemvs({ hidden: H, heads: 12, kvLength: 1024 })).toEqual([
      { name: 'qkv', m: 2304, n: 1, k: 768, batch: 1 },
      { name: 'scores', m: 1024, n: 1, k: 64, batch: 12 },
      { name: 'context', m: 64, n: 1, k: 1024, batch: 12 },
      { name: 'output', m: 768, n: 1, k: 768, batch: 1 },
      { name: 'mlpUp', m: 3072, n: 1, k: 768, batch: 1 },
      { name: 'mlpDown', m: 768, n: 1, k: 3072, batch: 1 },
    ]);
  });

  it('FLOPs per layer are 2 x (12H^2 + 2 x kvLength x H)', () => {
    // GPT-2 small, cache of 1024: 2 x (7,077,888 + 1,572,864)
    expect(sum(decodeStepGemvs({ hidden: H, heads: 12, kvLength: 1024 }).map(gemmFlops))).toBe(17_301_504);
    // H=4, 2 heads, cache of 3, by hand: 2 x (12 x 16 + 2 x 3 x 4) = 2 x (192 + 24)
    expect(sum(decodeStepGemvs({ hidden: 4, heads: 2, kvLength: 3 }).map(gemmFlops))).toBe(432);
  });

  it('refuses an empty cache', () => {
    expect(() => decodeStepGemvs({ hidden: H, heads: 12, kvLength: 0 })).toThrow(
      'kvLength must be an integer >= 1, got 0',
    );
  });
});
