/**
 * Model FLOPs utilisation (domain.md, "MFU"): achieved FLOP/s / peak FLOP/s, where achieved
 * FLOP/s counts the useful FLOPs of the operation (from the formula, not what the kernel
 * executes) over the measured time.
 */
import { requireNonNegative, requirePositive } from './validate.js';

/** Achieved FLOP/s: usefulFlops / seconds (padding, recomputation and im2col copies add time, not FLOPs). */
export function achievedFlopsPerS(usefulFlops: number, seconds: number): number {
  return requireNonNegative('usefulFlops', usefulFlops) / requirePositive('seconds', seconds);
}

/**
 * MFU as a fraction: achievedFlopsPerS / peakFlopsPerS, or null when the peak is unknown
 * (null, undefined or 0). Not clamped: above 1 means the peak or the FLOP count is wrong.
 */
export function mfu(achievedFlopsPerS: number, peakFlopsPerS: number | null | undefined): number | null {
  requireNonNegative('achievedFlopsPerS', achievedFlopsPerS);
  if (peakFlopsPerS === null || peakFlopsPerS === undefined || peakFlopsPerS === 0) return null;
  return achievedFlopsPerS / requirePositive('peakFlopsPerS', peakFlopsPerS);
}
