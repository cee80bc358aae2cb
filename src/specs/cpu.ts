/**
 * Peak FP32 of a CPU, for software adapters (SwiftShader, llvmpipe, WARP) whose "GPU" is the
 * CPU (domain.md, "Peak throughput"): physical cores x clock x f32 SIMD lanes x FMA units x 2.
 * Always labelled an estimate: flags say which instructions exist, not how many units run them.
 *
 * The defaults below aim at an upper bound, because the peak is a denominator: a peak set too
 * low makes MFU look better than it is (even above 100%), one set too high only understates it.
 */
import { cpuPeakFlopsPerS } from '../flops/peak.js';

/** What the CPU peak estimate needs; `clockGhz` should be the maximum (turbo) clock. */
export interface CpuPeakInput {
  physicalCores: number;
  clockGhz: number;
  /** FP32 lanes in the widest vector the cores execute (AVX-512: 16, AVX/AVX2: 8, SSE/NEON: 4). */
  simdF32Lanes: number;
  /** Vector FMA pipes per core (or multiply + add pipe pairs, which retire the same FLOPs). */
  fmaUnitsPerCore: number;
}

/** An estimated CPU peak, with the arithmetic that produced it. */
export interface CpuPeakEstimate {
  fp32Gflops: number;
  /** e.g. "2 cores x 3 GHz x 8 f32 lanes x 2 FMA units x 2 FLOP/FMA = 192 GFLOP/s" */
  formula: string;
  estimate: true;
}

/** cores x GHz x lanes x FMA units x 2 FLOPs per FMA, in GFLOP/s (domain.md). */
export function estimateCpuPeak({
  physicalCores,
  clockGhz,
  simdF32Lanes,
  fmaUnitsPerCore,
}: CpuPeakInput): CpuPeakEstimate {
  const inputs = { physicalCores, clockGhz, simdF32Lanes, fmaUnitsPerCore };
  for (const [field, value] of Object.entries(inputs)) {
    if (!Number.isFinite(value) || value <= 0)
      throw new RangeError(`estimateCpuPeak: ${field} must be a positive number, got ${value}`);
  }
  // The formula itself lives once, in src/flops/peak.ts.
  const fp32Gflops =
    cpuPeakFlopsPerS({
      physicalCores,
      clockHz: clockGhz * 1e9,
      simdLanesF32: simdF32Lanes,
      fmaUnits: fmaUnitsPerCore,
    }) / 1e9;
  const formula =
    `${physicalCores} cores x ${round3(clockGhz)} GHz x ${simdF32Lanes} f32 lanes x ${fmaUnitsPerCore} FMA units x 2 FLOP/FMA` +
    ` = ${round3(fp32Gflops)} GFLOP/s`;
  return { fp32Gflops, formula, estimate: true };
}

/**
 * FP32 lanes of the widest SIMD the flags (x86 `flags`, Arm `Features` in /proc/cpuinfo) show:
 * avx512f 16; avx2 or avx 8 (AVX already has 256-bit float ops); sse/sse2 4; Arm asimd/neon 4.
 * SVE is counted as its 128-bit minimum (4): its real width is not in the flags. Unknown: 1.
 */
export function simdLanesFromFlags(flags: readonly string[]): number {
  const has = flagSet(flags);
  if (has('avx512f')) return 16;
  if (has('avx2') || has('avx')) return 8;
  if (has('sse2') || has('sse')) return 4;
  if (has('asimd') || has('neon') || has('sve')) return 4;
  return 1;
}

/**
 * Vector FMA units per core implied by the flags, erring high (see the module comment):
 * - x86 with FMA3 (Haswell and later, Zen 2 and later): 2, the usual count for those cores,
 *   including AVX-512 server parts (Skylake-SP Gold/Platinum, Sapphire Rapids, Zen 5).
 *   Overstates 2x for Zen 4 and Intel client AVX-512 parts (one 512-bit FMA) and Zen 1.
 * - AVX or SSE without FMA (Sandy Bridge, Nehalem): 1. Those cores have one vector multiply
 *   and one vector add port, which retire the same FLOPs per cycle as one FMA unit.
 * - Arm with asimd: 2, as on Neoverse N1/N2 and Cortex-A76 and later (Neoverse V1/V2 and
 *   Apple cores have 4 x 128-bit: understated there).
 * - Nothing recognised: 1.
 */
export function fmaUnitsFromFlags(flags: readonly string[]): number {
  const has = flagSet(flags);
  if (has('fma')) return 2;
  if (has('avx') || has('sse2') || has('sse')) return 1;
  if (has('asimd') || has('neon')) return 2;
  return 1;
}

function flagSet(flags: readonly string[]): (flag: string) => boolean {
  const set = new Set(flags.map((flag) => flag.trim().toLowerCase()));
  return (flag) => set.has(flag);
}

function round3(value: number): number {
  return Number(value.toPrecision(3));
}
