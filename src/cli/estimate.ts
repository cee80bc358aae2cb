/**
 * `flopscope estimate ...`: training time, memory, inference speed, conv and transformer work,
 * compute-optimal sizes. Pure arithmetic from src/flops: no browser. Human numbers accepted
 * (82B, 150e9, 312T); --json for scripts.
 */
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import {
  chinchillaEstimate,
  convEstimate,
  inferenceEstimate,
  memoryEstimate,
  trainingEstimate,
  transformerEstimate,
  type MfuSource,
  type PeakSource,
} from '../flops/estimate.js';
import type { ZeroStage } from '../flops/memory.js';
import { parseBandwidthGbPerS, parseHumanNumber } from '../flops/units.js';
import {
  formatChinchilla,
  formatConv,
  formatInference,
  formatMemory,
  formatTraining,
  formatTransformer,
} from '../report/estimate.js';
import type { Results } from '../results/schema.js';
import { readResultsFile } from '../host/results-files.js';
import { findGpu } from '../specs/match.js';
import { writeStdout } from './output.js';

/** A required or optional human number option (`82B`, `1.4e12`), positive, named in errors. */
function number(value: string | number | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  let parsed: number;
  try {
    parsed = parseHumanNumber(String(value));
  } catch (error) {
    throw new UsageError(`--${option}: ${(error as Error).message}`);
  }
  if (!(parsed > 0))
    throw new UsageError(
      `--${option} ${value} must be above 0: give e.g. --${option} ${option === 'mfu' ? '0.4' : '7B'}`,
    );
  return parsed;
}

function required(value: string | number | undefined, option: string, example: string): number {
  if (value === undefined) throw new UsageError(`--${option} is missing: give e.g. --${option} ${example}`);
  return number(value, option)!;
}

function wholeNumber(value: string | number | undefined, option: string, example: string): number {
  const parsed = required(value, option, example);
  if (!Number.isInteger(parsed))
    throw new UsageError(`--${option} ${value} is not a whole number: give e.g. --${option} ${example}`);
  return parsed;
}

function optionalWhole(value: string | number | undefined, option: string, example: string): number | undefined {
  return value === undefined ? undefined : wholeNumber(value, option, example);
}

/** The peak of --peak-tflops or --gpu (the vendor table's f32 vector peak, with its source). */
function peakFrom(args: { 'peak-tflops'?: string | undefined; gpu?: string | undefined }): PeakSource {
  if (args['peak-tflops'] !== undefined)
    return { peakTflops: required(args['peak-tflops'], 'peak-tflops', '989'), source: '--peak-tflops' };
  if (args.gpu !== undefined) {
    const spec = findGpu(args.gpu);
    return { peakTflops: spec.fp32Tflops, source: `${spec.name} f32 vector peak, ${spec.source.url}` };
  }
  throw new UsageError(
    'give the per-GPU peak: --peak-tflops P (e.g. 989 for H100 dense bf16) or --gpu NAME (the f32 vector peak from the vendor table)',
  );
}

/**
 * The MFU a results file measured: its model workload's MFU when it ran one, else its best ok
 * compute case's `mfu` (both against that run's reference peak), else its fraction of the run's
 * measured fma-peak, named as such.
 */
export function measuredMfu(results: Results, path: string): MfuSource {
  // A model workload's MFU is the figure a training estimate wants: all its layers, weighted by time.
  const workload = (results.workloads ?? []).find((w) => w.mfu !== null);
  if (workload && results.peaks.reference) {
    return {
      mfu: Math.min(1, workload.mfu!),
      source: `workload ${workload.name} (scale ${workload.scale}) in ${path}: ${workload.gflops!.toPrecision(3)} GFLOP/s / ${results.peaks.reference.name} ${results.peaks.reference.estimate ? 'estimated ' : ''}f32 peak`,
    };
  }
  const cases = results.cases.filter(
    (c) => c.role === 'benchmark' && c.status === 'ok' && c.metric === 'flops' && c.gflops !== null,
  );
  if (cases.length === 0)
    throw new UsageError(
      `${path} has no successful compute case to take an MFU from: pass a results file of \`flopscope run\` with a matmul`,
    );
  const best = cases.reduce((a, b) => (b.gflops! > a.gflops! ? b : a));
  const reference = results.peaks.reference;
  if (best.mfu !== null && reference?.fp32Tflops) {
    return {
      mfu: Math.min(1, best.mfu),
      source: `${best.id} in ${path}: ${best.gflops!.toPrecision(3)} GFLOP/s / ${reference.name} ${reference.estimate ? 'estimated ' : ''}f32 peak`,
    };
  }
  if (best.fractionOfMeasuredPeak !== null) {
    return {
      mfu: Math.min(1, best.fractionOfMeasuredPeak),
      source: `${best.id} in ${path}: fraction of that run's measured fma-peak (no vendor peak known)`,
    };
  }
  throw new UsageError(
    `${path} knows no peak to take an MFU against: rerun with --gpu NAME or --peak-tflops, or without --no-peak`,
  );
}

