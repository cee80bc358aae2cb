/**
 * The terminal table of a run: one row per case, units in the headers, numbers right-aligned,
 * and a legend that says which clock, cache mode, timer resolution and peaks the figures use.
 */
import Table from 'cli-table3';
import { formatNumber, formatPercent, formatSi } from './numbers.js';
import type { CaseRecord, Results } from '../results/schema.js';
import { adapterLine } from './summary.js';

function configLabel(record: CaseRecord): string {
  return Object.entries(record.params)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

function checkLabel(record: CaseRecord): string {
  if (record.status === 'unsupported') return 'unsupported';
  if (record.status === 'error') return 'ERROR';
  const check = record.correctness;
  if (!check) return '-';
  if (!check.passed) return `FAIL ${check.mismatches}/${check.checked}`;
  return check.mode === 'full' ? 'ok' : `ok (${check.checked} sampled)`;
}

/** The 95% interval of the median as ± its relative half-width; `n<6` when too few samples give none. */
function intervalLabel(record: CaseRecord): string {
  const timing = record.timing;
  if (!timing) return '-';
  if (timing.relHalfWidth === null) return `n=${timing.sampleCount}<6`;
  return `±${formatPercent(timing.relHalfWidth, 2)}`;
}

const dash = (value: number | null | undefined, format: (v: number) => string) =>
  value === null || value === undefined ? '-' : format(value);
const percent = (fraction: number) => formatNumber(fraction * 100);

/** `gpu-timestamp clock, 1 ns steps` or `wall clock, 100 µs steps (batches lengthened)`. */
function clockLegend(cases: readonly CaseRecord[]): string {
  const parts = new Map<string, number>();
  for (const record of cases) {
    if (!record.timing) continue;
    const { clock, resolution, mode } = record.timing;
    const step = formatSi(resolution.stepNs * 1e-9, 's', 3);
    const label = `${clock} clock (${step} steps${resolution.quantized ? ', quantized' : ''}${resolution.batchLengthened ? ', batches lengthened to compensate' : ''}), ${mode} caches`;
    parts.set(label, (parts.get(label) ?? 0) + 1);
  }
  if (parts.size === 0) return 'no timed case';
  return [...parts].map(([label, count]) => (parts.size > 1 ? `${label} for ${count} cases` : label)).join('; ');
}

/** `, or of the t interval of its 5 rounds' medians where wider`, when the cases ran in rounds. */
function roundsLegend(results: Results): string {
  const rounds = results.suite.rounds ?? 1;
  const launches = results.suite.launches ?? 1;
  const parts = [
    rounds > 1
      ? `of the t interval of its ${rounds} rounds' medians (each case measured ${rounds} times in turn)`
      : null,
    launches > 1
      ? `of the t interval where a rerun of ${launches} launches would land, from this run's ${launches} launch medians (each launch a fresh browser)`
      : null,
  ].filter(Boolean);
  return parts.length > 0 ? `, or ${parts.join(', or ')}, where wider` : '';
}

function stopLegend(cases: readonly CaseRecord[]): string {
  const counts = new Map<string, number>();
  for (const record of cases)
    if (record.timing) counts.set(record.timing.stopReason, (counts.get(record.timing.stopReason) ?? 0) + 1);
  const transient = cases.filter((record) => (record.timing?.transientSamples ?? 0) > 0);
  const dropped =
    transient.length === 0
      ? ''
      : `; ${transient.length} ${transient.length === 1 ? 'case' : 'cases'} dropped a start that differed from the rest (${transient.reduce((sum, r) => sum + r.timing!.transientSamples!, 0)} samples: a device still settling)`;
  return [...counts].map(([reason, count]) => `${count} at ${reason}`).join(', ') + dropped;
}

function peakLegend(results: Results): string[] {
  const { measured, reference, referenceMissing } = results.peaks;
  const lines: string[] = [];
  lines.push(
    measured.computeGflops
      ? `% peak: GFLOP/s / this run's measured fma-peak of ${formatNumber(measured.computeGflops)} GFLOP/s (f32)${measured.bandwidthGbPerS ? `; for bandwidth kernels GB/s / this run's measured copy bandwidth of ${formatNumber(measured.bandwidthGbPerS)} GB/s` : ''}.`
      : '% peak: no peak measured in this run.',
  );
  if (reference?.fp32Tflops) {
    const estimate = reference.estimate ? 'an ESTIMATE, ' : '';
    lines.push(
      `MFU: GFLOP/s / ${formatNumber(reference.fp32Tflops * 1e3)} GFLOP/s f32 vector peak of ${reference.name} (${estimate}${reference.matchedBy}; source: ${reference.source}).`,
    );
  } else {
    lines.push(`MFU: no reference peak${referenceMissing ? `: ${referenceMissing}` : ''}.`);
  }
  return lines;
}

/** Per-stage lines for multi-stage kernels: `conv-im2col 1x9x9x3...: im2col 1.2 ms + gemm 3.4 ms (whole 4.5 ms)`. */
function stageLines(cases: readonly CaseRecord[]): string[] {
  return cases.flatMap((record) => {
    const stages = record.timing?.stages;
    if (!stages || stages.length === 0) return [];
    const parts = stages.map((stage) => `${stage.name} ${formatNumber(stage.medianMs)} ms`).join(' + ');
    return [
      `  ${record.kernel} ${record.shapeLabel}: ${parts} (each stage timed alone; whole kernel ${formatNumber(record.timing!.medianMs)} ms)`,
    ];
  });
}

/** The workloads of a run: each the sum of its layers, with the shapes' scale. */
export function formatWorkloads(results: Results): string {
  const workloads = results.workloads ?? [];
  if (workloads.length === 0) return '';
  const table = new Table({
    head: ['Workload', 'Scale', 'Layers', 'GFLOP', 'Time (ms)', 'GFLOP/s', '% peak', 'MFU %'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [], compact: true },
  });
  for (const w of workloads) {
    table.push([
      w.name,
      formatNumber(w.scale),
      String(w.layers.reduce((sum, layer) => sum + layer.repeat, 0)),
      formatNumber(w.flops / 1e9),
      dash(w.totalMs, formatNumber),
      dash(w.gflops, formatNumber),
      dash(w.fractionOfMeasuredPeak, percent),
      dash(w.mfu, percent),
    ]);
  }
  const notes = workloads.map(
    (w) => `${w.name}: ${w.description}.${w.scale < 1 ? ` Shapes scaled by ${w.scale} (--scale).` : ''}`,
  );
  return [
    table.toString(),
    "Workload time: sum over its layers of the layer's median time x the times the model runs it (rows above, one per distinct layer); GFLOP/s: its useful FLOPs / that time.",
    ...notes,
  ].join('\n');
}

/** The table of a run's cases, with a legend saying which clock and which peaks the figures use. */
export function formatRunTable(results: Results): string {
  const table = new Table({
    head: [
      'Kernel',
      'Shape',
      'Config',
      'Median (ms)',
      '95% CI',
      'GFLOP/s',
      'GB/s',
      'FLOP/B',
      'Bound',
      'Check',
      '% peak',
      'MFU %',
    ],
    colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left', 'left', 'right', 'right'],
    style: { head: [], border: [], compact: true },
  });
  for (const record of results.cases) {
    table.push([
      record.role === 'peak'
        ? `${record.kernel} (peak)`
        : record.workload
          ? `${record.workload.layer} x${record.workload.repeat}: ${record.kernel}`
          : record.kernel,
      record.shapeLabel,
      configLabel(record),
      dash(record.timing?.medianMs, formatNumber),
      intervalLabel(record),
      // A kernel that does no arithmetic (copy) has no FLOP rate, intensity or MFU to show.
      record.flops === 0 ? '-' : dash(record.gflops, formatNumber),
      dash(record.gbPerS, formatNumber),
      record.flops === 0 ? '-' : dash(record.arithmeticIntensity, formatNumber),
      record.bound ?? '-',
      checkLabel(record),
      dash(record.metric === 'bandwidth' ? record.fractionOfMeasuredBandwidth : record.fractionOfMeasuredPeak, percent),
      record.flops === 0 ? '-' : dash(record.mfu, percent),
    ]);
  }
  const stages = stageLines(results.cases);
  const legend = [
    `Times: median per run of the kernel; ${clockLegend(results.cases)}. 95% CI: ± half-width of the median's distribution-free interval, relative${roundsLegend(results)} (stopped: ${stopLegend(results.cases) || 'none'}).`,
    `GFLOP/s: useful FLOPs (2 per multiply-add) / median time. GB/s: least bytes moved / median time. FLOP/B: arithmetic intensity; Bound: the roofline's verdict.`,
    ...peakLegend(results),
    adapterLine(results),
    ...(stages.length > 0 ? ['Stages:', ...stages] : []),
  ];
  const workloads = formatWorkloads(results);
  return `${table.toString()}\n${legend.join('\n')}${workloads ? `\n\n${workloads}` : ''}`;
}
