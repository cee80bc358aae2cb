import { afterEach, describe, expect, it, vi } from 'vitest';
import { exitCodeOf } from '../../src/cli/output.js';

const ok = { kernel: 'a', status: 'ok' };
const incorrect = { kernel: 'b', status: 'incorrect' };
const broken = (kernel: string) => ({ kernel, status: 'error', error: 'shader-compile' });

describe('exitCodeOf', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is 0 when no case has a failing status, 1 when one has', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(exitCodeOf({ cases: [ok, incorrect] }, ['error'])).toBe(0);
    expect(exitCodeOf({ cases: [ok, incorrect] }, ['incorrect', 'error'])).toBe(1);
    expect(exitCodeOf({ cases: [{ kernel: 'c', status: 'error' }] }, ['error'])).toBe(1);
    expect(write).not.toHaveBeenCalled();
  });

  it('is 2 when a shader did not compile, naming each such kernel once in one line', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(exitCodeOf({ cases: [ok, broken('mine'), broken('mine')] }, [])).toBe(2);
    expect(write).toHaveBeenLastCalledWith(
      'flopscope: the shader of mine does not compile (errors above, at file:line:col): fix the WGSL and run again\n',
    );
    expect(exitCodeOf({ cases: [broken('x'), incorrect, broken('y')] }, ['incorrect'])).toBe(2);
    expect(write).toHaveBeenLastCalledWith(
      'flopscope: the shaders of x, y do not compile (errors above, at file:line:col): fix the WGSL and run again\n',
    );
  });
});
