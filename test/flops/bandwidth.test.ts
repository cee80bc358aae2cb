import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { copyBytes, gemvBytes, gemvFlops } from '../../src/flops/bandwidth.js';

describe('memory-bound work', () => {
  it('a copy reads and writes every element once', () => {
    expect(copyBytes(1000)).toBe(8000);
    expect(copyBytes(1000, 2)).toBe(4000);
  });

  it('y = A x: 2MN FLOPs, A, x and y moved once', () => {
    expect(gemvFlops(3, 5)).toBe(30);
    expect(gemvBytes(3, 5)).toBe(4 * (15 + 5 + 3)); // 92
  });

  it('refuses sizes below 1', () => {
    expect(() => copyBytes(0)).toThrow(UsageError);
    expect(() => gemvFlops(0, 4)).toThrow(UsageError);
    expect(() => gemvBytes(4, 1.5)).toThrow(UsageError);
  });
});
