/**
 * Transformer counting (domain.md, "Transformers"): one layer of hidden size H, sequence
 * length L, batch B, an MLP mlpRatio x H wide (4 in the domain formulas, where
 * 4H^2 + 2 x 4 x H^2 = 12H^2). Attention scores are counted over the full L x L (no causal
 * halving), as in the domain formula; softmax, layernorm, bias and activation FLOPs are not
 * counted (they are O(LH), not GEMMs).
 */
import { UsageError } from '../errors.js';
import type { GemmShape } from './gemm.js';
import { requirePositive, requirePositiveInteger } from './validate.js';

/** Hidden size H and MLP width ratio (default 4). */
export interface LayerWidth {
  hidden: number;
  mlpRatio?: number;
}

/** A layer run over `batch` sequences of `seq` tokens. */
export interface LayerRun extends LayerWidth {
  seq: number;
  batch: number;
}

/** A model of `layers` identical layers; `vocab` adds the embedding and the LM head. */
export interface TransformerShape extends LayerRun {
  layers: number;
  vocab?: number;
}

/** A GEMM of a layer with its name (`qkv`, `scores`, ...), usable as a GemmShape. */
export interface NamedGemm extends GemmShape {
  name: string;
  batch: number;
}

/** Checks H and mlpRatio; returns the MLP width in units, which must be a whole number. */
function checkWidth({ hidden, mlpRatio = 4 }: LayerWidth): { hidden: number; mlpRatio: number; mlpWidth: number } {
  requirePositiveInteger('hidden', hidden);
  requirePositive('mlpRatio', mlpRatio);
  const mlpWidth = mlpRatio * hidden;
  if (!Number.isInteger(mlpWidth)) {
    throw new UsageError(
      `mlpRatio x hidden must be a whole number of units, got ${mlpRatio} x ${hidden} = ${mlpWidth}`,
    );
  }
  return { hidden, mlpRatio, mlpWidth };
}

function checkRun(run: LayerRun): { hidden: number; mlpRatio: number; mlpWidth: number; seq: number; batch: number } {
  return {
    ...checkWidth(run),
    seq: requirePositiveInteger('seq', run.seq),
    batch: requirePositiveInteger('batch', run.batch),
  };
}

/** Head size d = H / heads, which must be a whole number. */
function headSize(hidden: number, heads: number): number {
  requirePositiveInteger('heads', heads);
  if (hidden % heads !== 0) {
    throw new UsageError(`heads must divide hidden, got hidden ${hidden} and heads ${heads}`);
  }
  return hidden / heads;
}

/**
 * Weights of one layer, no biases or layernorms: 4H^2 (Q, K, V, output) + 2 x mlpRatio x H^2
 * (MLP up and down) = 12H^2 at mlpRatio 4 (domain.md).
 */
export function transformerLayerParams(width: LayerWidth): number {
  const { hidden, mlpRatio } = checkWidth(width);
  return (4 + 2 * mlpRatio) * hidden * hidden;
}

/**
 * Parameters of one GPT-2/BERT-style layer counted exactly: the weights of
 * transformerLayerParams plus their biases (3H + H + mlpRatio x H + H) and two layernorms
 * (scale and shift, 2 x 2H) = 12H^2 + 13H at mlpRatio 4.
 */
export function transformerLayerParamsExact(width: LayerWidth): number {
  const { hidden, mlpWidth } = checkWidth(width);
  const biases = 3 * hidden + hidden + mlpWidth + hidden;
  const layerNorms = 2 * 2 * hidden;
  return transformerLayerParams(width) + biases + layerNorms;
}

/** Parameters of a model: per layer (12H^2), all layers, embedding (V x H, 0 without vocab), total. */
export interface TransformerParams {
  perLayer: number;
  layers: number;
  embedding: number;
  total: number;
}

/**
 * Parameters of a model: layers x transformerLayerParams + the token embedding V x H when
 * `vocab` is given (the LM head is taken as tied to it). No biases, layernorms or position
 * embeddings; see transformerParamsExact.
 */
export function transformerParams(shape: LayerWidth & { layers: number; vocab?: number }): TransformerParams {
  const layers = requirePositiveInteger('layers', shape.layers);
  const perLayer = transformerLayerParams(shape);
  const embedding = shape.vocab === undefined ? 0 : requirePositiveInteger('vocab', shape.vocab) * shape.hidden;
  return { perLayer, layers: layers * perLayer, embedding, total: layers * perLayer + embedding };
}

/**
 * Parameters of a GPT-2-style model counted exactly: layers x transformerLayerParamsExact +
 * token embedding V x H + learned position embedding positions x H (0 if `positions` is
 * absent) + the final layernorm 2H; the LM head is tied to the token embedding.
 */
export function transformerParamsExact(
  shape: LayerWidth & { layers: number; vocab: number; positions?: number },
): number {
  const layers = requirePositiveInteger('layers', shape.layers);
  const vocab = requirePositiveInteger('vocab', shape.vocab);
  const positions = shape.positions === undefined ? 0 : requirePositiveInteger('positions', shape.positions);
  const { hidden } = checkWidth(shape);
  return layers * transformerLayerParamsExact(shape) + (vocab + positions) * hidden + 2 * hidden;
}

