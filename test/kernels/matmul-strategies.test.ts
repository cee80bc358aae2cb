/** The matmul strategy descriptors: work, buffers, dispatch, entry points and invalid configurations. */
import { describe, expect, it } from 'vitest';
import { f16ChunkedDotTolerance, F16_MIN_NORMAL, gamma } from '../../src/api/problems/gemm.js';
import { getKernel } from '../../src/kernels/index.js';
import { checkConfiguration, checkDeviceLimits } from '../../src/measure/limits.js';
import { tiledStorageBytes } from '../../src/kernels/matmul-tiled.js';

const tiled = getKernel('matmul-tiled');
const blocked = getKernel('matmul-blocked');
const subgroup = getKernel('matmul-subgroup');
const quadswap = getKernel('matmul-quadswap');
const f16 = getKernel('matmul-f16');

/** SwiftShader's limits as `flopscope device` printed them on this machine. */
const LIMITS = {
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupSizeX: 256,
  maxComputeWorkgroupSizeY: 256,
  maxComputeWorkgroupSizeZ: 64,
  maxComputeWorkgroupStorageSize: 32768,
  maxComputeWorkgroupsPerDimension: 65535,
  maxStorageBuffersPerShaderStage: 10,
  maxStorageBufferBindingSize: 1 << 30,
  maxBufferSize: 1 << 30,
};

const odd = { batch: 3, m: 67, n: 33, k: 5 };

describe('every f32 matmul strategy', () => {
  for (const kernel of [tiled, blocked, subgroup, quadswap]) {
    it(`${kernel.name}: 2MNK FLOPs per batch, f32 A, B and C, default configuration inside the limits`, () => {
      expect(kernel.flops(odd)).toBe(2 * 3 * 67 * 33 * 5); // 66,330
      expect(kernel.bytes(odd)).toBe(4 * 3 * (67 * 5 + 5 * 33 + 67 * 33)); // 32,532
      expect(kernel.buffers(odd, kernel.defaultParams)).toEqual([
        { name: 'a', role: 'input', type: 'f32', length: 3 * 67 * 5 },
        { name: 'b', role: 'input', type: 'f32', length: 3 * 5 * 33 },
        { name: 'c', role: 'output', type: 'f32', length: 3 * 67 * 33 },
      ]);
      expect(checkConfiguration(kernel, kernel.shapeFromSize(512), kernel.defaultParams, LIMITS)).toBeNull();
      const [stage] = kernel.stages(odd, kernel.defaultParams);
      expect(stage!.uniforms).toEqual([{ u32: 67 }, { u32: 33 }, { u32: 5 }, { u32: 3 }]);
      expect(stage!.workgroups[2]).toBe(3); // one layer of workgroups per batch
    });
  }
});

