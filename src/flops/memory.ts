/**
 * Training memory per device (domain.md, "Training and inference budgets"): model states of
 * mixed-precision Adam, partitioned by ZeRO (Rajbhandari et al. 2020, "ZeRO: Memory
 * Optimizations Toward Training Trillion Parameter Models"), and activations (Korthikanti
 * et al. 2022, "Reducing Activation Recomputation in Large Transformer Models").
 */
import { UsageError } from '../errors.js';
import { requirePositive, requirePositiveInteger } from './validate.js';

/**
 * Bytes per parameter of mixed-precision Adam: fp16 weights and gradients, fp32 master weights, momentum and
 * variance (4 + 4 + 4).
 */
export const ADAM_MIXED_BYTES_PER_PARAM = { weights: 2, gradients: 2, optimizer: 12 } as const;

/** ZeRO stage: 0 replicates everything, 1 partitions optimizer states, 2 also gradients, 3 also weights. */
export type ZeroStage = 0 | 1 | 2 | 3;

/** Model-state memory on each device: bytes per model parameter, in all, and by kind. */
export interface ModelStateMemory {
  bytesPerParam: number;
  bytesPerDevice: number;
  breakdown: { weightBytes: number; gradientBytes: number; optimizerBytes: number };
}

/**
 * Model states (weights, gradients, Adam states; no activations) per device of mixed-precision
 * Adam under ZeRO over `devices` data-parallel devices, bytes per parameter: stage 0: 16;
 * 1: 2 + 2 + 12/Nd; 2: 2 + 14/Nd; 3: 16/Nd.
 */
export function modelStateMemory({
  params,
  zeroStage = 0,
  devices = 1,
}: {
  params: number;
  zeroStage?: ZeroStage;
  devices?: number;
}): ModelStateMemory {
  requirePositive('params', params);
  requirePositiveInteger('devices', devices);
  if (![0, 1, 2, 3].includes(zeroStage)) {
    throw new UsageError(`zeroStage must be 0, 1, 2 or 3, got ${String(zeroStage)}`);
  }
  const { weights, gradients, optimizer } = ADAM_MIXED_BYTES_PER_PARAM;
  const perParam = {
    weights: zeroStage >= 3 ? weights / devices : weights,
    gradients: zeroStage >= 2 ? gradients / devices : gradients,
    optimizer: zeroStage >= 1 ? optimizer / devices : optimizer,
  };
  const bytesPerParam = perParam.weights + perParam.gradients + perParam.optimizer;
  return {
    bytesPerParam,
    bytesPerDevice: params * bytesPerParam,
    breakdown: {
      weightBytes: params * perParam.weights,
      gradientBytes: params * perParam.gradients,
      optimizerBytes: params * perParam.optimizer,
    },
  };
}

/**
 * Activation recomputation: none, selective (attention internals recomputed) or full (only each layer's input
 * kept).
 */
export type Recompute = 'none' | 'selective' | 'full';

/** One layer's training run: sequence length s, micro-batch b, hidden h, heads a. */
export interface ActivationShape {
  seq: number;
  batch: number;
  hidden: number;
  heads: number;
  recompute?: Recompute;
}

/**
 * Activation bytes one layer keeps for the backward pass, 16-bit activations, no tensor or
 * sequence parallelism (Korthikanti et al. 2022, section 4): none: s*b*h*(34 + 5*a*s/h);
 * selective: 34*s*b*h; full: 2*s*b*h (the layer input only).
 */
export function activationBytesPerLayer({ seq, batch, hidden, heads, recompute = 'none' }: ActivationShape): number {
  requirePositiveInteger('seq', seq);
  requirePositiveInteger('batch', batch);
  requirePositiveInteger('hidden', hidden);
  requirePositiveInteger('heads', heads);
  const sbh = seq * batch * hidden;
  switch (recompute) {
    case 'none':
      return sbh * (34 + (5 * heads * seq) / hidden);
    case 'selective':
      return 34 * sbh;
    case 'full':
      return 2 * sbh;
    default:
      throw new UsageError(`recompute must be 'none', 'selective' or 'full', got ${String(recompute)}`);
  }
}

/**
 * Activation bytes of `layers` layers: layers x activationBytesPerLayer (the embedding, final
 * layernorm and LM head outputs, small beside them, are left out as in the paper's per-layer
 * figure).
 */
export function activationBytes(shape: ActivationShape & { layers: number }): number {
  return requirePositiveInteger('layers', shape.layers) * activationBytesPerLayer(shape);
}
