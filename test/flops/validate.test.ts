import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  requireFraction,
  requireNonNegative,
  requireNonNegativeInteger,
  requirePositive,
  requirePositiveInteger,
} from '../../src/flops/validate.js';
import { copyBytes, gemvBytes, gemvFlops } from '../../src/flops/bandwidth.js';
import { chinchillaOptimal, chinchillaTokens } from '../../src/flops/chinchilla.js';
import { convBytes, convOutputShape, convOutputSize, im2colShape } from '../../src/flops/conv.js';
import { inferenceEstimate, trainingEstimate } from '../../src/flops/estimate.js';
import { gemmBytes, gemmFlops } from '../../src/flops/gemm.js';
import { decodeTokensPerSecond } from '../../src/flops/inference.js';
import { activationBytes, activationBytesPerLayer, modelStateMemory } from '../../src/flops/memory.js';
import { achievedFlopsPerS, mfu } from '../../src/flops/mfu.js';
import { cpuPeakFlopsPerS, vendorPeakFlopsPerS } from '../../src/flops/peak.js';
import { arithmeticIntensity, boundBy, ridgePoint, rooflineAttainable } from '../../src/flops/roofline.js';
import { energy, trainingFlops, trainingTime } from '../../src/flops/training.js';
import {
  decodeStepGemvs,
  transformerForwardFlops,
  transformerLayerForwardFlops,
  transformerLayerGemms,
  transformerLayerParams,
  transformerParams,
  transformerParamsExact,
} from '../../src/flops/transformer.js';
import { formatSi } from '../../src/report/numbers.js';

describe('validate', () => {
  it('returns good values unchanged', () => {
    expect(requirePositive('x', 0.5)).toBe(0.5);
    expect(requireNonNegative('x', 0)).toBe(0);
    expect(requirePositiveInteger('x', 7)).toBe(7);
    expect(requireNonNegativeInteger('x', 0)).toBe(0);
    expect(requireFraction('x', 1)).toBe(1);
  });

  it('throws a UsageError naming the parameter, what is valid and what it got', () => {
    expect(() => requirePositive('hidden', 0)).toThrow(UsageError);
    expect(() => requirePositive('hidden', 0)).toThrow('hidden must be a finite number > 0, got 0');
    expect(() => requirePositive('x', Number.NaN)).toThrow('got NaN');
    expect(() => requirePositive('x', Number.POSITIVE_INFINITY)).toThrow('got Infinity');
    expect(() => requireNonNegative('bytes', -1)).toThrow('bytes must be a finite number >= 0, got -1');
    expect(() => requirePositiveInteger('seq', 2.5)).toThrow('seq must be an integer >= 1, got 2.5');
    expect(() => requirePositiveInteger('seq', 0)).toThrow(UsageError);
    expect(() => requireNonNegativeInteger('padding', -1)).toThrow('padding must be an integer >= 0, got -1');
    expect(() => requireFraction('mfu', 40)).toThrow('mfu must be a fraction in (0, 1]');
    expect(() => requireFraction('mfu', 0)).toThrow(UsageError);
  });

  it('refuses NaN and infinities everywhere, fractions where an integer is wanted', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => requireNonNegative('x', bad)).toThrow(`x must be a finite number >= 0, got ${bad}`);
      expect(() => requireNonNegativeInteger('x', bad)).toThrow(`x must be an integer >= 0, got ${bad}`);
      expect(() => requirePositiveInteger('x', bad)).toThrow(`x must be an integer >= 1, got ${bad}`);
      expect(() => requireFraction('x', bad)).toThrow('x must be a fraction in (0, 1] (e.g. 0.4 for 40%)');
    }
    expect(() => requireNonNegativeInteger('x', 1.5)).toThrow('got 1.5');
    // Beyond 2^53 integers are no longer exact in a double.
    expect(() => requirePositiveInteger('x', 2 ** 53)).toThrow('got 9007199254740992');
    expect(requirePositiveInteger('x', 2 ** 53 - 1)).toBe(9_007_199_254_740_991);
    expect(requireFraction('x', 1e-9)).toBe(1e-9);
  });

  it('refuses non-numbers that slip past the types (e.g. from JSON)', () => {
    expect(() => requirePositive('x', '5' as unknown as number)).toThrow('got 5');
    expect(() => requirePositiveInteger('x', null as unknown as number)).toThrow('got null');
  });
});