describe('matmul-tiled', () => {
  const params = { WG_X: 16, WG_Y: 8, RM: 2, RN: 4, TK: 16 };

  it('covers C with TILE_M x TILE_N tiles and declares its workgroup storage', () => {
    const [stage] = tiled.stages(odd, params);
    // TILE_M = 8 x 2 = 16 rows, TILE_N = 16 x 4 = 64 columns: ceil(33 / 64) = 1, ceil(67 / 16) = 5.
    expect(stage!.workgroups).toEqual([1, 5, 3]);
    expect(stage!.workgroupSize).toEqual([16, 8, 1]);
    expect(stage!.constants).toEqual(params);
    expect(stage!.entryPoint).toBe('main');
    expect(stage!.bindings).toEqual(['a', 'b', 'c']);
    // (16 x 16 of A + 16 x 64 of B) f32 values.
    expect(stage!.workgroupStorageBytes).toBe(4 * (16 * 16 + 16 * 64));
    expect(tiledStorageBytes(params)).toBe(5120);
  });

  it('is skipped, naming the limit, when its tiles outgrow workgroup storage', () => {
    // TILE_M = 32 x 4 = 128, TILE_N = 8 x 4 = 32, TK = 64: 4 x 64 x (128 + 32) = 40,960 bytes > 32,768.
    const big = { WG_X: 8, WG_Y: 32, RM: 4, RN: 4, TK: 64 };
    const violation = checkConfiguration(tiled, tiled.shapeFromSize(64), big, LIMITS);
    expect(violation?.limit).toBe('maxComputeWorkgroupStorageSize');
    expect(violation?.message).toMatch(/40960, over this adapter's maxComputeWorkgroupStorageSize \(32768\)/);
  });

  it('is skipped, naming the limit, when its workgroup has too many invocations', () => {
    const violation = checkDeviceLimits(
      tiled,
      tiled.shapeFromSize(64),
      { ...tiled.defaultParams, WG_X: 32, WG_Y: 32 },
      LIMITS,
    );
    expect(violation?.limit).toBe('maxComputeInvocationsPerWorkgroup');
    expect(violation?.message).toMatch(/1024/);
  });
});

describe('matmul-blocked', () => {
  const params = { WG_X: 2, WG_Y: 4, TM: 16, TN: 32, KSTEP: 8 };

  it('gives each invocation TM x TN outputs', () => {
    const [stage] = blocked.stages(odd, params);
    // 2 x 32 = 64 columns and 4 x 16 = 64 rows per workgroup: ceil(33 / 64) = 1, ceil(67 / 64) = 2.
    expect(stage!.workgroups).toEqual([1, 2, 3]);
    expect(stage!.workgroupSize).toEqual([2, 4, 1]);
    expect(stage!.workgroupStorageBytes).toBe(0);
    expect(stage!.constants).toEqual(params);
  });

  it('takes the vec4 entry point only when K and N are multiples of 4', () => {
    expect(blocked.stages({ batch: 1, m: 5, n: 8, k: 12 }, params)[0]!.entryPoint).toBe('main');
    expect(blocked.stages({ batch: 1, m: 5, n: 9, k: 12 }, params)[0]!.entryPoint).toBe('main_unaligned');
    expect(blocked.stages({ batch: 1, m: 5, n: 8, k: 13 }, params)[0]!.entryPoint).toBe('main_unaligned');
    // The vec4 views of A and B (bindings 3 and 4) alias the scalar ones.
    expect(blocked.stages(odd, params)[0]!.bindings).toEqual(['a', 'b', 'c', 'a', 'b']);
  });

  it('is skipped, naming the limit, when a workgroup dimension is over the device maximum', () => {
    const violation = checkDeviceLimits(blocked, blocked.shapeFromSize(64), params, {
      ...LIMITS,
      maxComputeWorkgroupSizeY: 2,
    });
    expect(violation?.limit).toBe('maxComputeWorkgroupSizeY');
  });
});

describe('matmul-subgroup', () => {
  it('needs subgroups and lays quads of 4 invocations along M', () => {
    expect(subgroup.requiredFeatures).toEqual(['subgroups']);
    const params = { WG_SIZE: 128, QUADS_N: 4, TM: 4, TN: 8, KSTEP: 4 };
    const [stage] = subgroup.stages(subgroup.shapeFromSize(512), params);
    // 4 quads x 8 columns = 32 columns; 128 / 4 / 4 = 8 quads x 4 invocations x 4 rows = 128 rows.
    expect(stage!.workgroups).toEqual([512 / 32, 512 / 128, 1]);
    expect(stage!.workgroupSize).toEqual([128, 1, 1]);
    expect(stage!.entryPoint).toBe('main');
    const [small] = subgroup.stages(odd, subgroup.defaultParams);
    // Defaults 32 invocations, 2 quads along N x TN 32 = 64 columns, 4 quads along M x 4 x TM 16 = 256 rows.
    expect(small!.workgroups).toEqual([1, 1, 3]);
    expect(small!.entryPoint).toBe('main_unaligned');
  });

  it('rejects a workgroup that does not hold whole rows of quads, naming the rule', () => {
    const params = { WG_SIZE: 16, QUADS_N: 8, TM: 4, TN: 8, KSTEP: 4 };
    expect(subgroup.checkConfig!(odd, params)).toMatch(/WG_SIZE 16 is not a multiple of 4 x QUADS_N \(32\)/);
    expect(checkConfiguration(subgroup, odd, params, LIMITS)).toEqual({
      limit: 'configuration',
      message: subgroup.checkConfig!(odd, params),
    });
    expect(subgroup.checkConfig!(odd, { ...params, WG_SIZE: 32 })).toBeNull();
  });
});

describe('matmul-quadswap', () => {
  it('needs subgroups, gives each quad 4 x TM rows by TN columns and reads vec4s only when K and N are multiples of 4', () => {
    expect(quadswap.requiredFeatures).toEqual(['subgroups']);
    const params = { WG_SIZE: 64, QUADS_N: 2, TM: 4, TN: 16, KSTEP: 8, KGROUPS: 2 };
    const [stage] = quadswap.stages(quadswap.shapeFromSize(512), params);
    // 2 quads x 16 columns = 32 columns; 64 / 4 / 2 = 8 quads x 4 lanes x 4 rows = 128 rows.
    expect(stage).toMatchObject({
      entryPoint: 'main',
      workgroups: [512 / 32, 512 / 128, 1],
      workgroupSize: [64, 1, 1],
      workgroupStorageBytes: 0,
    });
    expect(stage!.constants).toEqual(params);
    expect(stage!.bindings).toEqual(['a', 'b', 'c', 'a', 'b']);
    // 1024 x 64 x 1024 (the matmul suite's skinny shape): 64 / 32 = 2 column blocks, 1024 / 128 = 8 row blocks.
    expect(quadswap.stages({ batch: 1, m: 1024, n: 64, k: 1024 }, params)[0]!.workgroups).toEqual([2, 8, 1]);
    // Defaults at the odd batched shape: one block of 8 quads x 4 x 8 = 256 rows by 32 columns per batch.
    const [small] = quadswap.stages(odd, quadswap.defaultParams);
    expect(small).toMatchObject({ entryPoint: 'main_unaligned', workgroups: [Math.ceil(33 / 32), 1, 3] });
  });

  it('rejects a workgroup that does not hold whole rows of quads, naming the rule', () => {
    const params = { WG_SIZE: 8, QUADS_N: 4, TM: 4, TN: 8, KSTEP: 4, KGROUPS: 1 };
    expect(quadswap.checkConfig!(odd, params)).toMatch(/WG_SIZE 8 is not a multiple of 4 x QUADS_N \(16\)/);
    expect(checkConfiguration(quadswap, odd, params, LIMITS)).toEqual({
      limit: 'configuration',
      message: quadswap.checkConfig!(odd, params),
    });
    expect(quadswap.checkConfig!(odd, { ...params, WG_SIZE: 16 })).toBeNull();
  });
});

describe('matmul-f16', () => {
  it('needs shader-f16 and holds A, B and C in f16: half the bytes of f32', () => {
    expect(f16.requiredFeatures).toEqual(['shader-f16']);
    const shape = f16.shapeFromSize(64);
    expect(f16.flops(shape)).toBe(2 * 64 ** 3); // 524,288
    expect(f16.bytes(shape)).toBe(2 * 3 * 64 * 64); // 24,576
    expect(
      f16.buffers({ batch: 2, m: 3, n: 4, k: 5 }, f16.defaultParams).map((b) => [b.name, b.type, b.length]),
    ).toEqual([
      ['a', 'f16', 30],
      ['b', 'f16', 40],
      ['c', 'f16', 24],
    ]);
    expect(f16.stages(shape, f16.defaultParams)[0]!.entryPoint).toBe('main');
    expect(f16.stages(odd, f16.defaultParams)[0]!.entryPoint).toBe('main_unaligned');
  });

  it('checks against the exact product of the (f16) inputs with an f16-sized tolerance', () => {
    // A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]]: C[1][1] = 3 x 6 + 4 x 8 = 50, sum |products| = 50.
    const inputs = { a: new Float32Array([1, 2, 3, 4]), b: new Float32Array([5, 6, 7, 8]) };
    const ref = f16.reference(inputs, { batch: 1, m: 2, n: 2, k: 2 }, f16.defaultParams, 3);
    expect(ref.value).toBe(50);
    expect(ref.tolerance).toBe(f16ChunkedDotTolerance(2, 50, 50));
    // Far looser than f32 (u = 2^-24) and tighter than the f16 ulp of 50 (2^-5 = 0.03125) times a few.
    expect(ref.tolerance).toBeGreaterThan(50 * 2 ** -11);
    expect(ref.tolerance).toBeLessThan(1);
  });

  it('bounds the error of 4-product f16 chunks summed in f32', () => {
    // k = 4, sum |products| = 1, value = 1: one chunk (gamma_4 in f16), one f32 addition (gamma_1),
    // 4 f16 operations that may flush a subnormal (4 x 2^-14), then the f16 rounding of the result.
    const inChunk = (4 * 2 ** -11) / (1 - 4 * 2 ** -11); // 0.0019569...
    const across = 2 ** -24 / (1 - 2 ** -24);
    const sum = inChunk + across * (1 + inChunk) + 4 * 2 ** -14;
    expect(f16ChunkedDotTolerance(4, 1, 1)).toBeCloseTo(sum + 2 ** -11 * (1 + sum) + 2 ** -14, 15);
    expect(gamma(4, 2 ** -11)).toBeCloseTo(inChunk, 15);
    expect(F16_MIN_NORMAL).toBe(6.103515625e-5);
    // f16 rounding enters through 4-term chunks only: at K = 4096 the bound is still far below that
    // of summing just 64 terms in f16 (plain f16 accumulation over 4096 terms has none: K u > 1).
    expect(f16ChunkedDotTolerance(4096, 1000, 10)).toBeLessThan(1000 * gamma(64, 2 ** -11));
  });
});
