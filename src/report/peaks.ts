/**
 * `flopscope peaks`: this device's measured peaks beside its reference (vendor, given or
 * estimated) figures, each with its unit, clock, spread and source.
 */
import Table from 'cli-table3';
import { formatNumber, formatPercent } from './numbers.js';
import type { CaseRecord, Results } from '../results/schema.js';
import { adapterLine } from './summary.js';

/** One row of the peaks summary. */
export interface PeakRow {
  peak: 'f32 compute' | 'f16 compute' | 'memory bandwidth';
  unit: 'GFLOP/s' | 'GB/s';
  /** Best measured figure, null when not measured (unsupported or failed). */
  measured: number | null;
  /** The case that gave it (or the failure of the one that tried). */
  caseId: string | null;
  /** ± relative half-width of that case's 95% interval of the median. */
  relHalfWidth: number | null;
  clock: string | null;
  note: string | null;
  reference: number | null;
  /** measured / reference, a fraction. */
  fractionOfReference: number | null;
}

/** The peak rows of a results file (one `flopscope peaks` run, or any run with peak cases). */
export function peakRows(results: Results): PeakRow[] {
  const { measured, reference } = results.peaks;
  const byId = new Map(results.cases.map((record) => [record.id, record]));
  const failure = (kernel: string): string | null => {
    const failed = results.cases.find(
      (record) => record.kernel === kernel && record.role === 'peak' && record.status !== 'ok',
    );
    return failed ? `${failed.status}: ${failed.message ?? ''}`.trim() : null;
  };
  const row = (
    peak: PeakRow['peak'],
    unit: PeakRow['unit'],
    value: number | null | undefined,
    caseId: string | null | undefined,
    kernel: string,
    referenceValue: number | null,
  ): PeakRow => {
    const record: CaseRecord | undefined = caseId ? byId.get(caseId) : undefined;
    const measuredValue = value ?? null;
    return {
      peak,
      unit,
      measured: measuredValue,
      caseId: caseId ?? null,
      relHalfWidth: record?.timing?.relHalfWidth ?? null,
      clock: record?.timing?.clock ?? null,
      note: measuredValue === null ? (failure(kernel) ?? 'not measured') : null,
      reference: referenceValue,
      fractionOfReference: measuredValue !== null && referenceValue ? measuredValue / referenceValue : null,
    };
  };
  const tflopsToGflops = (tflops: number | null | undefined) => (tflops ? tflops * 1e3 : null);
  return [
    row(
      'f32 compute',
      'GFLOP/s',
      measured.computeGflops,
      measured.computeCaseId,
      'fma-peak',
      tflopsToGflops(reference?.fp32Tflops),
    ),
    row(
      'f16 compute',
      'GFLOP/s',
      measured.computeF16Gflops,
      measured.computeF16CaseId,
      'fma-peak-f16',
      tflopsToGflops(reference?.fp16Tflops),
    ),
    row(
      'memory bandwidth',
      'GB/s',
      measured.bandwidthGbPerS,
      measured.bandwidthCaseId,
      'copy',
      reference?.bandwidthGbPerS ?? null,
    ),
  ];
}

/** The peaks as a table with a legend naming the reference and its source. */
export function formatPeaks(results: Results): string {
  const reference = results.peaks.reference;
  const table = new Table({
    head: ['Peak', 'Measured', '95% CI', 'Clock', 'Reference', 'Measured / reference'],
    colAligns: ['left', 'right', 'right', 'left', 'right', 'right'],
    style: { head: [], border: [], compact: true },
  });
  for (const row of peakRows(results)) {
    table.push([
      row.peak,
      row.measured !== null ? `${formatNumber(row.measured)} ${row.unit}` : (row.note ?? '-'),
      row.relHalfWidth !== null ? `±${formatPercent(row.relHalfWidth, 2)}` : '-',
      row.clock ?? '-',
      row.reference !== null ? `${formatNumber(row.reference)} ${row.unit}` : '-',
      row.fractionOfReference !== null ? formatPercent(row.fractionOfReference) : '-',
    ]);
  }
  const legend = [
    `Measured: best over configurations of fma-peak (FMA chains, no memory traffic), fma-peak-f16 and copy (bytes read + written), median per run.`,
    reference
      ? `Reference: ${reference.name}${reference.estimate ? ' (ESTIMATE)' : ''}, chosen by ${reference.matchedBy}; source: ${reference.source}.`
      : `Reference: none${results.peaks.referenceMissing ? `: ${results.peaks.referenceMissing}` : ''}.`,
    adapterLine(results),
  ];
  return `${table.toString()}\n${legend.join('\n')}`;
}
