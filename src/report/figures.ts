/** How one case's figures read in a line of text: rate, time, clock, spread. */
import { formatPercent, formatSi } from './numbers.js';
import type { CaseRecord } from '../results/schema.js';

/** The headline rate of a case: GFLOP/s for compute kernels, GB/s for memory-bound ones. */
export function headlineRate(record: CaseRecord): string {
  if (record.metric === 'bandwidth') return record.gbPerS === null ? '-' : formatSi(record.gbPerS * 1e9, 'B/s');
  return record.gflops === null ? '-' : formatSi(record.gflops * 1e9, 'FLOP/s');
}

/**
 * A one-line summary: `3.21 GFLOP/s (median 10.4 ms ±0.8% per run, gpu-timestamp clock, 10 samples, stopped
 * at noise-target)`.
 */
export function headlineFigure(record: CaseRecord): string {
  const timing = record.timing;
  if (!timing) return headlineRate(record);
  const interval = timing.relHalfWidth !== null ? ` ±${formatPercent(timing.relHalfWidth, 2)}` : '';
  return `${headlineRate(record)} (median ${formatSi(timing.medianMs / 1e3, 's')}${interval} per run, ${timing.clock} clock, ${timing.mode}, ${timing.sampleCount} samples, stopped at ${timing.stopReason})`;
}
