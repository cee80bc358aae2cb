/**
 * Peak throughput (domain.md, "Peak throughput"): what MFU divides by. A vendor's peak is
 * execution units x boost clock x FLOPs per unit per cycle; a CPU's (software adapters such
 * as SwiftShader, lavapipe and WARP) is physical cores x clock x f32 SIMD lanes x FMA units x 2.
 */
import { requirePositive, requirePositiveInteger } from './validate.js';

/** Vendor peak FLOP/s: units x clockHz x flopsPerUnitPerCycle (2 for a unit doing one FMA per cycle). */
export function vendorPeakFlopsPerS({
  units,
  clockHz,
  flopsPerUnitPerCycle,
}: {
  units: number;
  clockHz: number;
  flopsPerUnitPerCycle: number;
}): number {
  requirePositiveInteger('units', units);
  requirePositive('clockHz', clockHz);
  requirePositive('flopsPerUnitPerCycle', flopsPerUnitPerCycle);
  return units * clockHz * flopsPerUnitPerCycle;
}

/**
 * Estimated f32 peak FLOP/s of a CPU: physicalCores x clockHz x simdLanesF32 x fmaUnits x 2
 * (an FMA is 2 FLOPs). An estimate: sustained clocks under SIMD load are often lower.
 */
export function cpuPeakFlopsPerS({
  physicalCores,
  clockHz,
  simdLanesF32,
  fmaUnits,
}: {
  physicalCores: number;
  clockHz: number;
  simdLanesF32: number;
  fmaUnits: number;
}): number {
  requirePositiveInteger('physicalCores', physicalCores);
  requirePositiveInteger('simdLanesF32', simdLanesF32);
  requirePositiveInteger('fmaUnits', fmaUnits);
  return vendorPeakFlopsPerS({ units: physicalCores * simdLanesF32 * fmaUnits, clockHz, flopsPerUnitPerCycle: 2 });
}
