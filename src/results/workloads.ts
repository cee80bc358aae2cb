/**
 * Workload summaries: a model workload's time is the sum over its layers of the layer's median
 * time x how many times the model runs it; its FLOP/s is the sum of useful FLOPs over that time.
 * Pure: from the case records of a run.
 */
import type { CaseRecord, ReferencePeaks, MeasuredPeaks, WorkloadSummary } from './schema.js';

/** What a workload is, as the run planned it. */
export interface WorkloadInfo {
  name: string;
  description: string;
  scale: number;
}

/** The summary of every workload in `workloads` from the cases tagged with it. */
export function summarizeWorkloads(
  workloads: readonly WorkloadInfo[],
  cases: readonly CaseRecord[],
  peaks: { measured: MeasuredPeaks; reference?: ReferencePeaks | null | undefined },
): WorkloadSummary[] {
  return workloads.map((info) => {
    const layers = cases
      .filter((record) => record.workload?.name === info.name)
      .map((record) => ({
        layer: record.workload!.layer,
        caseId: record.id,
        kernel: record.kernel,
        repeat: record.workload!.repeat,
        medianMs: record.status === 'ok' && record.timing ? record.timing.medianMs : null,
        flops: record.flops,
      }));
    const flops = layers.reduce((sum, layer) => sum + layer.flops * layer.repeat, 0);
    const complete = layers.length > 0 && layers.every((layer) => layer.medianMs !== null);
    const totalMs = complete ? layers.reduce((sum, layer) => sum + layer.medianMs! * layer.repeat, 0) : null;
    const gflops = totalMs ? flops / totalMs / 1e6 : null;
    const referenceGflops = peaks.reference?.fp32Tflops ? peaks.reference.fp32Tflops * 1e3 : null;
    return {
      ...info,
      layers,
      flops,
      totalMs,
      gflops,
      fractionOfMeasuredPeak: gflops !== null && peaks.measured.computeGflops ? gflops / peaks.measured.computeGflops : null,
      mfu: gflops !== null && referenceGflops ? gflops / referenceGflops : null,
    };
  });
}
