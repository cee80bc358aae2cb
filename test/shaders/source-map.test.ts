import { describe, expect, it } from 'vitest';
import {
  decodeRuns,
  encodeRuns,
  joinedShader,
  lineAt,
  lineColOf,
  locate,
  locateOffset,
  offsetOf,
  unlinkedShader,
  type LinkedShader,
} from '../../src/shaders/source-map.js';

describe('the runs of a shader source map', () => {
  it('encode as base64 VLQ deltas, as JavaScript source maps do, and decode back', () => {
    // Deltas (0,0,0) AAA; (16,0,10): 16 -> 32 = 'g' + more, 'B'; 0 'A'; 10 -> 20 'U';
    // (4,-1,0): 'I' 'D' 'A'; (5,2,-7): 'K' 'E', -7 -> 15 'P'.
    const runs = [0, 0, 0, 16, 0, 10, 20, -1, 10, 25, 1, 3];
    expect(encodeRuns(runs)).toBe('AAAgBAUIDAKEP');
    expect(decodeRuns('AAAgBAUIDAKEP')).toEqual(runs);
  });

  it('round-trips large offsets', () => {
    const runs = [0, 0, 0, 123_456, 3, 654_321, 123_457, -1, 654_321];
    expect(decodeRuns(encodeRuns(runs))).toEqual(runs);
  });

  it('refuses a character that is not base64', () => {
    expect(() => decodeRuns('AA!')).toThrow(/bad character "!"/);
  });
});

describe('positions in text', () => {
  const text = 'ab\ncde\n\nf';
  it('are 1-based lines and columns', () => {
    expect(lineColOf(text, 0)).toEqual({ line: 1, col: 1 });
    expect(lineColOf(text, 4)).toEqual({ line: 2, col: 2 }); // 'd'
    expect(lineColOf(text, 8)).toEqual({ line: 4, col: 1 }); // 'f'
    expect(offsetOf(text, 2, 2)).toBe(4);
    expect(offsetOf(text, 9, 1)).toBe(text.length);
    expect(lineAt(text, 5)).toBe('cde');
    expect(lineAt(text, 7)).toBe('');
  });
});

describe('locating a linked position', () => {
  // Code 'XXfoo;\nbar' where 'foo;' (offset 2) came from b.wgsl at 10 and 'bar' (offset 7) from
  // a.wgsl at 0; 'XX' and the newline are the linker's own text.
  const shader: LinkedShader = {
    code: 'XXfoo;\nbar',
    sourceMap: {
      files: ['a.wgsl', 'b.wgsl'],
      sources: ['bar', '// comment\nfoo;'],
      mappings: encodeRuns([0, -1, 0, 2, 1, 11, 6, -1, 11, 7, 0, 0]),
    },
  };

  it('maps code offsets to the file and line they came from', () => {
    expect(locateOffset(shader, 3)).toEqual({ file: 'b.wgsl', offset: 12, line: 2, col: 2 });
    expect(locateOffset(shader, 8)).toEqual({ file: 'a.wgsl', offset: 1, line: 1, col: 2 });
    expect(locate(shader, 2, 3)).toEqual({ file: 'a.wgsl', offset: 2, line: 1, col: 3 });
  });

  it("leaves the linker's own text in the linked code", () => {
    expect(locateOffset(shader, 1)).toEqual({ file: '<linked shader>', offset: 1, line: 1, col: 2 });
    expect(locateOffset(shader, 6, 'x.wgsl (linked)')).toMatchObject({ file: 'x.wgsl (linked)', line: 1, col: 7 });
  });

  it('maps an unlinked shader onto itself', () => {
    const plain = unlinkedShader('a\nbc', 'plain.wgsl');
    expect(locateOffset(plain, 3)).toEqual({ file: 'plain.wgsl', offset: 3, line: 2, col: 2 });
  });
});

describe('joinedShader', () => {
  it('maps each fragment of a joined shader back to its own file, in the order joined', () => {
    const body = 'fn main() {\n  let x = core_value();\n}\n';
    const core = 'fn core_value() -> f32 {\n  return 1.0;\n}';
    const joined = joinedShader(
      [
        { code: body, file: 'k/body.wgsl' },
        { code: core, file: 'k/core.wgsl' },
      ],
      [1, 0],
    );
    expect(joined.code).toBe(`${core}\n${body}`);
    expect(joined.sourceMap.files).toEqual(['k/body.wgsl', 'k/core.wgsl']);
    // `return` on the core's line 2, `core_value()` on the body's line 2.
    expect(locateOffset(joined, joined.code.indexOf('return'))).toMatchObject({ file: 'k/core.wgsl', line: 2, col: 3 });
    expect(locateOffset(joined, joined.code.indexOf('let x'))).toMatchObject({ file: 'k/body.wgsl', line: 2, col: 3 });
    expect(locateOffset(joined, joined.code.indexOf('fn main'))).toMatchObject({
      file: 'k/body.wgsl',
      line: 1,
      col: 1,
    });
  });
});
