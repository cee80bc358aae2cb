/**
 * Samples taken back to back are not independent: a GPU (or a CPU running SwiftShader) drifts
 * with clocks, temperature and what else runs, so neighbouring samples resemble each other. An
 * interval that assumes independence is then too narrow. For an AR(1)-like sequence with lag-1
 * autocorrelation rho, the variance of a mean (and, to first order, of a median) grows by
 * (1 + rho) / (1 - rho) (e.g. Box, Jenkins & Reinsel, Time Series Analysis, on the variance of
 * the sample mean of an AR(1) process); the interval's half-width grows by its square root.
 */

/** Largest autocorrelation taken at face value: beyond it the factor explodes on little evidence. */
export const MAX_RHO = 0.9;

/** Lag-1 autocorrelation of samples in run order; 0 for fewer than 3 samples or no variance. */
export function lag1Autocorrelation(samples: readonly number[]): number {
  const n = samples.length;
  if (n < 3) return 0;
  let mean = 0;
  for (const x of samples) mean += x;
  mean /= n;
  let denominator = 0;
  let numerator = 0;
  for (let i = 0; i < n; i++) {
    const d = samples[i]! - mean;
    denominator += d * d;
    if (i > 0) numerator += d * (samples[i - 1]! - mean);
  }
  return denominator > 0 ? numerator / denominator : 0;
}

/**
 * How much wider an interval computed as if the samples were independent must be:
 * sqrt((1 + rho) / (1 - rho)) with rho clamped to [0, MAX_RHO] (negative correlation is not
 * used to narrow it). 1 for independent samples, 2.18 at rho = 0.65, 4.36 at the cap.
 */
export function autocorrelationInflation(samples: readonly number[]): number {
  const rho = Math.min(MAX_RHO, Math.max(0, lag1Autocorrelation(samples)));
  return Math.sqrt((1 + rho) / (1 - rho));
}

/** An interval around `center` with each side stretched by `factor` (>= 1). */
export function widenInterval(
  interval: { low: number; high: number },
  center: number,
  factor: number,
): { low: number; high: number } {
  return { low: center - (center - interval.low) * factor, high: center + (interval.high - center) * factor };
}
