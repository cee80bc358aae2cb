/**
 * Benchmark suites: which kernels, at which sizes or shapes. `--suite NAME` picks one; `--sizes`
 * replaces a suite's sizes and `--kernel` narrows its kernels. The built-in suites are derived
 * from the registry (every kernel of a family, its baseline, its fastest, its peers), so a new
 * kernel joins them by existing; a config adds suites of its own (src/api/config.ts). Each
 * kernel's tuned configuration for the adapter is applied once the adapter is known
 * (src/measure/plan.ts).
 */
import type { SuiteDefinition } from '../api/config.js';
import type { KernelRegistry } from '../api/registry.js';
import type { KernelDescriptor, Params, Shape } from '../api/types.js';
import { convShapeFromSize, toConv2d } from '../api/problems/conv2d.js';
import { im2colGemm } from '../flops/conv.js';
import { WORKLOADS, type WorkloadLayer } from './workloads.js';

/** One entry of a suite: a kernel at a one-number size or an explicit shape. */
export interface SuiteCase {
  kernel: string;
  size?: number;
  shape?: Shape;
  params?: Params;
  /** The model layer the case stands for (the conv-gemm suite: a conv layer, or its lowered GEMM). */
  workload?: { name: string; layer: string; repeat: number };
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
   * add to every run of the suite (the conv suite's peers: ONNX Runtime Web's Conv).
   */
  optIn?(registry: KernelRegistry): string[];
  /** The cases at the given sizes; `scale` (0 < F <= 1, default 1) shrinks the shapes of a scaled suite. */
  cases(registry: KernelRegistry, sizes: readonly number[], scale?: number): SuiteCase[];
}

