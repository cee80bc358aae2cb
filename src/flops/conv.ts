/**
 * Conv2d counting and its lowering to GEMM by im2col (domain.md, "Operations": conv2d and
 * "Convolution lowering"). Layout NHWC: N images of H x W x C, M filters of R x S x C,
 * output N x E x F x M. No bias adds and no dilation are counted.
 */
import { UsageError } from '../errors.js';
import { type GemmShape, gemmBytes } from './gemm.js';
import { requirePositive, requirePositiveInteger, requireNonNegativeInteger } from './validate.js';

/**
 * A 2-D convolution, NHWC: `batch` images of height x width x channels, `filters` kernels of kernelH x
 * kernelW x channels. Strides default to 1, padding to 0.
 */
export interface Conv2dShape {
  batch: number;
  height: number;
  width: number;
  channels: number;
  filters: number;
  kernelH: number;
  kernelW: number;
  strideH?: number;
  strideW?: number;
  padH?: number;
  padW?: number;
}

/** Output tensor of a conv2d, NHWC: `channels` is the number of filters M. */
export interface Conv2dOutputShape {
  batch: number;
  height: number;
  width: number;
  channels: number;
}

/**
 * Output size along one axis: E = floor((H + 2p - R) / s) + 1 (domain.md). Throws a
 * UsageError when the kernel does not fit in the padded input (E < 1).
 */
export function convOutputSize(inputSize: number, kernelSize: number, stride = 1, padding = 0): number {
  requirePositiveInteger('inputSize', inputSize);
  requirePositiveInteger('kernelSize', kernelSize);
  requirePositiveInteger('stride', stride);
  requireNonNegativeInteger('padding', padding);
  const padded = inputSize + 2 * padding;
  if (padded < kernelSize) {
    throw new UsageError(
      `kernelSize ${kernelSize} is larger than the padded input ${inputSize} + 2 x ${padding} = ${padded}: ` +
        'use a smaller kernel, more padding or a larger input',
    );
  }
  return Math.floor((padded - kernelSize) / stride) + 1;
}

/** The output shape N x E x F x M of a conv2d; checks every field of the shape. */
export function convOutputShape(shape: Conv2dShape): Conv2dOutputShape {
  const { batch, height, width, channels, filters, kernelH, kernelW } = shape;
  const { strideH = 1, strideW = 1, padH = 0, padW = 0 } = shape;
  requirePositiveInteger('batch', batch);
  requirePositiveInteger('channels', channels);
  requirePositiveInteger('filters', filters);
  return {
    batch,
    height: convOutputSize(height, kernelH, strideH, padH),
    width: convOutputSize(width, kernelW, strideW, padW),
    channels: filters,
  };
}

/** Multiply-accumulates of a conv2d: N x M x E x F x R x S x C (domain.md). */
export function convMacs(shape: Conv2dShape): number {
  const out = convOutputShape(shape);
  return out.batch * out.channels * out.height * out.width * shape.kernelH * shape.kernelW * shape.channels;
}

/** Useful FLOPs of a conv2d: 2 x MACs (an FMA is 2 FLOPs); padding zeros count as useful, as in the formula. */
export function convFlops(shape: Conv2dShape): number {
  return 2 * convMacs(shape);
}

/**
 * Weights of a conv2d: R x S x C x M, plus M biases only with `{ bias: true }` (the default
 * leaves them out, matching convMacs, which counts no bias adds).
 */
export function convParams(shape: Conv2dShape, { bias = false }: { bias?: boolean } = {}): number {
  convOutputShape(shape);
  const weights = shape.kernelH * shape.kernelW * shape.channels * shape.filters;
  return weights + (bias ? shape.filters : 0);
}

/**
 * Least bytes a direct conv2d must move: read the input and the weights once, write the
 * output once, in elements of `bytesPerElement` (4 for f32). No bias.
 */
export function convBytes(shape: Conv2dShape, bytesPerElement = 4): number {
  requirePositive('bytesPerElement', bytesPerElement);
  const out = convOutputShape(shape);
  const input = shape.batch * shape.height * shape.width * shape.channels;
  const output = out.batch * out.height * out.width * out.channels;
  return bytesPerElement * (input + convParams(shape) + output);
}

/** Size of the im2col matrix: `rows` x `cols` per image, `batch` images, and its bytes. */
export interface Im2colShape {
  /** R x S x C: one patch. */
  rows: number;
  /** E x F: one column per output pixel of one image. */
  cols: number;
  batch: number;
  /** batch x rows x cols */
  elements: number;
  bytes: number;
}

/**
 * The unfolded input of im2col (domain.md): a (R*S*C) x (E*F) matrix per image, `batch`
 * of them, and the bytes that materialising it costs at `bytesPerElement` (4 for f32).
 */
export function im2colShape(shape: Conv2dShape, bytesPerElement = 4): Im2colShape {
  requirePositive('bytesPerElement', bytesPerElement);
  const out = convOutputShape(shape);
  const rows = shape.kernelH * shape.kernelW * shape.channels;
  const cols = out.height * out.width;
  const elements = shape.batch * rows * cols;
  return { rows, cols, batch: shape.batch, elements, bytes: elements * bytesPerElement };
}

/**
 * The GEMM that im2col lowers a conv2d to, in NHWC orientation:
 * output[N*E*F, M] = patches[N*E*F, R*S*C] x weights[R*S*C, M], so m = N*E*F, n = M,
 * k = R*S*C, batch 1. The images are stacked into M rather than batched because they share
 * the weights: gemmBytes then counts the weights once, and the output is already NHWC.
 * The patches matrix is the transpose of the per-image (R*S*C) x (E*F) of im2colShape,
 * stacked: each output pixel's patch is contiguous. gemmFlops of it equals convFlops.
 */
export function im2colGemm(shape: Conv2dShape): GemmShape {
  const out = convOutputShape(shape);
  return {
    m: out.batch * out.height * out.width,
    n: out.channels,
    k: shape.kernelH * shape.kernelW * shape.channels,
    batch: 1,
  };
}

/**
 * Least bytes the im2col pass itself moves (no FLOPs): read the input once and write the
 * unfolded matrix once, in elements of `bytesPerElement` (4 for f32).
 */
export function im2colBytes(shape: Conv2dShape, bytesPerElement = 4): number {
  const unfolded = im2colShape(shape, bytesPerElement);
  const input = shape.batch * shape.height * shape.width * shape.channels;
  return input * bytesPerElement + unfolded.bytes;
}

/**
 * Least bytes of the whole lowering, im2col pass + GEMM (domain.md: report both the GEMM
 * and the whole lowering): im2colBytes + gemmBytes(im2colGemm).
 */
export function im2colLoweringBytes(shape: Conv2dShape, bytesPerElement = 4): number {
  return im2colBytes(shape, bytesPerElement) + gemmBytes(im2colGemm(shape), bytesPerElement);
}
