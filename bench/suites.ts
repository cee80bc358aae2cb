/**
 * Benchmark suites: which kernels, at which sizes, with which configurations. `--suite NAME`
 * picks one; `--sizes` replaces a suite's sizes and `--kernel` narrows its kernels.
 */
import type { Params, Shape } from '../src/kernels/types.js';
import { WORKLOADS } from './workloads.js';

/** What a configuration is tuned for: a CPU-rendered adapter (SwiftShader, lavapipe, ...) or a GPU. */
export type AdapterClass = 'software' | 'gpu';

/** One entry of a suite: a kernel at a one-number size or an explicit shape. */
export interface SuiteCase {
  kernel: string;
  size?: number;
  shape?: Shape;
  params?: Params;
  /** Configurations for each class of adapter, applied once the adapter is known (over `params`). */
  paramsByAdapter?: Partial<Record<AdapterClass, Params>>;
}

/** A named list of cases. */
export interface Suite {
  name: string;
  description: string;
  /** Sizes used when --sizes is not given. */
  defaultSizes: readonly number[];
  /** Whether `--scale F` shrinks its shapes (others refuse --scale). */
  scaled?: boolean;
  /**
   * Kernels among the suite's cases that run only when `--kernel` names them: peers too slow to
   * add to every run of the suite.
   */
  optIn?: readonly string[];
  /** The cases at the given sizes; `scale` (0 < F <= 1, default 1) shrinks the shapes of a scaled suite. */
  cases(sizes: readonly number[], scale?: number): SuiteCase[];
}

/** Every matmul strategy, the baseline first. */
export const MATMUL_KERNELS = ['matmul-naive', 'matmul-tiled', 'matmul-blocked', 'matmul-subgroup', 'matmul-f16'] as const;

/**
 * Best configurations found by `flopscope tune`, per class of adapter, kernel and square size
 * (`0`: any other size). Software: SwiftShader/Subzero on a 2-core x86-64, 2026-11-24; sizes not
 * listed use the kernel's defaults, tuned there at 512; small sizes want smaller blocks, so that
 * every core gets workgroups. GPU: an NVIDIA H100 under Dawn/Vulkan, --budget 40 at 2048,
 * 2026-11-24 (subgroup 6.9 TFLOP/s there; blocked 12.2 and tiled 14.8 TFLOP/s in a second
 * --budget 40 search, whose picks are these).
 */
export const TUNED_PARAMS: Readonly<Record<AdapterClass, Readonly<Record<string, Readonly<Record<number, Params>>>>>> = {
  software: {
    'matmul-subgroup': {
      64: { WG_SIZE: 32, QUADS_N: 8, TM: 8, TN: 8, KSTEP: 8 },
      128: { WG_SIZE: 16, QUADS_N: 2, TM: 8, TN: 32, KSTEP: 8 },
      // tune --budget 12 at 256 ranked it first (12.5 GFLOP/s); two alternating runs each gave
      // 12.36 and 12.40 GFLOP/s against 11.40 and 11.92 for the kernel's default.
      256: { WG_SIZE: 64, QUADS_N: 4, TM: 16, TN: 32, KSTEP: 8 },
    },
    'matmul-blocked': {
      128: { WG_X: 1, WG_Y: 8, TM: 16, TN: 32, KSTEP: 8 },
      256: { WG_X: 8, WG_Y: 4, TM: 16, TN: 32, KSTEP: 8 },
    },
  },
  gpu: {
    'matmul-subgroup': { 0: { WG_SIZE: 128, QUADS_N: 8, TM: 1, TN: 16, KSTEP: 4 } },
    'matmul-blocked': { 0: { WG_X: 2, WG_Y: 16, TM: 4, TN: 4, KSTEP: 8 } },
    'matmul-tiled': { 0: { WG_X: 16, WG_Y: 32, RM: 4, RN: 2, TK: 16 } },
    'matmul-f16': { 0: { WG_X: 8, WG_Y: 8, TM: 2, TN: 16, KSTEP: 4 } },
  },
};

/** `kernel` at `size` (or `shape`), with its tuned configuration for each adapter class where there is one. */
function tunedCase(kernel: string, size: number | null, shape?: Shape): SuiteCase {
  const paramsByAdapter: Partial<Record<AdapterClass, Params>> = {};
  for (const adapter of ['software', 'gpu'] as const) {
    const bySize = TUNED_PARAMS[adapter][kernel];
    const params = (size !== null ? bySize?.[size] : undefined) ?? bySize?.[0];
    if (params) paramsByAdapter[adapter] = params;
  }
  return { kernel, ...(size !== null ? { size } : { shape: shape! }), ...(Object.keys(paramsByAdapter).length ? { paramsByAdapter } : {}) };
}

/** The matmul suite's default square sizes. */
const MATMUL_SIZES: readonly number[] = [64, 128, 256, 512, 1024];

/**
 * Shapes the matmul suite adds to its default sizes: skinny products (a 64-wide side: little
 * reuse along it) and a batched one.
 */
export const MATMUL_EXTRA_SHAPES: readonly Shape[] = [
  { batch: 1, m: 1024, n: 64, k: 1024 },
  { batch: 1, m: 64, n: 1024, k: 1024 },
  { batch: 1, m: 1024, n: 1024, k: 64 },
  { batch: 8, m: 256, n: 256, k: 256 },
];

