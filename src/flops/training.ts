/**
 * Training budgets (domain.md, "Training and inference budgets"): compute C = 6ND, wall time
 * C / (GPUs x peak x MFU), energy = GPU power x GPUs x hours x PUE.
 */
import { UsageError } from '../errors.js';
import { requireFraction, requirePositive, requirePositiveInteger } from './validate.js';

/**
 * Training compute C = 6 x N x D FLOPs for N parameters and D tokens: 2 FLOPs per parameter
 * per token forward, 4 backward (domain.md; Kaplan et al. 2020, "Scaling Laws").
 */
export function trainingFlops(params: number, tokens: number): number {
  return 6 * requirePositive('params', params) * requirePositive('tokens', tokens);
}

/** Wall-clock time of a training run, and the GPU time it books. */
export interface TrainingTime {
  seconds: number;
  hours: number;
  days: number;
  gpuHours: number;
}

/**
 * Wall time = flops / (gpus x gpuPeakFlopsPerS x mfu) (domain.md), with mfu a fraction in
 * (0, 1]; gpuHours = gpus x hours.
 */
export function trainingTime({
  flops,
  gpus,
  gpuPeakFlopsPerS,
  mfu,
}: {
  flops: number;
  gpus: number;
  gpuPeakFlopsPerS: number;
  mfu: number;
}): TrainingTime {
  requirePositive('flops', flops);
  requirePositiveInteger('gpus', gpus);
  requirePositive('gpuPeakFlopsPerS', gpuPeakFlopsPerS);
  requireFraction('mfu', mfu);
  const seconds = flops / (gpus * gpuPeakFlopsPerS * mfu);
  const hours = seconds / 3_600;
  return { seconds, hours, days: seconds / 86_400, gpuHours: gpus * hours };
}

/** Energy in kilowatt-hours and megawatt-hours. */
export interface Energy {
  kwh: number;
  mwh: number;
}

/**
 * Facility energy = gpuWatts x gpus x hours x pue (domain.md; PUE, the data-centre
 * overhead, is >= 1, typically 1.1-1.5). Counts GPU power only, scaled by PUE.
 */
export function energy({
  gpuWatts,
  gpus,
  hours,
  pue,
}: {
  gpuWatts: number;
  gpus: number;
  hours: number;
  pue: number;
}): Energy {
  requirePositive('gpuWatts', gpuWatts);
  requirePositiveInteger('gpus', gpus);
  requirePositive('hours', hours);
  if (!(pue >= 1) || !Number.isFinite(pue)) {
    throw new UsageError(`pue must be a number >= 1 (1.0 = no overhead; typically 1.1-1.5), got ${pue}`);
  }
  const kwh = (gpuWatts * gpus * hours * pue) / 1_000;
  return { kwh, mwh: kwh / 1_000 };
}
