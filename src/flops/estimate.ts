/**
 * The estimates of `flopscope estimate`, each a plain object assembled from the formulas of this
 * folder (no formula of its own): what a script gets with --json and what the text report shows.
 */
import { trainingFlops, trainingTime, energy, type Energy } from './training.js';
import { modelStateMemory, activationBytes, type ZeroStage, type ModelStateMemory } from './memory.js';
import { decodeTokensPerSecond } from './inference.js';
import { convFlops, convMacs, convOutputShape, convParams, im2colGemm, im2colShape, type Conv2dShape } from './conv.js';
import { transformerForwardFlops, transformerParams, transformerTrainingFlops } from './transformer.js';
import { chinchillaOptimal, chinchillaTokens } from './chinchilla.js';
import { requireFraction, requirePositive } from './validate.js';
import type { GemmShape } from './gemm.js';

/** The peak a training estimate divides by, and where it came from. */
export interface PeakSource {
  peakTflops: number;
  /** e.g. 'NVIDIA H100 SXM (src/specs, <url>)' or '--peak-tflops'. */
  source: string;
}

/** An MFU and where it came from. */
export interface MfuSource {
  mfu: number;
  source: string;
}

/** Wall time of training at one MFU. */
export interface TrainingAtMfu extends MfuSource {
  seconds: number;
  days: number;
  gpuHours: number;
  energy: Energy | null;
}

export interface TrainingEstimate {
  params: number;
  tokens: number;
  gpus: number;
  /** 6ND. */
  flops: number;
  peak: PeakSource;
  /** At the MFU given (--mfu, else 1.0: the bound no run reaches). */
  mfu: number;
  mfuSource: string;
  days: number;
  gpuHours: number;
  seconds: number;
  energy: Energy | null;
  /** At the MFU a results file measured (--from), when given. */
  atMeasuredMfu: TrainingAtMfu | null;
}

/** Training time, GPU-hours and energy of a 6ND run on `gpus` GPUs of `peak`. */
export function trainingEstimate(input: {
  params: number;
  tokens: number;
  gpus: number;
  peak: PeakSource;
  mfu?: MfuSource | undefined;
  measured?: MfuSource | undefined;
  watts?: number | undefined;
  pue?: number | undefined;
}): TrainingEstimate {
  const flops = trainingFlops(input.params, input.tokens);
  const peakFlopsPerS = requirePositive('peakTflops', input.peak.peakTflops) * 1e12;
  const at = (mfu: MfuSource): TrainingAtMfu => {
    requireFraction('mfu', mfu.mfu);
    const time = trainingTime({ flops, gpus: input.gpus, gpuPeakFlopsPerS: peakFlopsPerS, mfu: mfu.mfu });
    const used =
      input.watts === undefined
        ? null
        : energy({ gpuWatts: input.watts, gpus: input.gpus, hours: time.hours, pue: input.pue ?? 1 });
    return { ...mfu, seconds: time.seconds, days: time.days, gpuHours: time.gpuHours, energy: used };
  };
  const given = at(input.mfu ?? { mfu: 1, source: 'none given: 1.0, the bound no run reaches' });
  return {
    params: input.params,
    tokens: input.tokens,
    gpus: input.gpus,
    flops,
    peak: input.peak,
    mfu: given.mfu,
    mfuSource: given.source,
    days: given.days,
    gpuHours: given.gpuHours,
    seconds: given.seconds,
    energy: given.energy,
    atMeasuredMfu: input.measured ? at(input.measured) : null,
  };
}

export interface MemoryEstimate extends ModelStateMemory {
  params: number;
  zeroStage: ZeroStage;
  gpus: number;
  /** Activation bytes per device for the shape given (all layers, 16-bit, no recomputation); null without one. */
  activationBytes: number | null;
  /** bytesPerDevice + activationBytes. */
  totalBytesPerDevice: number;
}

/** Mixed-precision Adam model states per device under ZeRO, plus activations when a shape is given. */
export function memoryEstimate(input: {
  params: number;
  zeroStage: ZeroStage;
  gpus: number;
  activations?: { layers: number; hidden: number; seq: number; batch: number; heads: number } | undefined;
}): MemoryEstimate {
  const states = modelStateMemory({ params: input.params, zeroStage: input.zeroStage, devices: input.gpus });
  const activations = input.activations ? activationBytes(input.activations) : null;
  return {
    params: input.params,
    zeroStage: input.zeroStage,
    gpus: input.gpus,
    ...states,
    activationBytes: activations,
    totalBytesPerDevice: states.bytesPerDevice + (activations ?? 0),
  };
}

