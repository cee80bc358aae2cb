import { describe, expect, it } from 'vitest';
import { convDot, convShapeFromSize } from '../../src/api/problems/conv2d.js';
import { getKernel } from '../../src/kernels/index.js';
import { checkConfiguration } from '../../src/measure/limits.js';

const direct = getKernel('conv-direct');
const im2col = getKernel('conv-im2col');
const implicit = getKernel('conv-implicit-gemm');
const quadswap = getKernel('conv-quadswap');
const CONV_KERNELS = [direct, im2col, implicit, quadswap];

/** AlexNet conv1 (Krizhevsky et al. 2012; torchvision's alexnet): 227x227x3, 96 filters 11x11, stride 4, no padding. */
const ALEXNET_CONV1 = {
  batch: 1,
  height: 227,
  width: 227,
  channels: 3,
  filters: 96,
  kernelH: 11,
  kernelW: 11,
  stride: 4,
  pad: 0,
};
/** 1x9x9x3 * 3x3x3x8, stride 1, padding 1: output 1x9x9x8. */
const SMALL = { batch: 1, height: 9, width: 9, channels: 3, filters: 8, kernelH: 3, kernelW: 3, stride: 1, pad: 1 };

describe('conv2d descriptors', () => {
  it('count AlexNet conv1 as 55x55x96 outputs of 11x11x3 MACs each, the same for every strategy', () => {
    for (const kernel of CONV_KERNELS) {
      // Output: floor((227 - 11) / 4) + 1 = 55, so 55 x 55 x 96 = 290,400 elements.
      expect(kernel.buffers(ALEXNET_CONV1, kernel.defaultParams).find((b) => b.name === 'output')!.length).toBe(
        290_400,
      );
      // 290,400 outputs x 363 MACs = 105,415,200 MACs = 210,830,400 FLOPs.
      expect(kernel.flops(ALEXNET_CONV1)).toBe(210_830_400);
      // Input 227 x 227 x 3 = 154,587, filters 11 x 11 x 3 x 96 = 34,848, output 290,400: 479,835 x 4 bytes.
      expect(kernel.bytes(ALEXNET_CONV1)).toBe(1_919_340);
      expect(kernel.formatShape(ALEXNET_CONV1)).toBe('1x227x227x3 * 11x11x3x96 /4 p0');
      expect(kernel.metric).toBe('flops');
    }
  });

  it('map a one-number size to a square 3x3 layer that keeps its size', () => {
    expect(convShapeFromSize(64)).toEqual({
      batch: 1,
      height: 64,
      width: 64,
      channels: 64,
      filters: 64,
      kernelH: 3,
      kernelW: 3,
      stride: 1,
      pad: 1,
    });
    // 64 x 64 x 64 outputs x 3 x 3 x 64 MACs x 2.
    expect(direct.flops(direct.shapeFromSize(64))).toBe(2 * 64 * 64 * 64 * 9 * 64);
    expect(direct.formatShape(direct.shapeFromSize(56))).toBe('1x56x56x56 * 3x3x56x56 /1 p1');
  });

  it('compute the reference from the definition, taps in the padding being zero', () => {
    // Input 3x3 (one channel) = 1..9 row-major; one 2x2 filter [[1, 0], [0, 1]]: out[y][x] = in[y][x] + in[y+1][x+1].
    const inputs = { input: new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), filter: new Float32Array([1, 0, 0, 1]) };
    const shape = { batch: 1, height: 3, width: 3, channels: 1, filters: 1, kernelH: 2, kernelW: 2, stride: 1, pad: 0 };
    expect([0, 1, 2, 3].map((i) => convDot(inputs, shape, i).value)).toEqual([1 + 5, 2 + 6, 4 + 8, 5 + 9]);
    // Padding 1: output 4x4; out[0][0] sees only in[0][0] (through the filter's bottom-right tap), out[3][3]
    // only in[2][2].
    const padded = { ...shape, pad: 1 };
    expect(convDot(inputs, padded, 0).value).toBe(1);
    expect(convDot(inputs, padded, 15).value).toBe(9);
    // Stride 2 with padding 1: output 2x2, out[1][1] = in[1][1] + in[2][2] = 5 + 9.
    expect(convDot(inputs, { ...padded, stride: 2 }, 3).value).toBe(14);
    const { tolerance } = direct.reference(inputs, shape, direct.defaultParams, 3);
    expect(tolerance).toBeGreaterThan(0);
    expect(tolerance).toBeLessThan(14 * 1e-6);
  });

  it('dispatch conv-direct over filter blocks (x) and output pixels (y)', () => {
    const [stage] = direct.stages(SMALL, { WG_X: 8, WG_Y: 8, FB: 4 });
    // x: ceil(8 filters / (8 x 4)) = 1; y: ceil(81 pixels / 8) = 11.
    expect(stage!.workgroups).toEqual([1, 11, 1]);
    expect(stage!.bindings).toEqual(['input', 'filter', 'output']);
    expect(stage!.uniforms!.map((u) => ('u32' in u ? u.u32 : NaN))).toEqual([1, 9, 9, 3, 8, 3, 3, 1, 1, 9, 9, 27]);
  });

  it('run conv-im2col as an im2col stage into a scratch buffer, then matmul-blocked on it', () => {
    const params = im2col.defaultParams;
    expect(im2col.buffers(SMALL, params).map((b) => [b.name, b.role, b.length])).toEqual([
      ['input', 'input', 243],
      ['filter', 'input', 216],
      ['patches', 'scratch', 81 * 27],
      ['output', 'output', 648],
    ]);
    const [unfold, gemm] = im2col.stages(SMALL, params);
    expect(unfold).toMatchObject({ name: 'im2col', bindings: ['input', 'patches'], workgroups: [1, 81, 1] });
    // The GEMM is m = 81 pixels, n = 8 filters, k = 27; K is not a multiple of 4, so the scalar entry point.
    expect(gemm).toMatchObject({
      name: 'gemm',
      entryPoint: 'main_unaligned',
      bindings: ['patches', 'filter', 'output', 'patches', 'filter'],
    });
    expect(gemm!.shader).toBe(getKernel('matmul-blocked').shader);
    expect(gemm!.uniforms).toEqual([{ u32: 81 }, { u32: 8 }, { u32: 27 }, { u32: 1 }]);
  });

  it('tile conv-implicit-gemm in workgroup memory, sized from its tiles', () => {
    const [stage] = implicit.stages(SMALL, { WG_X: 4, WG_Y: 8, RM: 4, RN: 4, TK: 32 });
    // Tiles of 32 pixels x 16 filters: 4 x 32 x (32 + 16) bytes; ceil(8 / 16) = 1, ceil(81 / 32) = 3.
    expect(stage).toMatchObject({
      name: 'gemm',
      workgroupStorageBytes: 6144,
      workgroups: [1, 3, 1],
      workgroupSize: [4, 8, 1],
    });
  });

  it('refuse a filter larger than the padded input, and a workgroup over the device limit', () => {
    const tooBig = { ...SMALL, kernelH: 12, kernelW: 12, pad: 0 };
    for (const kernel of CONV_KERNELS) {
      expect(checkConfiguration(kernel, tooBig, kernel.defaultParams, {})).toMatchObject({
        limit: 'configuration',
        message: expect.stringMatching(/larger than the padded input/),
      });
    }
    const violation = checkConfiguration(
      direct,
      SMALL,
      { WG_X: 64, WG_Y: 64, FB: 1 },
      { maxComputeInvocationsPerWorkgroup: 256 },
    );
    expect(violation?.limit).toBe('maxComputeInvocationsPerWorkgroup');
  });

  it('conv-quadswap: the lowered GEMM tiled as matmul-quadswap, vec4 loads only when C is a multiple of 16 and M of 4', () => {
    // ResNet-50 stage 2's 3x3 (He et al. 2016): 56 x 56 = 3,136 GEMM rows by 64 filters, K = 3 x 3 x 64.
    const resnet = {
      batch: 1,
      height: 56,
      width: 56,
      channels: 64,
      filters: 64,
      kernelH: 3,
      kernelW: 3,
      stride: 1,
      pad: 1,
    };
    const params = { WG_SIZE: 32, QUADS_N: 1, TM: 8, TN: 32, KSTEP: 8, KGROUPS: 1 };
    const [stage] = quadswap.stages(resnet, params);
    // 8 quads x 4 lanes x 8 rows = 256 rows per workgroup: ceil(3136 / 256) = 13; 64 / 32 = 2 column blocks.
    expect(stage).toMatchObject({
      entryPoint: 'main',
      workgroups: [2, 13, 1],
      workgroupSize: [32, 1, 1],
      workgroupStorageBytes: 0,
    });
    expect(stage!.bindings).toEqual(['input', 'filter', 'output', 'input', 'filter']);
    expect(stage!.constants).toEqual(params);
    expect(quadswap.requiredFeatures).toEqual(['subgroups']);
    // 24 channels (AlexNet conv2 at --scale 0.25) are not a multiple of 16; 3 (every stem) neither.
    expect(quadswap.stages({ ...resnet, channels: 24 }, params)[0]!.entryPoint).toBe('main_unaligned');
    expect(quadswap.stages(SMALL, params)[0]!.entryPoint).toBe('main_unaligned');
    // 64 channels but 6 filters: the filter rows are no whole vec4s.
    expect(quadswap.stages({ ...resnet, filters: 6 }, params)[0]!.entryPoint).toBe('main_unaligned');
    expect(quadswap.checkConfig!(resnet, { ...params, WG_SIZE: 8, QUADS_N: 4 })).toMatch(
      /WG_SIZE 8 is not a multiple of 4 x QUADS_N \(16\)/,
    );
  });
});