describe('every formula in src/flops names the argument it refuses', () => {
  // The message is what a CLI user reads: it must name the argument that was wrong, not another.
  const conv = { batch: 1, height: 8, width: 8, channels: 3, filters: 4, kernelH: 3, kernelW: 3 };
  const layer = { hidden: 64, seq: 16, batch: 1 };
  const cases: [string, () => unknown][] = [
    ['elements', () => copyBytes(0)],
    ['bytesPerElement', () => copyBytes(4, 0)],
    ['m', () => gemvFlops(0, 4)],
    ['n', () => gemvFlops(4, 0)],
    ['m', () => gemvBytes(0, 4)],
    ['n', () => gemvBytes(4, 0)],
    ['bytesPerElement', () => gemvBytes(4, 4, -1)],
    ['params', () => chinchillaTokens(0)],
    ['flops', () => chinchillaOptimal(0)],
    ['inputSize', () => convOutputSize(0, 3)],
    ['kernelSize', () => convOutputSize(8, 0)],
    ['stride', () => convOutputSize(8, 3, 0)],
    ['padding', () => convOutputSize(8, 3, 1, -1)],
    ['batch', () => convOutputShape({ ...conv, batch: 0 })],
    ['channels', () => convOutputShape({ ...conv, channels: 1.5 })],
    ['filters', () => convOutputShape({ ...conv, filters: 0 })],
    ['bytesPerElement', () => convBytes(conv, 0)],
    ['bytesPerElement', () => im2colShape(conv, 0)],
    ['m', () => gemmFlops({ m: 0, n: 1, k: 1 })],
    ['n', () => gemmFlops({ m: 1, n: 0, k: 1 })],
    ['k', () => gemmFlops({ m: 1, n: 1, k: 0 })],
    ['batch', () => gemmFlops({ m: 1, n: 1, k: 1, batch: 0 })],
    ['bytesPerElement', () => gemmBytes({ m: 1, n: 1, k: 1 }, 0)],
    ['params', () => decodeTokensPerSecond({ params: 0, bytesPerParam: 2, bandwidthBytesPerS: 1 })],
    ['bytesPerParam', () => decodeTokensPerSecond({ params: 1, bytesPerParam: 0, bandwidthBytesPerS: 1 })],
    ['bandwidthBytesPerS', () => decodeTokensPerSecond({ params: 1, bytesPerParam: 2, bandwidthBytesPerS: 0 })],
    ['params', () => modelStateMemory({ params: 0 })],
    ['devices', () => modelStateMemory({ params: 1, devices: 0 })],
    ['seq', () => activationBytesPerLayer({ seq: 0, batch: 1, hidden: 8, heads: 1 })],
    ['batch', () => activationBytesPerLayer({ seq: 1, batch: 0, hidden: 8, heads: 1 })],
    ['hidden', () => activationBytesPerLayer({ seq: 1, batch: 1, hidden: 0, heads: 1 })],
    ['heads', () => activationBytesPerLayer({ seq: 1, batch: 1, hidden: 8, heads: 0 })],
    ['layers', () => activationBytes({ seq: 1, batch: 1, hidden: 8, heads: 1, layers: 0 })],
    ['usefulFlops', () => achievedFlopsPerS(-1, 1)],
    ['seconds', () => achievedFlopsPerS(1, 0)],
    ['achievedFlopsPerS', () => mfu(-1, 1)],
    ['peakFlopsPerS', () => mfu(1, -1)],
    ['units', () => vendorPeakFlopsPerS({ units: 0, clockHz: 1, flopsPerUnitPerCycle: 2 })],
    ['clockHz', () => vendorPeakFlopsPerS({ units: 1, clockHz: 0, flopsPerUnitPerCycle: 2 })],
    ['flopsPerUnitPerCycle', () => vendorPeakFlopsPerS({ units: 1, clockHz: 1, flopsPerUnitPerCycle: 0 })],
    ['physicalCores', () => cpuPeakFlopsPerS({ physicalCores: 0, clockHz: 1, simdLanesF32: 8, fmaUnits: 2 })],
    ['simdLanesF32', () => cpuPeakFlopsPerS({ physicalCores: 1, clockHz: 1, simdLanesF32: 0, fmaUnits: 2 })],
    ['fmaUnits', () => cpuPeakFlopsPerS({ physicalCores: 1, clockHz: 1, simdLanesF32: 8, fmaUnits: 0 })],
    ['flops', () => arithmeticIntensity(-1, 1)],
    ['bytes', () => arithmeticIntensity(1, 0)],
    ['intensity', () => rooflineAttainable({ intensity: -1, peakFlopsPerS: 1, bandwidthBytesPerS: 1 })],
    ['peakFlopsPerS', () => rooflineAttainable({ intensity: 1, peakFlopsPerS: 0, bandwidthBytesPerS: 1 })],
    ['bandwidthBytesPerS', () => rooflineAttainable({ intensity: 1, peakFlopsPerS: 1, bandwidthBytesPerS: 0 })],
    ['peakFlopsPerS', () => ridgePoint(0, 1)],
    ['bandwidthBytesPerS', () => ridgePoint(1, 0)],
    ['intensity', () => boundBy(-1, 1, 1)],
    ['params', () => trainingFlops(0, 1)],
    ['tokens', () => trainingFlops(1, 0)],
    ['flops', () => trainingTime({ flops: 0, gpus: 1, gpuPeakFlopsPerS: 1, mfu: 1 })],
    ['gpus', () => trainingTime({ flops: 1, gpus: 0, gpuPeakFlopsPerS: 1, mfu: 1 })],
    ['gpuPeakFlopsPerS', () => trainingTime({ flops: 1, gpus: 1, gpuPeakFlopsPerS: 0, mfu: 1 })],
    ['mfu', () => trainingTime({ flops: 1, gpus: 1, gpuPeakFlopsPerS: 1, mfu: 2 })],
    ['gpuWatts', () => energy({ gpuWatts: 0, gpus: 1, hours: 1, pue: 1 })],
    ['gpus', () => energy({ gpuWatts: 1, gpus: 0, hours: 1, pue: 1 })],
    ['hours', () => energy({ gpuWatts: 1, gpus: 1, hours: 0, pue: 1 })],
    ['hidden', () => transformerLayerParams({ hidden: 0 })],
    ['mlpRatio', () => transformerLayerParams({ hidden: 8, mlpRatio: 0 })],
    ['seq', () => transformerLayerForwardFlops({ ...layer, seq: 0 })],
    ['batch', () => transformerLayerForwardFlops({ ...layer, batch: 0 })],
    ['heads', () => transformerLayerGemms({ ...layer, heads: 0 })],
    ['layers', () => transformerParams({ hidden: 8, layers: 0 })],
    ['vocab', () => transformerParams({ hidden: 8, layers: 1, vocab: 0 })],
    ['layers', () => transformerParamsExact({ hidden: 8, layers: 0, vocab: 10 })],
    ['vocab', () => transformerParamsExact({ hidden: 8, layers: 1, vocab: 0 })],
    ['positions', () => transformerParamsExact({ hidden: 8, layers: 1, vocab: 10, positions: 0 })],
    ['layers', () => transformerForwardFlops({ ...layer, layers: 0 })],
    ['vocab', () => transformerForwardFlops({ ...layer, layers: 1, vocab: 0 })],
    ['kvLength', () => decodeStepGemvs({ hidden: 8, heads: 2, kvLength: 0 })],
    ['peakTflops', () => trainingEstimate({ params: 1, tokens: 1, gpus: 1, peak: { peakTflops: 0, source: 'test' } })],
    [
      'mfu',
      () =>
        trainingEstimate({
          params: 1,
          tokens: 1,
          gpus: 1,
          peak: { peakTflops: 1, source: 'test' },
          mfu: { mfu: 0, source: 'test' },
        }),
    ],
    ['bandwidthGbPerS', () => inferenceEstimate({ params: 1, bandwidthGbPerS: 0, bytesPerParam: 2 })],
    ['sigFigs', () => formatSi(1, 'B', 1.5)],
  ];
  for (const [name, call] of cases) {
    it(`${name}: ${call.toString().replace(/^\(\) => /, '')}`, () => {
      expect(call).toThrow(UsageError);
      expect(call).toThrow(new RegExp(`^${name} must be `));
    });
  }
});