export interface InferenceEstimate {
  params: number;
  bandwidthGbPerS: number;
  bytesPerParam: number;
  /** Weights read per token. */
  bytesPerToken: number;
  /** Memory-bound upper limit at batch 1. */
  tokensPerSecond: number;
  /** 1 / tokensPerSecond. */
  msPerToken: number;
}

/** The memory-bound limit of batch-1 decoding: every weight read once per token. */
export function inferenceEstimate(input: {
  params: number;
  bandwidthGbPerS: number;
  bytesPerParam: number;
}): InferenceEstimate {
  const tokensPerSecond = decodeTokensPerSecond({
    params: input.params,
    bytesPerParam: input.bytesPerParam,
    bandwidthBytesPerS: requirePositive('bandwidthGbPerS', input.bandwidthGbPerS) * 1e9,
  });
  return {
    ...input,
    bytesPerToken: input.params * input.bytesPerParam,
    tokensPerSecond,
    msPerToken: 1e3 / tokensPerSecond,
  };
}

export interface ConvEstimate {
  input: [number, number, number];
  batch: number;
  /** [E, F, M]. */
  output: [number, number, number];
  params: number;
  macs: number;
  flops: number;
  im2col: { rows: number; cols: number; elements: number; bytes: number };
  /** The GEMM im2col lowers to: [m x k] x [k x n]. */
  gemm: GemmShape;
}

/** Output shape, weights, work and im2col matrices of a conv2d layer (f32 bytes). */
export function convEstimate(shape: Conv2dShape): ConvEstimate {
  const out = convOutputShape(shape);
  const unfolded = im2colShape(shape);
  return {
    input: [shape.height, shape.width, shape.channels],
    batch: shape.batch,
    output: [out.height, out.width, out.channels],
    params: convParams(shape),
    macs: convMacs(shape),
    flops: convFlops(shape),
    im2col: { rows: unfolded.rows, cols: unfolded.cols, elements: unfolded.elements, bytes: unfolded.bytes },
    gemm: im2colGemm(shape),
  };
}

export interface TransformerEstimate {
  hidden: number;
  seq: number;
  layers: number;
  batch: number;
  vocab: number | null;
  paramsPerLayer: number;
  params: number;
  forwardFlopsPerLayer: number;
  /** Whole forward pass: layers + LM head. */
  forwardFlops: number;
  /** One training step: 3 x forward. */
  trainingFlops: number;
}

/** Parameters and forward/training FLOPs of a decoder-style transformer. */
export function transformerEstimate(input: {
  hidden: number;
  seq: number;
  layers: number;
  batch: number;
  vocab?: number | undefined;
}): TransformerEstimate {
  const shape = {
    hidden: input.hidden,
    seq: input.seq,
    layers: input.layers,
    batch: input.batch,
    ...(input.vocab !== undefined ? { vocab: input.vocab } : {}),
  };
  const params = transformerParams(shape);
  const forward = transformerForwardFlops(shape);
  return {
    hidden: input.hidden,
    seq: input.seq,
    layers: input.layers,
    batch: input.batch,
    vocab: input.vocab ?? null,
    paramsPerLayer: params.perLayer,
    params: params.total,
    forwardFlopsPerLayer: forward.perLayer,
    forwardFlops: forward.total,
    trainingFlops: transformerTrainingFlops(shape),
  };
}

export interface ChinchillaEstimate {
  params: number;
  tokens: number;
  flops: number;
  /** What was given: the model size or the compute budget. */
  from: 'params' | 'flops';
}

/** The compute-optimal counterpart of a model size (tokens = 20 N) or of a budget (N = sqrt(C / 120)). */
export function chinchillaEstimate(input: { params: number } | { flops: number }): ChinchillaEstimate {
  if ('params' in input) {
    const tokens = chinchillaTokens(input.params);
    return { params: input.params, tokens, flops: trainingFlops(input.params, tokens), from: 'params' };
  }
  const split = chinchillaOptimal(input.flops);
  return { ...split, flops: input.flops, from: 'flops' };
}
