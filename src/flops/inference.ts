/**
 * Memory-bound decoding (domain.md, "Training and inference budgets"): at small batch each
 * generated token reads every weight once, so tokens/s <= bandwidth / (N x bytes per weight).
 */
import { requirePositive } from './validate.js';

/**
 * Upper bound on batch-1 decode speed: bandwidthBytesPerS / (params x bytesPerParam) tokens
 * per second (2 bytes per param for fp16/bf16). Ignores KV-cache reads and compute, so real
 * decoding is slower.
 */
export function decodeTokensPerSecond({
  params,
  bytesPerParam,
  bandwidthBytesPerS,
}: {
  params: number;
  bytesPerParam: number;
  bandwidthBytesPerS: number;
}): number {
  requirePositive('params', params);
  requirePositive('bytesPerParam', bytesPerParam);
  requirePositive('bandwidthBytesPerS', bandwidthBytesPerS);
  return bandwidthBytesPerS / (params * bytesPerParam);
}