type Output = { json: boolean };
const print = async (args: Output, value: unknown, text: string) =>
  writeStdout(args.json ? JSON.stringify(value, null, 2) + '\n' : text + '\n');

/** Registers `estimate` and its subcommands. */
export function registerEstimate<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'estimate',
    'estimates from the FLOP formulas: training, memory, inference, conv, transformer, chinchilla (no GPU needed)',
    (y) =>
      y
        .option('json', { type: 'boolean', default: false, describe: 'print JSON instead of text' })
        .command(
          'training',
          'wall time, GPU-hours and energy of training N parameters on D tokens (6ND)',
          (t) =>
            t
              .option('params', { type: 'string', describe: 'parameters N (e.g. 70B)' })
              .option('tokens', { type: 'string', describe: 'training tokens D (e.g. 1.4T)' })
              .option('gpus', { type: 'string', default: '1', describe: 'number of GPUs' })
              .option('peak-tflops', { type: 'string', describe: 'per-GPU peak in TFLOP/s' })
              .option('gpu', { type: 'string', describe: 'GPU name: its f32 vector peak from the vendor table' })
              .option('mfu', { type: 'string', describe: 'model FLOPs utilization, a fraction (0.4)' })
              .option('from', { type: 'string', describe: 'a results file: also estimate at the MFU it measured' })
              .option('watts', { type: 'string', describe: 'power per GPU in W, for the energy' })
              .option('pue', { type: 'string', default: '1', describe: 'data-centre overhead (1.0-1.5)' })
              .example(
                '$0 estimate training --params 70B --tokens 1.4T --gpus 2048 --peak-tflops 989 --mfu 0.4',
                'Chinchilla-70B on H100s',
              ),
          async (args) => {
            const mfu = number(args.mfu, 'mfu');
            const from = args.from !== undefined ? measuredMfu(readResultsFile(args.from), args.from) : undefined;
            const estimate = trainingEstimate({
              params: required(args.params, 'params', '70B'),
              tokens: required(args.tokens, 'tokens', '1.4T'),
              gpus: wholeNumber(args.gpus, 'gpus', '8'),
              peak: peakFrom(args),
              mfu: mfu === undefined ? undefined : { mfu, source: '--mfu' },
              measured: from,
              watts: number(args.watts, 'watts'),
              pue: number(args.pue, 'pue'),
            });
            await print(args, estimate, formatTraining(estimate));
          },
        )
        .command(
          'memory',
          'mixed-precision Adam bytes per parameter and per device (ZeRO), and activations',
          (t) =>
            t
              .option('params', { type: 'string', describe: 'parameters N' })
              .option('zero', { type: 'string', default: '0', describe: 'ZeRO stage: 0, 1, 2 or 3' })
              .option('gpus', { type: 'string', default: '1', describe: 'data-parallel GPUs' })
              .option('layers', { type: 'string', describe: 'layers (for activations)' })
              .option('hidden', { type: 'string', describe: 'hidden size (for activations)' })
              .option('seq', { type: 'string', describe: 'sequence length (for activations)' })
              .option('batch', { type: 'string', describe: 'micro-batch per GPU (for activations)' })
              .option('heads', { type: 'string', describe: 'attention heads (default hidden / 64)' }),
          async (args) => {
            const zero = Number(args.zero);
            if (![0, 1, 2, 3].includes(zero))
              throw new UsageError(`--zero ${args.zero} is not a ZeRO stage: give 0, 1, 2 or 3`);
            const shapeGiven = [args.layers, args.hidden, args.seq, args.batch].filter((v) => v !== undefined).length;
            if (shapeGiven > 0 && shapeGiven < 4)
              throw new UsageError('activations need all of --layers --hidden --seq --batch: give the four, or none');
            const hidden = optionalWhole(args.hidden, 'hidden', '4096');
            const estimate = memoryEstimate({
              params: required(args.params, 'params', '7B'),
              zeroStage: zero as ZeroStage,
              gpus: wholeNumber(args.gpus, 'gpus', '8'),
              activations:
                shapeGiven === 4
                  ? {
                      layers: wholeNumber(args.layers, 'layers', '32'),
                      hidden: hidden!,
                      seq: wholeNumber(args.seq, 'seq', '2048'),
                      batch: wholeNumber(args.batch, 'batch', '1'),
                      heads:
                        args.heads !== undefined
                          ? wholeNumber(args.heads, 'heads', '32')
                          : Math.max(1, Math.round(hidden! / 64)),
                    }
                  : undefined,
            });
            await print(args, estimate, formatMemory(estimate));
          },
        )
        .command(
          'inference',
          'memory-bound limit of batch-1 decoding: tokens/s = bandwidth / weight bytes',
          (t) =>
            t
              .option('params', { type: 'string', describe: 'parameters N' })
              .option('bandwidth', { type: 'string', describe: 'memory bandwidth: GB/s, or with a unit (3.35TB/s)' })
              .option('bytes-per-param', {
                type: 'string',
                default: '2',
                describe: 'bytes per weight (2 for fp16/bf16, 1 for int8)',
              }),
          async (args) => {
            if (args.bandwidth === undefined)
              throw new UsageError('--bandwidth is missing: give e.g. --bandwidth 3.35TB/s or --bandwidth 900 (GB/s)');
            let bandwidthGbPerS: number;
            try {
              bandwidthGbPerS = parseBandwidthGbPerS(args.bandwidth);
            } catch (error) {
              throw new UsageError(`--bandwidth: ${(error as Error).message}`);
            }
            const estimate = inferenceEstimate({
              params: required(args.params, 'params', '7B'),
              bandwidthGbPerS,
              bytesPerParam: required(args['bytes-per-param'], 'bytes-per-param', '2'),
            });
            await print(args, estimate, formatInference(estimate));
          },
        )
        .command(
          'conv',
          'output shape, weights, MACs, FLOPs and im2col matrices of a conv2d layer',
          (t) =>
            t
              .option('input', { type: 'string', describe: 'input H x W x C, e.g. 227x227x3' })
              .option('filters', { type: 'string', describe: 'number of filters M' })
              .option('kernel', { type: 'string', describe: 'kernel size R (square) or RxS' })
              .option('stride', { type: 'string', default: '1' })
              .option('padding', { type: 'string', default: '0' })
              .option('batch', { type: 'string', default: '1' })
              .example('$0 estimate conv --input 227x227x3 --filters 96 --kernel 11 --stride 4', "AlexNet's conv1"),
          async (args) => {
            const dims = parseDims(args.input, 'input', 3, '227x227x3');
            const kernel =
              args.kernel === undefined
                ? parseDims(undefined, 'kernel', 1, '3')
                : parseDims(args.kernel, 'kernel', args.kernel.includes('x') ? 2 : 1, '3');
            const padding = Number(args.padding);
            if (!Number.isInteger(padding) || padding < 0)
              throw new UsageError(`--padding ${args.padding} is not a whole number >= 0: give e.g. --padding 1`);
            const estimate = convEstimate({
              batch: wholeNumber(args.batch, 'batch', '1'),
              height: dims[0]!,
              width: dims[1]!,
              channels: dims[2]!,
              filters: wholeNumber(args.filters, 'filters', '96'),
              kernelH: kernel[0]!,
              kernelW: kernel[1] ?? kernel[0]!,
              strideH: wholeNumber(args.stride, 'stride', '1'),
              strideW: wholeNumber(args.stride, 'stride', '1'),
              padH: padding,
              padW: padding,
            });
            await print(args, estimate, formatConv(estimate));
          },
        )
        .command(
          'transformer',
          'parameters and forward/training FLOPs per layer and in all',
          (t) =>
            t
              .option('hidden', { type: 'string', describe: 'hidden size H' })
              .option('seq', { type: 'string', describe: 'sequence length L' })
              .option('layers', { type: 'string', describe: 'layers' })
              .option('batch', { type: 'string', default: '1' })
              .option('vocab', { type: 'string', describe: 'vocabulary (adds the embedding and LM head)' }),
          async (args) => {
            const estimate = transformerEstimate({
              hidden: wholeNumber(args.hidden, 'hidden', '768'),
              seq: wholeNumber(args.seq, 'seq', '512'),
              layers: wholeNumber(args.layers, 'layers', '12'),
              batch: wholeNumber(args.batch, 'batch', '1'),
              vocab: optionalWhole(args.vocab, 'vocab', '50257'),
            });
            await print(args, estimate, formatTransformer(estimate));
          },
        )
        .command(
          'chinchilla',
          'compute-optimal tokens for a model size, or model size for a compute budget',
          (t) =>
            t
              .option('params', { type: 'string', describe: 'parameters N' })
              .option('flops', { type: 'string', describe: 'compute budget C in FLOPs' }),
          async (args) => {
            if ((args.params === undefined) === (args.flops === undefined))
              throw new UsageError('give exactly one of --params N or --flops C');
            const estimate = chinchillaEstimate(
              args.params !== undefined
                ? { params: required(args.params, 'params', '70B') }
                : { flops: required(args.flops, 'flops', '5.76e23') },
            );
            await print(args, estimate, formatChinchilla(estimate));
          },
        )
        .demandCommand(1, 'give an estimate: training, memory, inference, conv, transformer, chinchilla'),
  );
}

/** `227x227x3` as `count` positive whole numbers. */
function parseDims(text: string | undefined, option: string, count: number, example: string): number[] {
  if (text === undefined) throw new UsageError(`--${option} is missing: give e.g. --${option} ${example}`);
  const parts = text.split(/x/i).map((part) => Number(part.trim()));
  if (parts.length !== count || parts.some((part) => !Number.isInteger(part) || part <= 0)) {
    throw new UsageError(
      `--${option} ${text} is not ${count === 1 ? 'a positive whole number' : `${count} positive whole numbers joined by x`}: give e.g. --${option} ${example}`,
    );
  }
  return parts;
}
