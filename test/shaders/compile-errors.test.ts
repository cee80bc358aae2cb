import { describe, expect, it } from 'vitest';
import { formatCompilationErrors, formatCompilationMessage } from '../../src/shaders/compile-errors.js';
import { linkShader } from '../../src/shaders/link.js';
import { lineColOf, unlinkedShader } from '../../src/shaders/source-map.js';

const LIB = `// Helpers.
fn scaled(x: f32) -> f32 {
\treturn x * 2.0 + 1u;
}
`;
const ROOT = `import package::lib::util::scaled;

@group(0) @binding(0) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(1)
fn main() {
  out[0] = scaled(1.0);
}
`;

/** A message at the first occurrence of `what` in the linked code, as WebGPU would give it. */
function messageAt(code: string, what: string, text = 'no matching overload') {
  const offset = code.indexOf(what);
  const { line, col } = lineColOf(code, offset);
  return { type: 'error' as const, message: text, lineNum: line, linePos: col, offset, length: what.length };
}

describe('formatCompilationMessage', () => {
  it('shows file:line:col of the original file, its line and a caret under the column', async () => {
    const linked = await linkShader(
      'root.wgsl',
      { 'root.wgsl': ROOT, 'lib/util.wgsl': LIB },
      { displayRoot: 'shaders/' },
    );
    // The linked code puts scaled() after main(), on other lines than in lib/util.wgsl.
    const message = messageAt(linked.code, 'x * 2.0 + 1u', "no matching overload for 'operator + (f32, u32)'");
    expect(message.lineNum).not.toBe(3);
    // The caret keeps the line's tab.
    expect(formatCompilationMessage(message, linked)).toBe(
      [
        "shaders/lib/util.wgsl:3:9: error: no matching overload for 'operator + (f32, u32)'",
        '\treturn x * 2.0 + 1u;',
        '\t       ^^^^^^^^^^^^',
      ].join('\n'),
    );
  });

  it('shows a message without a position with the root file', () => {
    const shader = unlinkedShader('fn f() {}', 'shaders/x.wgsl');
    expect(
      formatCompilationMessage(
        { type: 'error', message: 'entry point missing ', lineNum: 0, linePos: 0, length: 0 },
        shader,
      ),
    ).toBe('shaders/x.wgsl: error: entry point missing');
  });

  it('clips the caret to the line and keeps at least one', () => {
    const shader = unlinkedShader('let x = 1;\nlet y = 2;', 'x.wgsl');
    expect(
      formatCompilationMessage({ type: 'warning', message: 'w', lineNum: 1, linePos: 9, length: 40 }, shader),
    ).toBe('x.wgsl:1:9: warning: w\nlet x = 1;\n        ^^');
    expect(formatCompilationMessage({ type: 'error', message: 'e', lineNum: 2, linePos: 1, length: 0 }, shader)).toBe(
      'x.wgsl:2:1: error: e\nlet y = 2;\n^',
    );
  });
});

describe('formatCompilationErrors', () => {
  it('formats the errors only, one block each', () => {
    const shader = unlinkedShader('a;\nb;', 'x.wgsl');
    const text = formatCompilationErrors(
      [
        { type: 'error', message: 'first', lineNum: 1, linePos: 1, length: 1 },
        { type: 'info', message: 'note', lineNum: 1, linePos: 2, length: 1 },
        { type: 'error', message: 'second', lineNum: 2, linePos: 1, length: 1 },
      ],
      shader,
    );
    expect(text).toBe('x.wgsl:1:1: error: first\na;\n^\nx.wgsl:2:1: error: second\nb;\n^');
  });
});