/**
 * Forward FLOPs of one layer: 2 x B x ((4 + 2 x mlpRatio) x L x H^2 + 2 x L^2 x H), which is
 * domain.md's 2 x B x (12 L H^2 + 2 L^2 H) at mlpRatio 4: the weight GEMMs, then QK^T and
 * attention x V.
 */
export function transformerLayerForwardFlops(run: LayerRun): number {
  const { hidden, mlpRatio, seq, batch } = checkRun(run);
  return 2 * batch * ((4 + 2 * mlpRatio) * seq * hidden * hidden + 2 * seq * seq * hidden);
}

/** Forward FLOPs of a model: per layer, all layers, LM head (2BLHV, 0 without vocab), total. */
export interface TransformerForwardFlops {
  perLayer: number;
  layers: number;
  lmHead: number;
  total: number;
}

/**
 * Forward FLOPs of a model: layers x transformerLayerForwardFlops, plus the LM head's
 * [BL,H] x [H,V] GEMM, 2 x B x L x H x V, when `vocab` is given. Embedding lookups are free.
 */
export function transformerForwardFlops(shape: TransformerShape): TransformerForwardFlops {
  const layers = requirePositiveInteger('layers', shape.layers);
  const perLayer = transformerLayerForwardFlops(shape);
  const lmHead =
    shape.vocab === undefined
      ? 0
      : 2 * shape.batch * shape.seq * shape.hidden * requirePositiveInteger('vocab', shape.vocab);
  return { perLayer, layers: layers * perLayer, lmHead, total: layers * perLayer + lmHead };
}

/**
 * Training FLOPs of one step: 3 x the forward total (forward + a backward of twice the
 * forward, one GEMM for activation gradients and one for weight gradients; domain.md's
 * 2 + 4 FLOPs per parameter per token). No recomputation counted.
 */
export function transformerTrainingFlops(shape: TransformerShape): number {
  return 3 * transformerForwardFlops(shape).total;
}

/**
 * The GEMMs one layer runs over B x L tokens (domain.md), with d = H / heads:
 * qkv [BL,H]x[H,3H]; scores [L,d]x[d,L] and context [L,L]x[L,d], each batched over B x heads;
 * output [BL,H]x[H,H]; mlpUp [BL,H]x[H,rH]; mlpDown [BL,rH]x[rH,H]. Their gemmFlops sum to
 * transformerLayerForwardFlops.
 */
export function transformerLayerGemms(run: LayerRun & { heads: number }): NamedGemm[] {
  const { hidden, mlpWidth, seq, batch } = checkRun(run);
  const d = headSize(hidden, run.heads);
  const tokens = batch * seq;
  const perHead = batch * run.heads;
  return [
    { name: 'qkv', m: tokens, n: 3 * hidden, k: hidden, batch: 1 },
    { name: 'scores', m: seq, n: seq, k: d, batch: perHead },
    { name: 'context', m: seq, n: d, k: seq, batch: perHead },
    { name: 'output', m: tokens, n: hidden, k: hidden, batch: 1 },
    { name: 'mlpUp', m: tokens, n: mlpWidth, k: hidden, batch: 1 },
    { name: 'mlpDown', m: tokens, n: hidden, k: mlpWidth, batch: 1 },
  ];
}

/**
 * The GEMVs (N = 1) one layer runs for one autoregressive decode step at batch 1, attending
 * over a KV cache of `kvLength` positions (the new token's own K and V included). Weights are
 * the M x K operand, y[out,1] = W[out,in] x x[in,1]: qkv [3H,H], output [H,H], mlpUp [rH,H],
 * mlpDown [H,rH]; per head (batch = heads): scores K[kv,d] x q[d,1], context V^T[d,kv] x p[kv,1].
 * FLOPs sum to 2 x ((4 + 2r) x H^2 + 2 x kvLength x H). The LM head, once per model, is one
 * more GEMV [V,H] x [H,1].
 */
export function decodeStepGemvs(step: LayerWidth & { heads: number; kvLength: number }): NamedGemm[] {
  const { hidden, mlpWidth } = checkWidth(step);
  const d = headSize(hidden, step.heads);
  const kvLength = requirePositiveInteger('kvLength', step.kvLength);
  return [
    { name: 'qkv', m: 3 * hidden, n: 1, k: hidden, batch: 1 },
    { name: 'scores', m: kvLength, n: 1, k: d, batch: step.heads },
    { name: 'context', m: d, n: 1, k: kvLength, batch: step.heads },
    { name: 'output', m: hidden, n: 1, k: hidden, batch: 1 },
    { name: 'mlpUp', m: mlpWidth, n: 1, k: hidden, batch: 1 },
    { name: 'mlpDown', m: hidden, n: 1, k: mlpWidth, batch: 1 },
  ];
}
