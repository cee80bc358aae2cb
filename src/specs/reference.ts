/**
 * Which peak a run's MFU and roofline are taken against, and why: figures given on the command
 * line win, then the row named with --gpu, then the row matched from the adapter's info; a
 * software adapter gets an estimate of the host CPU's peak, labelled as one. Pure.
 */
import type { ReferencePeaks } from '../results/schema.js';
import { estimateCpuPeak, fmaUnitsFromFlags, simdLanesFromFlags } from './cpu.js';
import { findGpu, isSoftwareAdapter, matchAdapter, type AdapterIdentity } from './match.js';
import type { GpuSpec } from './schema.js';
import type { AdapterInference } from './unnamed-adapter.js';

/** What the user said about peaks on the command line. */
export interface PeakRequest {
  gpu?: string | undefined;
  peakTflops?: number | undefined;
  peakBandwidthGbPerS?: number | undefined;
}

/** The host CPU as the estimate needs it (src/host/cpu-info.ts reads it). */
export interface HostCpu {
  model: string;
  physicalCores: number;
  clockGhz: number;
  flags: readonly string[];
}

/** The reference peaks, or why there are none. */
export type ReferenceResolution =
  { reference: ReferencePeaks; missing?: undefined } | { reference: null; missing: string };

function fromSpec(spec: GpuSpec, matchedBy: string): ReferencePeaks {
  return {
    name: spec.name,
    origin: 'vendor-table',
    matchedBy,
    fp32Tflops: spec.fp32Tflops,
    fp16Tflops: spec.fp16Tflops,
    tensorFp16Tflops: spec.tensorFp16Tflops,
    bandwidthGbPerS: spec.memoryBandwidthGbPerS,
    boostClockMhz: spec.boostClockMhz,
    source: `${spec.source.title} <${spec.source.url}>`,
    estimate: false,
  };
}

/** Figures from --peak-tflops/--peak-bandwidth laid over `base` (or standing alone). */
function withOverrides(base: ReferencePeaks | null, request: PeakRequest): ReferencePeaks {
  const given = [
    request.peakTflops !== undefined ? `--peak-tflops ${request.peakTflops}` : null,
    request.peakBandwidthGbPerS !== undefined ? `--peak-bandwidth ${request.peakBandwidthGbPerS}` : null,
  ].filter((text): text is string => text !== null);
  return {
    name: base?.name ?? 'figures given on the command line',
    origin: 'command-line',
    matchedBy: base ? `${given.join(' ')} over ${base.matchedBy}` : given.join(' '),
    fp32Tflops: request.peakTflops ?? base?.fp32Tflops ?? null,
    fp16Tflops: base?.fp16Tflops ?? null,
    tensorFp16Tflops: base?.tensorFp16Tflops ?? null,
    bandwidthGbPerS: request.peakBandwidthGbPerS ?? base?.bandwidthGbPerS ?? null,
    boostClockMhz: base?.boostClockMhz ?? null,
    source: base ? `command line, other figures from ${base.source}` : 'command line',
    estimate: false,
  };
}

/** The CPU estimate for a software adapter: cores x clock x SIMD lanes x FMA units x 2. */
function cpuEstimate(renderer: string, cpu: HostCpu, evidence?: string): ReferencePeaks {
  const estimate = estimateCpuPeak({
    physicalCores: cpu.physicalCores,
    clockGhz: cpu.clockGhz,
    simdF32Lanes: simdLanesFromFlags(cpu.flags),
    fmaUnitsPerCore: fmaUnitsFromFlags(cpu.flags),
  });
  return {
    name: `${cpu.model} (host CPU running ${renderer})`,
    origin: 'cpu-estimate',
    matchedBy: evidence ? `software adapter (${renderer}: ${evidence})` : `software adapter (${renderer})`,
    fp32Tflops: estimate.fp32Gflops / 1e3,
    fp16Tflops: null,
    tensorFp16Tflops: null,
    bandwidthGbPerS: null,
    boostClockMhz: cpu.clockGhz * 1e3,
    source: `estimate: ${estimate.formula}`,
    estimate: true,
  };
}

/**
 * The reference peaks of a run on `adapter`. `--gpu` with an unknown name throws findGpu's
 * UsageError (with the closest names); an adapter the table cannot place gives `missing`
 * with the matcher's reason, unless figures were given. `inferred`: what is known of an adapter
 * that reports no name (src/specs/unnamed-adapter.ts), which names the software renderer.
 */
export function resolveReferencePeaks(
  adapter: AdapterIdentity,
  request: PeakRequest,
  cpu: HostCpu | null,
  inferred?: AdapterInference | null,
): ReferenceResolution {
  const overridden = request.peakTflops !== undefined || request.peakBandwidthGbPerS !== undefined;
  let base: ReferencePeaks | null = null;
  let missing = '';
  if (request.gpu !== undefined) {
    base = fromSpec(findGpu(request.gpu), `--gpu ${request.gpu}`);
  } else {
    const flagged = isSoftwareAdapter(adapter);
    // An unnamed fallback adapter (Firefox) is named by what was inferred about it.
    const renderer = flagged === 'fallback adapter' && inferred?.software ? inferred.name : flagged;
    if (renderer !== null) {
      if (cpu) base = cpuEstimate(renderer, cpu, renderer !== flagged ? inferred?.how : undefined);
      else
        missing = `${renderer} runs on the CPU of the machine running the browser, which flopscope could not read (a remote or served browser): pass --peak-tflops/--peak-bandwidth`;
    } else {
      const match = matchAdapter(adapter);
      if (match.spec) base = fromSpec(match.spec, `adapter ${match.by}`);
      else missing = match.reason;
    }
  }
  if (overridden) return { reference: withOverrides(base, request) };
  return base ? { reference: base } : { reference: null, missing };
}
