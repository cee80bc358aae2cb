/**
 * Model workloads: the layers of a network as kernel cases, each run once and counted as many
 * times as the model runs it (`repeat`), so that a workload reports its own time, FLOP/s and MFU.
 * Shapes come from src/flops (transformer GEMMs, conv layers); `--scale F` shrinks them for slow
 * adapters (software adapters default to SOFTWARE_SCALE, hardware to full size).
 */
import { decodeStepGemvs, transformerLayerGemms, type NamedGemm } from '../flops/transformer.js';
import type { Shape } from '../api/types.js';

/** What a layer runs: a GEMM (batched) or a conv2d (NHWC). */
export type LayerKind = 'gemm' | 'conv';

/** One layer of a workload. */
export interface WorkloadLayer {
  label: string;
  kind: LayerKind;
  shape: Shape;
  /** How many times the model runs it per workload (e.g. 12 layers). */
  repeat: number;
}

/** A named workload. */
export interface Workload {
  name: string;
  description: string;
  layers(scale: number): WorkloadLayer[];
}

/** Default --scale for workloads on software adapters (SwiftShader and the like): minutes, not hours. */
export const SOFTWARE_SCALE = 0.25;

/**
 * Kernels a layer kind runs on, fastest first; the first one registered and supported by the
 * adapter is used (matmul-subgroup needs the subgroups feature).
 */
export const LAYER_KERNELS: Readonly<Record<LayerKind, readonly string[]>> = {
  gemm: ['matmul-subgroup', 'matmul-blocked', 'matmul-tiled', 'matmul-naive'],
  conv: ['conv-implicit-gemm', 'conv-im2col', 'conv-direct'],
};

/** `value` x `scale`, rounded to a multiple of `multiple`, at least `least`. */
export function scaleCount(value: number, scale: number, multiple = 1, least = multiple): number {
  return Math.max(least, Math.round((value * scale) / multiple) * multiple);
}

function gemmLayers(gemms: readonly NamedGemm[], prefix: string, repeat: number): WorkloadLayer[] {
  return gemms.map((gemm) => ({
    label: `${prefix}${gemm.name}`,
    kind: 'gemm',
    shape: { batch: gemm.batch, m: gemm.m, n: gemm.n, k: gemm.k },
    repeat,
  }));
}

/**
 * A transformer encoder/decoder layer's GEMMs at a scaled width and sequence (hidden stays a multiple of the
 * heads).
 */
function transformerLayers(
  hidden: number,
  heads: number,
  seq: number,
  layers: number,
  scale: number,
  prefix = '',
): WorkloadLayer[] {
  const scaledHidden = scaleCount(hidden, scale, heads * 4);
  const scaledSeq = scaleCount(seq, scale, 4);
  return gemmLayers(transformerLayerGemms({ hidden: scaledHidden, heads, seq: scaledSeq, batch: 1 }), prefix, layers);
}

/** A conv layer (NHWC, square kernel) scaled in its spatial size and channels (spatial at least the kernel). */
function conv(
  label: string,
  size: number,
  channels: number,
  filters: number,
  kernel: number,
  stride: number,
  pad: number,
  scale: number,
  repeat = 1,
): WorkloadLayer {
  const height = Math.max(kernel, Math.round(size * scale));
  return {
    label,
    kind: 'conv',
    shape: {
      batch: 1,
      height,
      width: height,
      channels: scaleCount(channels, scale, 1, Math.min(channels, 1)),
      filters: scaleCount(filters, scale),
      kernelH: kernel,
      kernelW: kernel,
      stride,
      pad,
    },
    repeat,
  };
}

/** ResNet-50's bottleneck convolutions of one stage: 1x1 reduce, 3x3, 1x1 expand, `blocks` times. */
function resnetStage(
  stage: number,
  size: number,
  inChannels: number,
  width: number,
  blocks: number,
  scale: number,
): WorkloadLayer[] {
  return [
    conv(`stage${stage}.reduce1x1`, size, inChannels, width, 1, 1, 0, scale, blocks),
    conv(`stage${stage}.conv3x3`, size, width, width, 3, 1, 1, scale, blocks),
    conv(`stage${stage}.expand1x1`, size, width, 4 * width, 1, 1, 0, scale, blocks),
  ];
}

/** Every workload, in the order `--help` lists them. */
export const WORKLOADS: readonly Workload[] = [
  {
    name: 'bert-base',
    description:
      'a BERT-base encoder layer forward (H=768, 12 heads) at sequence 128 and 512: QKV, scores, context, output and MLP GEMMs (x12 layers)',
    layers: (scale) => [
      ...transformerLayers(768, 12, 128, 12, scale, 'seq128.'),
      ...transformerLayers(768, 12, 512, 12, scale, 'seq512.'),
    ],
  },
  {
    name: 'gpt2-small',
    description: 'a GPT-2-small decoder layer forward (H=768, 12 heads, sequence 1024, x12 layers)',
    layers: (scale) => transformerLayers(768, 12, 1024, 12, scale),
  },
  {
    name: 'gpt2-decode',
    description: 'one GPT-2-small decode step at batch 1 over a 1024-token KV cache: GEMVs, memory-bound (x12 layers)',
    layers: (scale) => {
      const hidden = scaleCount(768, scale, 12 * 4);
      return gemmLayers(decodeStepGemvs({ hidden, heads: 12, kvLength: scaleCount(1024, scale, 4) }), '', 12);
    },
  },
  {
    name: 'alexnet',
    description: "AlexNet's five conv layers (conv1: 227x227x3, 96 filters 11x11 stride 4 -> 55x55x96)",
    layers: (scale) => [
      conv('conv1', 227, 3, 96, 11, 4, 0, scale),
      conv('conv2', 27, 96, 256, 5, 1, 2, scale),
      conv('conv3', 13, 256, 384, 3, 1, 1, scale),
      conv('conv4', 13, 384, 384, 3, 1, 1, scale),
      conv('conv5', 13, 384, 256, 3, 1, 1, scale),
    ],
  },
  {
    name: 'resnet50',
    description:
      "ResNet-50's convolutions: the 7x7 stem and each stage's bottleneck 1x1/3x3/1x1 convs as in its steady-state blocks (x3, x4, x6, x3; the first block's stride and projection left out)",
    layers: (scale) => [
      conv('stem7x7', 224, 3, 64, 7, 2, 3, scale),
      ...resnetStage(2, 56, 256, 64, 3, scale),
      ...resnetStage(3, 28, 512, 128, 4, scale),
      ...resnetStage(4, 14, 1024, 256, 6, scale),
      ...resnetStage(5, 7, 2048, 512, 3, scale),
    ],
  },
];
