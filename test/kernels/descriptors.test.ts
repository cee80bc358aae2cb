import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { getKernel, KERNELS } from '../../src/kernels/index.js';
import { checkDeviceLimits, largestFittingSize } from '../../src/measure/limits.js';

const naive = getKernel('matmul-naive');
const peak = getKernel('fma-peak');

describe('the kernel registry', () => {
  it('has unique names and a default configuration inside each parameter space', () => {
    expect(new Set(KERNELS.map((k) => k.name)).size).toBe(KERNELS.length);
    for (const kernel of KERNELS) {
      for (const [key, value] of Object.entries(kernel.defaultParams)) {
        expect(kernel.paramSpace[key], `${kernel.name}.${key}`).toContain(value);
      }
    }
  });

  it('names the valid kernels for an unknown one', () => {
    expect(() => getKernel('nope')).toThrow(UsageError);
    // Listed by family (matmul, conv, bandwidth, peak, then peers), each baseline first and faster kernels later.
    expect(() => getKernel('nope')).toThrow(
      /choose one of matmul-naive, matmul-quadswap, matmul-tiled, matmul-blocked, matmul-f16, matmul-subgroup, conv-direct, .*, copy, gemv, fma-peak, fma-peak-f16, ort-conv, ort-matmul, tfjs-matmul$/,
    );
  });
});

describe('matmul-naive', () => {
  it('counts 2MNK FLOPs and the bytes of A, B and C', () => {
    const shape = naive.shapeFromSize(67);
    expect(shape).toEqual({ batch: 1, m: 67, n: 67, k: 67 });
    expect(naive.flops(shape)).toBe(2 * 67 ** 3); // 601,526
    expect(naive.bytes(shape)).toBe(3 * 67 * 67 * 4); // 53,868
    expect(naive.formatShape({ batch: 2, m: 3, n: 4, k: 5 })).toBe('2x3x4x5');
  });

  it('declares A, B and C with their lengths, batched', () => {
    expect(naive.buffers({ batch: 2, m: 3, n: 4, k: 5 }, naive.defaultParams)).toEqual([
      { name: 'a', role: 'input', type: 'f32', length: 2 * 3 * 5 },
      { name: 'b', role: 'input', type: 'f32', length: 2 * 5 * 4 },
      { name: 'c', role: 'output', type: 'f32', length: 2 * 3 * 4 },
    ]);
  });

  it('dispatches enough workgroups to cover shapes that are not multiples of the workgroup', () => {
    const [stage] = naive.stages({ batch: 1, m: 67, n: 33, k: 5 }, { WG_X: 16, WG_Y: 8 });
    // x covers N: ceil(33 / 16) = 3; y covers M: ceil(67 / 8) = 9.
    expect(stage!.workgroups).toEqual([3, 9, 1]);
    expect(stage!.workgroupSize).toEqual([16, 8, 1]);
    expect(stage!.constants).toEqual({ WG_X: 16, WG_Y: 8 });
  });

  it('computes the reference dot product with a tolerance from its error bound', () => {
    // A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]]: C = [[19, 22], [43, 50]].
    const inputs = { a: new Float32Array([1, 2, 3, 4]), b: new Float32Array([5, 6, 7, 8]) };
    const shape = { batch: 1, m: 2, n: 2, k: 2 };
    expect([0, 1, 2, 3].map((i) => naive.reference(inputs, shape, naive.defaultParams, i).value)).toEqual([
      19, 22, 43, 50,
    ]);
    const { tolerance } = naive.reference(inputs, shape, naive.defaultParams, 3);
    expect(tolerance).toBeGreaterThan(0);
    expect(tolerance).toBeLessThan(50 * 1e-6);
  });
});

describe('fma-peak', () => {
  it('counts 2 FLOPs per FMA: threads x iterations x 64 lanes x 2', () => {
    const shape = { threads: 16384, iterations: 256 };
    expect(peak.flops(shape)).toBe(16384 * 256 * 64 * 2);
    expect(peak.bytes(shape)).toBe(16384 * 4);
  });

  it('splits large grids over two dimensions within 65,535 workgroups each', () => {
    const [stage] = peak.stages({ threads: 1 << 24, iterations: 1 }, { WG_SIZE: 64 });
    // 2^24 / 64 = 262,144 workgroups: 65,535 x 5.
    expect(stage!.workgroups).toEqual([65535, 5, 1]);
  });

  it('has a closed-form reference that matches running the chains in f32', () => {
    const shape = { threads: 4, iterations: 40 };
    const mul = Math.fround(0.999);
    const add = Math.fround(0.001);
    for (const index of [0, 3]) {
      let sum = 0;
      for (let lane = 0; lane < 64; lane++) {
        let x = Math.fround((index % 1024) / 1024 + Math.floor(lane / 4) * 0.125 + (lane % 4) * 0.03125);
        for (let i = 0; i < 40; i++) x = Math.fround(Math.fround(x * mul) + add);
        sum += x;
      }
      const { value, tolerance } = peak.reference({}, shape, peak.defaultParams, index);
      expect(Math.abs(sum - value)).toBeLessThanOrEqual(tolerance);
    }
  });

  it('the f16 variant needs shader-f16', () => {
    expect(getKernel('fma-peak-f16').requiredFeatures).toEqual(['shader-f16']);
  });
});

describe('device limits', () => {
  const limits = {
    maxStorageBufferBindingSize: 2 ** 27,
    maxBufferSize: 2 ** 28,
    maxComputeInvocationsPerWorkgroup: 256,
    maxComputeWorkgroupSizeX: 256,
    maxComputeWorkgroupSizeY: 256,
    maxComputeWorkgroupSizeZ: 64,
    maxComputeWorkgroupStorageSize: 16384,
    maxComputeWorkgroupsPerDimension: 65535,
    maxStorageBuffersPerShaderStage: 8,
  };

  it('names the limit a configuration breaks', () => {
    const violation = checkDeviceLimits(naive, naive.shapeFromSize(64), { WG_X: 64, WG_Y: 16 }, limits);
    expect(violation?.limit).toBe('maxComputeInvocationsPerWorkgroup');
    expect(violation?.message).toMatch(
      /invocations per workgroup is 1024, over this adapter's maxComputeInvocationsPerWorkgroup \(256\)/,
    );
    expect(checkDeviceLimits(naive, naive.shapeFromSize(64), naive.defaultParams, limits)).toBeNull();
  });

  it('finds the largest size whose buffers fit', () => {
    // 2^27 bytes / 4 = 2^25 elements per matrix: N = floor(sqrt(2^25)) = 5792.
    expect(largestFittingSize(naive, naive.defaultParams, limits)).toBe(5792);
  });
});
