/**
 * The roofline model (domain.md, "Operations"; Williams, Waterman and Patterson 2009,
 * "Roofline: An Insightful Visual Performance Model"): attainable FLOP/s =
 * min(peak FLOP/s, arithmetic intensity x bandwidth).
 */
import { requireNonNegative, requirePositive } from './validate.js';

/** Arithmetic intensity in FLOPs per byte: flops / bytes. */
export function arithmeticIntensity(flops: number, bytes: number): number {
  return requireNonNegative('flops', flops) / requirePositive('bytes', bytes);
}

/** Attainable FLOP/s at an intensity (FLOP/byte): min(peakFlopsPerS, intensity x bandwidthBytesPerS). */
export function rooflineAttainable({
  intensity,
  peakFlopsPerS,
  bandwidthBytesPerS,
}: {
  intensity: number;
  peakFlopsPerS: number;
  bandwidthBytesPerS: number;
}): number {
  requireNonNegative('intensity', intensity);
  requirePositive('peakFlopsPerS', peakFlopsPerS);
  requirePositive('bandwidthBytesPerS', bandwidthBytesPerS);
  return Math.min(peakFlopsPerS, intensity * bandwidthBytesPerS);
}

/** The ridge point in FLOPs per byte: the intensity where the two roofs meet, peak / bandwidth. */
export function ridgePoint(peakFlopsPerS: number, bandwidthBytesPerS: number): number {
  return requirePositive('peakFlopsPerS', peakFlopsPerS) / requirePositive('bandwidthBytesPerS', bandwidthBytesPerS);
}

/** Which roof limits a kernel of this intensity: 'memory' below the ridge point, else 'compute'. */
export function boundBy(intensity: number, peakFlopsPerS: number, bandwidthBytesPerS: number): 'compute' | 'memory' {
  requireNonNegative('intensity', intensity);
  return intensity < ridgePoint(peakFlopsPerS, bandwidthBytesPerS) ? 'memory' : 'compute';
}
