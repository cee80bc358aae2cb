/** Parameter spaces as point sets: grid, neighbours, keys, and --param overrides. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { getKernel } from '../../src/kernels/index.js';
import { applyParamOverrides, gridPoints, gridSize, neighbours, paramKey } from '../../src/api/params.js';

const space = { A: [1, 2, 3], B: [10, 20] };

describe('parameter spaces', () => {
  it('enumerates the grid, last axis fastest', () => {
    expect(gridSize(space)).toBe(6);
    expect(gridPoints(space)).toEqual([
      { A: 1, B: 10 },
      { A: 1, B: 20 },
      { A: 2, B: 10 },
      { A: 2, B: 20 },
      { A: 3, B: 10 },
      { A: 3, B: 20 },
    ]);
    // matmul-blocked: 5 x 5 x 5 x 4 x 2 configurations.
    expect(gridSize(getKernel('matmul-blocked').paramSpace)).toBe(1000);
  });

  it('finds the configurations one step away along one axis', () => {
    expect(neighbours(space, { A: 2, B: 10 })).toEqual([
      { A: 1, B: 10 },
      { A: 3, B: 10 },
      { A: 2, B: 20 },
    ]);
    expect(neighbours(space, { A: 1, B: 20 })).toEqual([
      { A: 2, B: 20 },
      { A: 1, B: 10 },
    ]);
  });

  it('keys a configuration independently of key order', () => {
    expect(paramKey({ TN: 16, TM: 8 })).toBe('TM=8,TN=16');
    expect(paramKey({ TM: 8, TN: 16 })).toBe(paramKey({ TN: 16, TM: 8 }));
  });
});

describe('applyParamOverrides', () => {
  const blocked = getKernel('matmul-blocked');

  it('applies overrides on the defaults', () => {
    expect(applyParamOverrides(blocked, { TM: 8 })).toEqual({ ...blocked.defaultParams, TM: 8 });
    expect(applyParamOverrides(blocked, {})).toEqual(blocked.defaultParams);
  });

  it('names the parameters for an unknown key and the values for one outside the space', () => {
    expect(() => applyParamOverrides(blocked, { XX: 1 })).toThrow(UsageError);
    expect(() => applyParamOverrides(blocked, { XX: 1 })).toThrow(
      /no parameter XX: its parameters are WG_X, WG_Y, TM, TN, KSTEP/,
    );
    expect(() => applyParamOverrides(blocked, { TM: 3 })).toThrow(
      /TM=3: not in matmul-blocked's space for TM: choose one of 1, 2, 4, 8, 16/,
    );
  });
});
