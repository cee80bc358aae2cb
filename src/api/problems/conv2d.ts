/**
 * The conv2d problem (NHWC input [N,H,W,C], filters [R,S,C,M], output [N,E,F,M], one stride and
 * one padding for both axes): its buffers, its useful work (src/flops/conv.ts), its uniforms and
 * its CPU reference computed from the definition of convolution (no im2col). A conv kernel adds
 * only its shaders, parameters and dispatch.
 */
import { convBytes, convFlops, convOutputShape, im2colGemm, type Conv2dShape } from '../../flops/conv.js';
import type { BufferSpec, KernelProblem, ReferenceValue, Shape, UniformValue } from '../types.js';
import { dotTolerance } from './gemm.js';

/**
 * A conv kernel shape with every field present, one stride and padding for both axes: the names
 * src/suites/workloads.ts uses.
 */
export type ConvShape = Omit<Conv2dShape, 'strideH' | 'strideW' | 'padH' | 'padW'> & { stride: number; pad: number };

/** The conv fields of a kernel shape (batch 1, stride 1 and pad 0 when absent). */
export function convShape(shape: Shape): ConvShape {
  const { height, width, channels, filters, kernelH, kernelW, batch = 1, stride = 1, pad = 0 } = shape;
  if (
    height === undefined ||
    width === undefined ||
    channels === undefined ||
    filters === undefined ||
    kernelH === undefined ||
    kernelW === undefined
  ) {
    throw new Error(`not a conv2d shape: ${JSON.stringify(shape)}`);
  }
  return { batch, height, width, channels, filters, kernelH, kernelW, stride, pad };
}

/** The same shape in src/flops's terms (one stride and padding for both axes). */
export function toConv2d(shape: Shape): Conv2dShape {
  const { stride, pad, ...rest } = convShape(shape);
  return { ...rest, strideH: stride, strideW: stride, padH: pad, padW: pad };
}

/** Output height E and width F (src/flops/conv.ts; a UsageError when the kernel does not fit). */
export function convOutput(shape: Shape): { outH: number; outW: number } {
  const out = convOutputShape(toConv2d(shape));
  return { outH: out.height, outW: out.width };
}

/**
 * The square layer a one-number size stands for (`--sizes 64`): a batch-1 64x64 image with 64
 * channels, 64 filters of 3x3, stride 1, padding 1 (the output keeps the input's size), like the
 * 3x3 convolutions of a ResNet stage. Its im2col GEMM is size^2 x size x 9 size.
 */
export function convShapeFromSize(size: number): Shape {
  return {
    batch: 1,
    height: size,
    width: size,
    channels: size,
    filters: size,
    kernelH: 3,
    kernelW: 3,
    stride: 1,
    pad: 1,
  };
}

/**
 * Uniform block `Conv` the conv shaders declare: the shape, the output size and the reduction
 * length K = R x S x C, 12 u32 values.
 */
export function convUniforms(shape: Shape): UniformValue[] {
  const s = convShape(shape);
  const { outH, outW } = convOutput(shape);
  return [
    s.batch,
    s.height,
    s.width,
    s.channels,
    s.filters,
    s.kernelH,
    s.kernelW,
    s.stride,
    s.pad,
    outH,
    outW,
    s.kernelH * s.kernelW * s.channels,
  ].map((u32) => ({ u32 }));
}

/**
 * Output element `index` (NHWC order) computed from the definition: sum over r, s, c of
 * input[n, oy*stride - pad + r, ox*stride - pad + s, c] x filter[r, s, c, m], taps in the padding
 * being zero; in double precision, with the sum of |products| its error bound scales with.
 */
export function convDot(
  inputs: Readonly<Record<string, Float32Array>>,
  shape: Shape,
  index: number,
): { value: number; sumAbs: number } {
  const { height, width, channels, filters, kernelH, kernelW, stride, pad } = convShape(shape);
  const { outH, outW } = convOutput(shape);
  const input = inputs.input!;
  const filter = inputs.filter!;
  const m = index % filters;
  const ox = Math.floor(index / filters) % outW;
  const oy = Math.floor(index / (filters * outW)) % outH;
  const n = Math.floor(index / (filters * outW * outH));
  let value = 0;
  let sumAbs = 0;
  for (let r = 0; r < kernelH; r++) {
    const iy = oy * stride - pad + r;
    if (iy < 0 || iy >= height) continue;
    for (let s = 0; s < kernelW; s++) {
      const ix = ox * stride - pad + s;
      if (ix < 0 || ix >= width) continue;
      const inBase = ((n * height + iy) * width + ix) * channels;
      const filterBase = (r * kernelW + s) * channels * filters + m;
      for (let c = 0; c < channels; c++) {
        const product = input[inBase + c]! * filter[filterBase + c * filters]!;
        value += product;
        sumAbs += Math.abs(product);
      }
    }
  }
  return { value, sumAbs };
}

/**
 * Shapes that tell a correct conv from a wrong one: H != W, R != S, stride 2 with padding, batch 2, a 1-wide
 * filter.
 */
const CONV_TEST_SHAPES: readonly Shape[] = [
  { batch: 2, height: 9, width: 13, channels: 5, filters: 7, kernelH: 3, kernelW: 2, stride: 2, pad: 1 },
  { batch: 1, height: 12, width: 10, channels: 8, filters: 12, kernelH: 1, kernelW: 3, stride: 1, pad: 0 },
];

/** conv2d in NHWC, f32. */
export function conv2d(): KernelProblem {
  return {
    name: 'conv2d f32',
    summary: 'conv2d NHWC f32',
    family: 'conv',
    metric: 'flops',
    output: 'output',
    shapeFromSize: convShapeFromSize,
    /** e.g. `1x56x56x64 * 3x3x64x64 /1 p1`: input N x H x W x C, filters R x S x C x M, stride, padding. */
    formatShape(shape: Shape): string {
      const s = convShape(shape);
      return `${s.batch}x${s.height}x${s.width}x${s.channels} * ${s.kernelH}x${s.kernelW}x${s.channels}x${s.filters} /${s.stride} p${s.pad}`;
    },
    checkShape: checkConvShape,
    buffers(shape: Shape): BufferSpec[] {
      const s = convShape(shape);
      const { outH, outW } = convOutput(shape);
      return [
        { name: 'input', role: 'input', type: 'f32', length: s.batch * s.height * s.width * s.channels },
        { name: 'filter', role: 'input', type: 'f32', length: s.kernelH * s.kernelW * s.channels * s.filters },
        { name: 'output', role: 'output', type: 'f32', length: s.batch * outH * outW * s.filters },
      ];
    },
    /** Useful FLOPs: 2 N M E F R S C (convFlops), the same for every strategy. */
    flops: (shape: Shape): number => convFlops(toConv2d(shape)),
    /** Least bytes: input, filters and output once each (convBytes); im2col's scratch traffic is not useful work. */
    bytes: (shape: Shape): number => convBytes(toConv2d(shape)),
    reference(inputs, shape, _params, index): ReferenceValue {
      const { value, sumAbs } = convDot(inputs, shape, index);
      return { value, tolerance: dotTolerance(im2colGemm(toConv2d(shape)).k, sumAbs, value) };
    },
    uniforms: convUniforms,
    testShapes: CONV_TEST_SHAPES,
  };
}

/** Why a conv shape cannot be run (the kernel does not fit the padded input), or null. */
export function checkConvShape(shape: Shape): string | null {
  try {
    convShape(shape);
    convOutput(shape);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
