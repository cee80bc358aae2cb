/** Every estimate against values computed by hand from ../shared/domain.md. */
import { describe, expect, it } from 'vitest';
import {
  chinchillaEstimate,
  convEstimate,
  inferenceEstimate,
  memoryEstimate,
  trainingEstimate,
  transformerEstimate,
} from '../../src/flops/estimate.js';

describe('trainingEstimate', () => {
  it('is 6ND at the given MFU, with GPU-hours and energy', () => {
    const e = trainingEstimate({
      params: 70e9,
      tokens: 1.4e12,
      gpus: 2048,
      peak: { peakTflops: 989, source: 'test' },
      mfu: { mfu: 0.4, source: '--mfu' },
      watts: 700,
      pue: 1.2,
    });
    // 6 x 70e9 x 1.4e12 = 5.88e23 FLOPs.
    expect(e.flops).toBeCloseTo(5.88e23, -18);
    // 2048 x 989e12 x 0.4 = 8.101888e17 FLOP/s; 5.88e23 / 8.101888e17 = 725,756.76 s = 8.39996 days.
    expect(e.seconds).toBeCloseTo(725_756.76, 1);
    expect(e.days).toBeCloseTo(8.39996, 5);
    // 725,756.76 s = 201.5991 h; x 2048 GPUs = 412,874.96 GPU-hours.
    expect(e.gpuHours).toBeCloseTo(412_874.96, 1);
    // 700 W x 412,874.96 GPU-hours x PUE 1.2 = 346,814,966 Wh = 346,814.96 kWh.
    expect(e.energy!.kwh).toBeCloseTo(346_814.96, 1);
    expect(e.atMeasuredMfu).toBeNull();
  });

  it('defaults to MFU 1.0 and adds the measured MFU when given', () => {
    const e = trainingEstimate({
      params: 1e9,
      tokens: 20e9,
      gpus: 1,
      peak: { peakTflops: 100, source: 'test' },
      measured: { mfu: 0.5, source: 'run.json' },
    });
    // 6 x 1e9 x 20e9 = 1.2e20 FLOPs at 1e14 FLOP/s = 1.2e6 s; at MFU 0.5, 2.4e6 s.
    expect(e.mfu).toBe(1);
    expect(e.mfuSource).toBe('none given: 1.0, the bound no run reaches');
    expect(e.atMeasuredMfu).toMatchObject({ mfu: 0.5, source: 'run.json' });
    expect(e.seconds).toBeCloseTo(1.2e6, 6);
    expect(e.atMeasuredMfu!.seconds).toBeCloseTo(2.4e6, 6);
  });
});

describe('memoryEstimate', () => {
  it('is 16 bytes per parameter without ZeRO and 16/N with stage 3', () => {
    expect(memoryEstimate({ params: 7e9, zeroStage: 0, gpus: 1 }).bytesPerDevice).toBe(112e9);
    // ZeRO-3 over 8: 16 / 8 = 2 bytes per parameter: 14 GB.
    expect(memoryEstimate({ params: 7e9, zeroStage: 3, gpus: 8 }).bytesPerDevice).toBeCloseTo(14e9, 0);
  });

  it('adds activations s*b*h*(34 + 5*a*s/h) per layer', () => {
    const e = memoryEstimate({
      params: 7e9,
      zeroStage: 3,
      gpus: 8,
      activations: { layers: 32, hidden: 4096, seq: 2048, batch: 1, heads: 32 },
    });
    // 2048 x 1 x 4096 x (34 + 5 x 32 x 2048 / 4096) = 8,388,608 x 114 = 956,301,312 B per layer; x 32.
    // 32 x 956,301,312 = 30,601,641,984 B; plus 14e9 B of ZeRO-3 states = 44,601,641,984 B.
    expect(e.activationBytes).toBe(30_601_641_984);
    expect(e.totalBytesPerDevice).toBeCloseTo(44_601_641_984, 0);
  });
});

