import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  type Conv2dShape,
  convBytes,
  convFlops,
  convMacs,
  convOutputShape,
  convOutputSize,
  convParams,
  im2colBytes,
  im2colGemm,
  im2colLoweringBytes,
  im2colShape,
} from '../../src/flops/conv.js';
import { gemmBytes, gemmFlops } from '../../src/flops/gemm.js';

// AlexNet conv1 (Krizhevsky et al. 2012, as in common implementations): 227x227x3 input,
// 96 filters of 11x11x3, stride 4, no padding.
const alexnetConv1: Conv2dShape = {
  batch: 1,
  height: 227,
  width: 227,
  channels: 3,
  filters: 96,
  kernelH: 11,
  kernelW: 11,
  strideH: 4,
  strideW: 4,
};

// ResNet-50 conv1 (He et al. 2015): 224x224x3 input, 64 filters of 7x7x3, stride 2, padding 3.
const resnetConv1: Conv2dShape = {
  batch: 1,
  height: 224,
  width: 224,
  channels: 3,
  filters: 64,
  kernelH: 7,
  kernelW: 7,
  strideH: 2,
  strideW: 2,
  padH: 3,
  padW: 3,
};

describe('convOutputSize', () => {
  it('is floor((H + 2p - R) / s) + 1', () => {
    expect(convOutputSize(227, 11, 4, 0)).toBe(55); // (227 - 11) / 4 + 1 = 54 + 1
    expect(convOutputSize(224, 7, 2, 3)).toBe(112); // floor(223 / 2) + 1 = 111 + 1
    expect(convOutputSize(5, 3)).toBe(3); // stride 1, no padding: 5 - 3 + 1
    expect(convOutputSize(5, 3, 1, 1)).toBe(5); // "same" padding
    expect(convOutputSize(3, 3)).toBe(1);
  });

  it('throws a UsageError when the kernel does not fit the padded input', () => {
    expect(() => convOutputSize(2, 3)).toThrow(UsageError);
    expect(() => convOutputSize(2, 3)).toThrow(
      'kernelSize 3 is larger than the padded input 2 + 2 x 0 = 2: use a smaller kernel, more padding or a larger input',
    );
    expect(() => convOutputSize(8, 3, 0)).toThrow('stride must be an integer >= 1, got 0');
    expect(() => convOutputSize(8, 3, 1, -1)).toThrow('padding must be an integer >= 0, got -1');
  });
});

describe('conv2d counts', () => {
  it('AlexNet conv1: 55x55x96 output, 105,415,200 MACs', () => {
    expect(convOutputShape(alexnetConv1)).toEqual({ batch: 1, height: 55, width: 55, channels: 96 });
    // 55*55*96 outputs x 11*11*3 MACs each = 290,400 x 363
    expect(convMacs(alexnetConv1)).toBe(105_415_200);
    expect(convFlops(alexnetConv1)).toBe(210_830_400);
  });

  it('ResNet-50 conv1: 112x112x64 output, 118,013,952 MACs', () => {
    expect(convOutputShape(resnetConv1)).toEqual({ batch: 1, height: 112, width: 112, channels: 64 });
    // 112*112*64 outputs x 7*7*3 MACs each = 802,816 x 147
    expect(convMacs(resnetConv1)).toBe(118_013_952);
  });

  it('scales with the batch and handles unequal strides and padding', () => {
    expect(convMacs({ ...alexnetConv1, batch: 8 })).toBe(8 * 105_415_200);
    // 10x12 input, 3x5 kernel, stride 1x2, pad 1x0: E = 10+2-3+1 = 10, F = floor((12-5)/2)+1 = 4
    const odd: Conv2dShape = {
      batch: 2,
      height: 10,
      width: 12,
      channels: 4,
      filters: 6,
      kernelH: 3,
      kernelW: 5,
      strideW: 2,
      padH: 1,
    };
    expect(convOutputShape(odd)).toEqual({ batch: 2, height: 10, width: 4, channels: 6 });
    expect(convMacs(odd)).toBe(2 * 6 * 10 * 4 * 3 * 5 * 4); // 28,800
  });

  it('counts weights, with biases only on request', () => {
    expect(convParams(alexnetConv1)).toBe(34_848); // 11*11*3*96
    expect(convParams(alexnetConv1, { bias: true })).toBe(34_944); // + 96 biases
    expect(convParams(resnetConv1)).toBe(9_408); // 7*7*3*64
  });

  it('counts the least bytes of a direct conv: input + weights + output', () => {
    // f32: 227*227*3*4 = 618,348 + 11*11*3*96*4 = 139,392 + 55*55*96*4 = 1,161,600
    expect(convBytes(alexnetConv1)).toBe(1_919_340);
    expect(convBytes(alexnetConv1, 2)).toBe(959_670);
  });

  it('refuses bad shapes naming the field', () => {
    expect(() => convMacs({ ...alexnetConv1, filters: 0 })).toThrow('filters must be an integer >= 1, got 0');
    expect(() => convMacs({ ...alexnetConv1, channels: 1.5 })).toThrow('channels must be');
    expect(() => convMacs({ ...alexnetConv1, kernelH: 300 })).toThrow('larger than the padded input');
    expect(() => convBytes(alexnetConv1, -4)).toThrow('bytesPerElement must be');
  });
});

describe('im2col lowering', () => {
  it('unfolds AlexNet conv1 into a 363 x 3025 matrix per image', () => {
    // rows 11*11*3 = 363, cols 55*55 = 3025, 1,098,075 elements, x4 bytes
    expect(im2colShape(alexnetConv1)).toEqual({
      rows: 363,
      cols: 3025,
      batch: 1,
      elements: 1_098_075,
      bytes: 4_392_300,
    });
    expect(im2colShape({ ...alexnetConv1, batch: 2 }, 2).bytes).toBe(2 * 1_098_075 * 2);
  });

  it('lowers to output[N*E*F, M] = patches[N*E*F, R*S*C] x weights[R*S*C, M] with the same FLOPs', () => {
    expect(im2colGemm(alexnetConv1)).toEqual({ m: 3025, n: 96, k: 363, batch: 1 });
    expect(im2colGemm({ ...resnetConv1, batch: 4 })).toEqual({ m: 4 * 112 * 112, n: 64, k: 147, batch: 1 });
    expect(gemmFlops(im2colGemm(alexnetConv1))).toBe(convFlops(alexnetConv1));
    expect(gemmFlops(im2colGemm({ ...resnetConv1, batch: 4 }))).toBe(convFlops({ ...resnetConv1, batch: 4 }));
  });

  it('counts the im2col pass bytes and the whole lowering', () => {
    // read input 618,348 + write unfolded 4,392,300
    expect(im2colBytes(alexnetConv1)).toBe(5_010_648);
    // GEMM: 4 x (3025*363 + 363*96 + 3025*96) = 4 x (1,098,075 + 34,848 + 290,400) = 5,693,292
    expect(gemmBytes(im2colGemm(alexnetConv1))).toBe(5_693_292);
    expect(im2colLoweringBytes(alexnetConv1)).toBe(5_010_648 + 5_693_292);
    // The lowering moves more than the direct conv's least bytes: that is its cost.
    expect(im2colLoweringBytes(alexnetConv1)).toBeGreaterThan(convBytes(alexnetConv1));
  });
});
