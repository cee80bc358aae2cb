/** The text of `flopscope estimate`: one aligned line per figure, every figure with its unit. */
import type {
  ChinchillaEstimate,
  ConvEstimate,
  InferenceEstimate,
  MemoryEstimate,
  TrainingAtMfu,
  TrainingEstimate,
  TransformerEstimate,
} from '../flops/estimate.js';
import { formatBytes, formatCount, formatNumber, formatPercent, formatSi } from './numbers.js';

/** Aligns `label  value` pairs. */
function lines(rows: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

const flopsText = (flops: number) => `${formatSi(flops, 'FLOP')} (${flops.toExponential(3)})`;

function atMfuRows(
  label: string,
  at: Pick<TrainingAtMfu, 'mfu' | 'source' | 'days' | 'gpuHours' | 'seconds' | 'energy'>,
): Array<[string, string]> {
  return [
    [`${label} MFU`, `${formatPercent(at.mfu)} (${at.source})`],
    [`  wall time`, `${formatNumber(at.days)} days (${formatNumber(at.seconds / 3600)} h)`],
    [`  GPU time`, `${formatCount(at.gpuHours)} GPU-hours`],
    ...(at.energy
      ? ([[`  energy`, `${formatNumber(at.energy.mwh)} MWh (${formatNumber(at.energy.kwh)} kWh)`]] as Array<
          [string, string]
        >)
      : []),
  ];
}

export function formatTraining(e: TrainingEstimate): string {
  return lines([
    ['model', `${formatCount(e.params)} parameters, ${formatCount(e.tokens)} tokens`],
    ['compute', `${flopsText(e.flops)} = 6 x N x D`],
    ['GPUs', `${e.gpus} x ${formatNumber(e.peak.peakTflops)} TFLOP/s (${e.peak.source})`],
    ...atMfuRows('at', {
      mfu: e.mfu,
      source: e.mfuSource,
      days: e.days,
      gpuHours: e.gpuHours,
      seconds: e.seconds,
      energy: e.energy,
    }),
    ...(e.atMeasuredMfu ? atMfuRows('at measured', e.atMeasuredMfu) : []),
  ]);
}

export function formatMemory(e: MemoryEstimate): string {
  return lines([
    [
      'model states',
      `${formatCount(e.params)} parameters, mixed-precision Adam, ZeRO stage ${e.zeroStage} over ${e.gpus} GPU(s)`,
    ],
    ['per parameter', `${formatNumber(e.bytesPerParam)} bytes per device`],
    ['  weights', formatBytes(e.breakdown.weightBytes)],
    ['  gradients', formatBytes(e.breakdown.gradientBytes)],
    ['  optimizer', formatBytes(e.breakdown.optimizerBytes)],
    ['states per device', formatBytes(e.bytesPerDevice)],
    [
      'activations',
      e.activationBytes === null
        ? '- (give --layers --hidden --seq --batch)'
        : `${formatBytes(e.activationBytes)} (16-bit, no recomputation)`,
    ],
    ['total per device', formatBytes(e.totalBytesPerDevice)],
  ]);
}

export function formatInference(e: InferenceEstimate): string {
  return lines([
    ['weights per token', `${formatBytes(e.bytesPerToken)} (${formatCount(e.params)} x ${e.bytesPerParam} bytes)`],
    ['bandwidth', `${formatNumber(e.bandwidthGbPerS)} GB/s`],
    [
      'batch-1 decode',
      `at most ${formatNumber(e.tokensPerSecond)} tokens/s (${formatNumber(e.msPerToken)} ms per token; memory-bound limit)`,
    ],
  ]);
}

export function formatConv(e: ConvEstimate): string {
  return lines([
    ['input', `${e.batch} x ${e.input.join('x')} (N x H x W x C)`],
    ['output', `${e.batch} x ${e.output.join('x')} (N x E x F x M)`],
    ['weights', `${formatCount(e.params)} parameters`],
    ['work', `${formatCount(e.macs)} MACs = ${flopsText(e.flops)}`],
    [
      'im2col matrix',
      `${e.im2col.rows} x ${e.im2col.cols} per image, ${formatCount(e.im2col.elements)} elements, ${formatBytes(e.im2col.bytes)} (f32)`,
    ],
    ['as a GEMM', `[${e.gemm.m} x ${e.gemm.k}] x [${e.gemm.k} x ${e.gemm.n}]`],
  ]);
}

export function formatTransformer(e: TransformerEstimate): string {
  return lines([
    [
      'shape',
      `${e.layers} layers, hidden ${e.hidden}, sequence ${e.seq}, batch ${e.batch}${e.vocab ? `, vocabulary ${e.vocab}` : ''}`,
    ],
    ['parameters', `${formatCount(e.paramsPerLayer)} per layer, ${formatCount(e.params)} in all`],
    ['forward', `${flopsText(e.forwardFlopsPerLayer)} per layer, ${flopsText(e.forwardFlops)} in all`],
    ['training step', `${flopsText(e.trainingFlops)} (3 x forward)`],
  ]);
}

export function formatChinchilla(e: ChinchillaEstimate): string {
  return lines([
    ['parameters', formatCount(e.params)],
    ['tokens', `${formatCount(e.tokens)} (20 per parameter)`],
    ['compute', `${flopsText(e.flops)} (6 x N x D)`],
  ]);
}