/** Every conv2d strategy, the direct one first. */
export const CONV_KERNELS = ['conv-direct', 'conv-im2col', 'conv-implicit-gemm'] as const;

/**
 * Peers the conv suite runs on the same layers only when `--kernel` names them, so that a plain
 * `--suite conv` keeps its cases and its length.
 */
export const CONV_PEER_KERNELS = ['ort-conv'] as const;

/** The conv suite's default sizes: none, meaning the real layer shapes (CONV_LAYER_WORKLOADS). */
const CONV_SIZES: readonly number[] = [];

/** The workloads whose convolutions the conv suite runs (bench/workloads.ts). */
export const CONV_LAYER_WORKLOADS = ['alexnet', 'resnet50'] as const;

/**
 * The distinct conv layers of AlexNet and ResNet-50 at `scale`, scaled as bench/workloads.ts
 * scales them: height and width x F (rounded, at least the filter size), channels and filters x F
 * (rounded, at least 1); filter size, stride and padding unchanged. Each shape once, in model order.
 */
export function convLayerShapes(scale: number): Shape[] {
  const shapes = new Map<string, Shape>();
  for (const name of CONV_LAYER_WORKLOADS) {
    const workload = WORKLOADS.find((w) => w.name === name)!;
    for (const layer of workload.layers(scale)) {
      if (layer.kind === 'conv') shapes.set(JSON.stringify(layer.shape), layer.shape);
    }
  }
  return [...shapes.values()];
}

/**
 * What the peers suite runs side by side at each size: TF.js's WebGPU matMul and ONNX Runtime
 * Web's WebGPU MatMul (src/peers), then flopscope's f32 matmul strategies in their tuned
 * configurations. The one list to edit.
 */
export const PEER_SUITE_KERNELS = ['tfjs-matmul', 'ort-matmul', 'matmul-naive', 'matmul-tiled', 'matmul-blocked', 'matmul-subgroup'] as const;

/** MiB per buffer of the bandwidth suite's copies: from cache-sized to past every GPU's last-level cache. */
const COPY_SIZES: readonly number[] = [16, 64, 256];
/** Square matrix sizes of the bandwidth suite's matrix-vector products. */
const GEMV_SIZES: readonly number[] = [1024, 4096];

/** All suites, in the order `--help` lists them. */
export const SUITES: readonly Suite[] = [
  {
    name: 'quick',
    description: 'a short run of the matmul kernels at small sizes (default of `npm run bench`): the baseline and the fastest strategy',
    defaultSizes: [128, 256],
    cases: (sizes) => sizes.flatMap((size) => ['matmul-naive', 'matmul-subgroup'].map((kernel) => tunedCase(kernel, size))),
  },
  {
    name: 'matmul',
    description: 'every matmul strategy in its tuned configuration: square 64 to 1024, skinny and batched shapes (given --sizes: those squares only)',
    defaultSizes: MATMUL_SIZES,
    cases: (sizes) => [
      ...sizes.flatMap((size) => MATMUL_KERNELS.map((kernel) => tunedCase(kernel, size))),
      // Only with the default sizes: `--sizes 512` asks for 512 alone.
      ...(sizes === MATMUL_SIZES ? MATMUL_EXTRA_SHAPES.flatMap((shape) => MATMUL_KERNELS.map((kernel) => tunedCase(kernel, null, shape))) : []),
    ],
  },
  {
    name: 'conv',
    description:
      "every conv2d strategy on AlexNet's five conv layers and ResNet-50's stem and bottleneck convs (--scale F shrinks their height, width, channels and filters; given --sizes: square 3x3 layers of that size instead; --kernel ort-conv adds ONNX Runtime Web's WebGPU Conv)",
    defaultSizes: CONV_SIZES,
    scaled: true,
    optIn: CONV_PEER_KERNELS,
    cases: (sizes, scale = 1) =>
      sizes === CONV_SIZES
        ? convLayerShapes(scale).flatMap((shape) => [...CONV_KERNELS, ...CONV_PEER_KERNELS].map((kernel) => ({ kernel, shape })))
        : sizes.flatMap((size) => [...CONV_KERNELS, ...CONV_PEER_KERNELS].map((kernel) => ({ kernel, size }))),
  },
  {
    name: 'peers',
    description: "TensorFlow.js's WebGPU tf.matMul and ONNX Runtime Web's WebGPU MatMul beside flopscope's f32 matmul kernels, same square shapes, inputs and check",
    defaultSizes: [256, 512],
    cases: (sizes) => sizes.flatMap((size) => PEER_SUITE_KERNELS.map((kernel) => tunedCase(kernel, size))),
  },
  {
    name: 'bandwidth',
    description: 'memory-bound kernels: copy at 16, 64, 256 MiB per buffer, gemv at 1024 and 4096 square (given --sizes: both at those sizes, MiB for copy)',
    defaultSizes: COPY_SIZES,
    cases: (sizes) =>
      sizes === COPY_SIZES
        ? [...COPY_SIZES.map((size) => ({ kernel: 'copy', size })), ...GEMV_SIZES.map((size) => ({ kernel: 'gemv', size }))]
        : sizes.flatMap((size) => ['copy', 'gemv'].map((kernel) => ({ kernel, size }))),
  },
];
