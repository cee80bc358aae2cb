/**
 * Compute-optimal model and data size (domain.md: about 20 tokens per parameter; Hoffmann
 * et al. 2022, "Training Compute-Optimal Large Language Models", the Chinchilla paper).
 */
import { requirePositive } from './validate.js';

/** Training tokens per parameter for a compute-optimal run (Hoffmann et al. 2022). */
export const CHINCHILLA_TOKENS_PER_PARAM = 20;

/** Compute-optimal training tokens for `params` parameters: D = 20 x N. */
export function chinchillaTokens(params: number): number {
  return CHINCHILLA_TOKENS_PER_PARAM * requirePositive('params', params);
}

/** A compute-optimal split of a budget into parameters N and tokens D. */
export interface ChinchillaSplit {
  params: number;
  tokens: number;
}

/**
 * The compute-optimal N and D for a budget of `flops`: with C = 6ND (trainingFlops) and
 * D = 20N, C = 6 x N x 20N = 120 N^2, so N = sqrt(C / 120) and D = 20N.
 */
export function chinchillaOptimal(flops: number): ChinchillaSplit {
  const params = Math.sqrt(requirePositive('flops', flops) / (6 * CHINCHILLA_TOKENS_PER_PARAM));
  return { params, tokens: CHINCHILLA_TOKENS_PER_PARAM * params };
}