describe('inferenceEstimate', () => {
  it('is bandwidth / (N x bytes per parameter)', () => {
    // 3350e9 B/s / (7e9 x 2 B) = 239.2857 tokens/s.
    const e = inferenceEstimate({ params: 7e9, bandwidthGbPerS: 3350, bytesPerParam: 2 });
    expect(e.tokensPerSecond).toBeCloseTo(239.2857, 4);
    expect(e.bytesPerToken).toBe(14e9);
    // 1000 ms / 239.2857 tokens = 4.1791 ms per token.
    expect(e.msPerToken).toBeCloseTo(4.1791, 4);
  });
});

describe('convEstimate', () => {
  it("gives AlexNet conv1's output, weights, MACs and im2col shape", () => {
    const e = convEstimate({
      batch: 1,
      height: 227,
      width: 227,
      channels: 3,
      filters: 96,
      kernelH: 11,
      kernelW: 11,
      strideH: 4,
      strideW: 4,
    });
    // E = floor((227 - 11) / 4) + 1 = 55.
    expect(e.input).toEqual([227, 227, 3]);
    expect(e.batch).toBe(1);
    expect(e.output).toEqual([55, 55, 96]);
    // 11 x 11 x 3 x 96 = 34,848 weights (no bias).
    expect(e.params).toBe(34_848);
    // 55 x 55 x 96 outputs x 363 MACs each = 105,415,200 MACs; FLOPs = 2 x MACs.
    expect(e.macs).toBe(105_415_200);
    expect(e.flops).toBe(210_830_400);
    // im2col: 363 x 3025 per image; GEMM [3025 x 363] x [363 x 96].
    expect(e.im2col).toMatchObject({ rows: 363, cols: 3025, elements: 1_098_075, bytes: 4_392_300 });
    expect(e.gemm).toMatchObject({ m: 3025, n: 96, k: 363 });
  });
});

describe('transformerEstimate', () => {
  it('gives parameters and FLOPs of BERT-base-sized layers', () => {
    const e = transformerEstimate({ hidden: 768, seq: 512, layers: 12, batch: 1 });
    // 12 H^2 = 12 x 589,824 = 7,077,888 parameters per layer.
    expect(e.paramsPerLayer).toBe(7_077_888);
    // 2 x (12 x 512 x 768^2 + 2 x 512^2 x 768) = 2 x (3,623,878,656 + 402,653,184) = 8,053,063,680.
    expect(e.forwardFlopsPerLayer).toBe(8_053_063_680);
    // x 12 layers = 96,636,764,160; training = 3 x forward (backward is twice forward) = 289,910,292,480.
    expect(e.forwardFlops).toBe(96_636_764_160);
    expect(e.trainingFlops).toBe(289_910_292_480);
  });

  it('adds the embedding and the LM head when a vocabulary is given (GPT-2 small sized, V = 50,257)', () => {
    const without = transformerEstimate({ hidden: 768, seq: 1024, layers: 12, batch: 1 });
    expect(without.vocab).toBeNull();
    const e = transformerEstimate({ hidden: 768, seq: 1024, layers: 12, batch: 1, vocab: 50_257 });
    expect(e.vocab).toBe(50_257);
    // Embedding 50,257 x 768 = 38,597,376 on top of 12 x 7,077,888 = 84,934,656: 123,532,032.
    expect(e.params).toBe(123_532_032);
    expect(without.params).toBe(84_934_656);
    // LM head: 2 x 1 x 1024 x 768 x 50,257 = 79,047,426,048 FLOPs more than without.
    expect(e.forwardFlops - without.forwardFlops).toBe(79_047_426_048);
    expect(e.trainingFlops).toBe(3 * e.forwardFlops);
  });
});

describe('chinchillaEstimate', () => {
  it('gives 20 tokens per parameter, and N = sqrt(C / 120) for a budget', () => {
    // 20 x 70e9 = 1.4e12 tokens; 6 x 70e9 x 1.4e12 = 5.88e23 FLOPs.
    expect(chinchillaEstimate({ params: 70e9 })).toMatchObject({ tokens: 1.4e12, flops: 5.88e23, from: 'params' });
    const split = chinchillaEstimate({ flops: 5.88e23 });
    // sqrt(5.88e23 / 120) = sqrt(4.9e21) = 7e10.
    expect(split.params).toBeCloseTo(7e10, -2);
    expect(split.tokens).toBeCloseTo(1.4e12, -4);
    expect(split.flops).toBe(5.88e23);
    expect(split.from).toBe('flops');
  });
});
