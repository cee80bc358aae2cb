import { describe, expect, it } from 'vitest';
import { getKernel } from '../../src/kernels/index.js';
import { checkConfiguration, checkDeviceLimits } from '../../src/measure/limits.js';

const copy = getKernel('copy');
const gemv = getKernel('gemv');
const MiB = 2 ** 20;

describe('copy', () => {
  it('size N is N MiB of f32 per buffer, shown in MiB', () => {
    const shape = copy.shapeFromSize(256);
    expect(shape).toEqual({ elements: 256 * 2 ** 18 }); // 67,108,864 floats = 256 MiB
    expect(copy.formatShape(shape)).toBe('256 MiB');
    expect(copy.formatShape({ elements: 1024 })).toBe('4 KiB');
    expect(copy.metric).toBe('bandwidth');
  });

  it('moves 2 x 4 bytes per element and counts no FLOPs', () => {
    const shape = copy.shapeFromSize(16);
    expect(copy.bytes(shape)).toBe(2 * 16 * MiB); // 33,554,432
    expect(copy.flops(shape)).toBe(0);
    expect(copy.buffers(shape, copy.defaultParams)).toEqual([
      { name: 'src', role: 'input', type: 'f32', length: 16 * 2 ** 18 },
      { name: 'dst', role: 'output', type: 'f32', length: 16 * 2 ** 18 },
    ]);
  });

  it('caps the dispatch at 65535 workgroups and strides the rest', () => {
    // 1 GiB = 2^28 floats = 2^26 vec4s; 2^26 / 256 = 262,144 workgroups wanted.
    const [stage] = copy.stages(copy.shapeFromSize(1024), { WG_SIZE: 256 });
    expect(stage!.workgroups).toEqual([65535, 1, 1]);
    expect(stage!.uniforms).toEqual([{ u32: 2 ** 26 }, { u32: 65535 * 256 }]);
    // 4 KiB = 256 vec4s: 4 workgroups of 64, stride 256.
    const [small] = copy.stages({ elements: 1024 }, { WG_SIZE: 64 });
    expect(small!.workgroups).toEqual([4, 1, 1]);
    expect(small!.uniforms).toEqual([{ u32: 256 }, { u32: 256 }]);
  });

  it('fits maxComputeWorkgroupsPerDimension at any size, but not a small maxStorageBufferBindingSize', () => {
    const limits = {
      maxComputeWorkgroupsPerDimension: 65535,
      maxStorageBufferBindingSize: 128 * MiB,
      maxBufferSize: 256 * MiB,
    };
    expect(checkDeviceLimits(copy, copy.shapeFromSize(128), copy.defaultParams, limits)).toBeNull();
    expect(checkDeviceLimits(copy, copy.shapeFromSize(256), copy.defaultParams, limits)?.limit).toBe(
      'maxStorageBufferBindingSize',
    );
  });

  it('wants whole vec4s', () => {
    expect(checkConfiguration(copy, { elements: 1026 }, copy.defaultParams, {})?.limit).toBe('configuration');
    expect(checkConfiguration(copy, { elements: 1028 }, copy.defaultParams, {})).toBeNull();
  });

  it('expects the input exactly (tolerance 0)', () => {
    const src = new Float32Array([0.25, -0.5, 0.125, 1e-30]);
    expect(copy.reference({ src }, { elements: 4 }, copy.defaultParams, 3)).toEqual({ value: src[3], tolerance: 0 });
  });
});

describe('gemv', () => {
  it('size N is an N x N matrix; 2MN FLOPs and the bytes of A, x and y', () => {
    const shape = gemv.shapeFromSize(1024);
    expect(shape).toEqual({ m: 1024, n: 1024 });
    expect(gemv.formatShape({ m: 3, n: 5 })).toBe('3x5');
    expect(gemv.metric).toBe('bandwidth');
    expect(gemv.flops({ m: 3, n: 5 })).toBe(30);
    expect(gemv.bytes({ m: 3, n: 5 })).toBe(92); // 4 x (15 + 5 + 3)
    expect(gemv.buffers({ m: 3, n: 5 }, gemv.defaultParams)).toEqual([
      { name: 'a', role: 'input', type: 'f32', length: 15 },
      { name: 'x', role: 'input', type: 'f32', length: 5 },
      { name: 'y', role: 'output', type: 'f32', length: 3 },
    ]);
  });

  it('dispatches one workgroup per block of ROWS rows, folding past 65535 into y', () => {
    const [stage] = gemv.stages({ m: 67, n: 67 }, { WG_SIZE: 64, ROWS: 8 });
    expect(stage!.workgroups).toEqual([9, 1, 1]); // ceil(67 / 8)
    expect(stage!.workgroupStorageBytes).toBe(256);
    expect(stage!.uniforms).toEqual([{ u32: 67 }, { u32: 67 }, { u32: 9 }]);
    const [tall] = gemv.stages({ m: 200_000, n: 4 }, { WG_SIZE: 64, ROWS: 1 });
    expect(tall!.workgroups).toEqual([65535, 4, 1]); // ceil(200,000 / 65,535) = 4
    expect(tall!.uniforms![2]).toEqual({ u32: 65535 });
    expect(
      checkDeviceLimits(
        gemv,
        { m: 200_000, n: 4 },
        { WG_SIZE: 64, ROWS: 1 },
        { maxComputeWorkgroupsPerDimension: 65535 },
      ),
    ).toBeNull();
  });

  it('rejects ROWS that do not split the workgroup into power-of-2 teams', () => {
    expect(checkConfiguration(gemv, { m: 4, n: 4 }, { WG_SIZE: 32, ROWS: 64 }, {})?.limit).toBe('configuration');
    expect(checkConfiguration(gemv, { m: 4, n: 4 }, { WG_SIZE: 32, ROWS: 32 }, {})).toBeNull();
  });

  it('the reference is the row dot product with its Higham bound', () => {
    // A = [[1, 2], [3, -4]], x = [0.5, 0.25]: y = [1, 0.5].
    const inputs = { a: new Float32Array([1, 2, 3, -4]), x: new Float32Array([0.5, 0.25]) };
    const row1 = gemv.reference(inputs, { m: 2, n: 2 }, gemv.defaultParams, 1);
    expect(row1.value).toBe(0.5);
    // Higham: gamma_2 * sum|a_i x_i| + u * |y| with u = 2^-24, gamma_2 = 2u / (1 - 2u):
    // sum |products| = 3 x 0.5 + 4 x 0.25 = 2.5, so ~ 2u x 2.5 + u x 0.5 = 5.5 u.
    expect(row1.tolerance / 2 ** -24).toBeCloseTo(5.5, 5);
    expect(gemv.reference(inputs, { m: 2, n: 2 }, gemv.defaultParams, 0).value).toBe(1);
  });
});