/** The f32 matmul strategies flopscope measures itself (not peers), the baseline first. */
export function matmulKernels(registry: KernelRegistry, problem?: string): KernelDescriptor[] {
  return registry.family('matmul').filter((k) => problem === undefined || k.problem === problem);
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

/** The conv suite's default sizes: none, meaning the real layer shapes (CONV_LAYER_WORKLOADS). */
const CONV_SIZES: readonly number[] = [];

/** The workloads whose convolutions the conv suite runs (src/suites/workloads.ts). */
export const CONV_LAYER_WORKLOADS = ['alexnet', 'resnet50'] as const;

/** A conv layer of a model, with the model's name. */
export interface ModelLayer extends WorkloadLayer {
  model: string;
}

/**
 * The distinct conv layers of AlexNet and ResNet-50 at `scale`, scaled as src/suites/workloads.ts
 * scales them: height and width x F (rounded, at least the filter size), channels and filters x F
 * (rounded, at least 1); filter size, stride and padding unchanged. Each shape once (its first
 * layer's label and repeat count), in model order.
 */
export function convLayers(scale: number): ModelLayer[] {
  const layers = new Map<string, ModelLayer>();
  for (const model of CONV_LAYER_WORKLOADS) {
    for (const layer of WORKLOADS.find((w) => w.name === model)!.layers(scale)) {
      const key = JSON.stringify(layer.shape);
      if (layer.kind === 'conv' && !layers.has(key)) layers.set(key, { ...layer, model });
    }
  }
  return [...layers.values()];
}

/** The shapes of convLayers: what the conv suite runs. */
export function convLayerShapes(scale: number): Shape[] {
  return convLayers(scale).map((layer) => layer.shape);
}

/** The GEMM im2col lowers a conv shape to (src/flops/conv.ts), as a gemm problem's shape. */
export function loweredGemmShape(conv: Shape): Shape {
  const { m, n, k, batch } = im2colGemm(toConv2d(conv));
  return { batch: batch ?? 1, m, n, k };
}

/**
 * The conv-gemm suite's cases: per layer, every conv strategy on it, then every f32 matmul
 * strategy but the baseline on its lowered GEMM, each labelled with the layer.
 */
function convGemmCases(registry: KernelRegistry, layers: readonly ModelLayer[]): SuiteCase[] {
  const matmuls = matmulKernels(registry, 'gemm f32').filter((k) => !k.baseline);
  return layers.flatMap(({ model, label, shape, repeat }) => {
    const workload = { name: model, layer: label, repeat };
    return [
      ...registry.family('conv').map((k) => ({ kernel: k.name, shape, workload })),
      ...matmuls.map((k) => ({ kernel: k.name, shape: loweredGemmShape(shape), workload })),
    ];
  });
}

/** The square 3x3 layer a one-number size stands for (convShapeFromSize), labelled conv<size>. */
const squareConvLayer = (size: number): ModelLayer => ({
  model: 'square',
  label: `conv${size}`,
  kind: 'conv',
  shape: convShapeFromSize(size),
  repeat: 1,
});

/** MiB per buffer of the bandwidth suite's copies: from cache-sized to past every GPU's last-level cache. */
const COPY_SIZES: readonly number[] = [16, 64, 256];
/** Square matrix sizes of the bandwidth suite's matrix-vector products. */
const GEMV_SIZES: readonly number[] = [1024, 4096];

/** Every kernel at every size, in kernel order within each size. */
const atSizes = (kernels: readonly KernelDescriptor[], sizes: readonly number[]): SuiteCase[] =>
  sizes.flatMap((size) => kernels.map((k) => ({ kernel: k.name, size })));
/** Every kernel at every shape, in kernel order within each shape. */
const atShapes = (kernels: readonly KernelDescriptor[], shapes: readonly Shape[]): SuiteCase[] =>
  shapes.flatMap((shape) => kernels.map((k) => ({ kernel: k.name, shape })));

/** The quick suite's kernels: the matmul baseline and the fastest f32 strategy. */
function quickKernels(registry: KernelRegistry): KernelDescriptor[] {
  return [registry.baseline('matmul'), registry.fastest('matmul', 'gemm f32')].filter(
    (k): k is KernelDescriptor => k !== undefined,
  );
}

/** The built-in suites, in the order `--help` lists them. */
export const SUITES: readonly Suite[] = [
  {
    name: 'quick',
    description:
      'a short run of the matmul kernels at small sizes (default of `npm run bench`): the baseline and the fastest strategy',
    defaultSizes: [128, 256],
    cases: (registry, sizes) => atSizes(quickKernels(registry), sizes),
  },
  {
    name: 'matmul',
    description:
      'every matmul strategy: square 64 to 1024, skinny and batched shapes (given --sizes: those squares only)',
    defaultSizes: MATMUL_SIZES,
    cases: (registry, sizes) => [
      ...atSizes(matmulKernels(registry), sizes),
      // Only with the default sizes: `--sizes 512` asks for 512 alone.
      ...(sizes === MATMUL_SIZES ? atShapes(matmulKernels(registry), MATMUL_EXTRA_SHAPES) : []),
    ],
  },
  {
    name: 'conv',
    description:
      "every conv2d strategy on AlexNet's five conv layers and ResNet-50's stem and bottleneck convs (--scale F shrinks their height, width, channels and filters; given --sizes: square 3x3 layers of that size instead; --kernel ort-conv adds ONNX Runtime Web's WebGPU Conv)",
    defaultSizes: CONV_SIZES,
    scaled: true,
    optIn: (registry) => registry.peers('conv').map((k) => k.name),
    cases: (registry, sizes, scale = 1) => {
      const kernels = [...registry.family('conv'), ...registry.peers('conv')];
      return sizes === CONV_SIZES ? atShapes(kernels, convLayerShapes(scale)) : atSizes(kernels, sizes);
    },
  },
  {
    name: 'conv-gemm',
    description:
      "each 3x3 conv layer of AlexNet and ResNet-50 on every conv strategy, and beside it the GEMM im2col lowers it to (M = N*E*F, N = filters, K = 9*C) on every f32 matmul strategy but the baseline: how near each conv runs to its GEMM's matmul rate (--scale F as the conv suite; given --sizes: square 3x3 layers of that size)",
    defaultSizes: CONV_SIZES,
    scaled: true,
    cases: (registry, sizes, scale = 1) =>
      convGemmCases(
        registry,
        sizes === CONV_SIZES
          ? convLayers(scale).filter((layer) => layer.shape.kernelH === 3)
          : sizes.map(squareConvLayer),
      ),
  },
  {
    name: 'peers',
    description:
      "peer libraries' WebGPU matmul (TensorFlow.js, ONNX Runtime Web) beside flopscope's f32 matmul kernels, same square shapes, inputs and check",
    defaultSizes: [256, 512],
    cases: (registry, sizes) => atSizes([...registry.peers('matmul'), ...matmulKernels(registry, 'gemm f32')], sizes),
  },
  {
    name: 'bandwidth',
    description:
      'memory-bound kernels: copy at 16, 64, 256 MiB per buffer, gemv at 1024 and 4096 square (given --sizes: every bandwidth kernel at those sizes, MiB for copy)',
    defaultSizes: COPY_SIZES,
    cases: (registry, sizes) =>
      sizes === COPY_SIZES
        ? [
            ...atSizes(
              registry.family('bandwidth').filter((k) => k.problem.startsWith('copy')),
              COPY_SIZES,
            ),
            ...atSizes(
              registry.family('bandwidth').filter((k) => k.problem.startsWith('gemv')),
              GEMV_SIZES,
            ),
          ]
        : atSizes(registry.family('bandwidth'), sizes),
  },
];

/** A suite of the user's config as a Suite: its kernels at its sizes, then at its shapes. */
export function configSuite(definition: SuiteDefinition): Suite {
  const defaultSizes = definition.sizes ?? [];
  return {
    name: definition.name,
    description: definition.description ?? `${definition.kernels.join(', ')} (from the config)`,
    defaultSizes,
    cases: (registry, sizes) => {
      const kernels = definition.kernels.map((name) => registry.get(name));
      return [
        ...atSizes(kernels, sizes),
        ...(sizes === defaultSizes ? atShapes(kernels, definition.shapes ?? []) : []),
      ];
    },
  };
}
