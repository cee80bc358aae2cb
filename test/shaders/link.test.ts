import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkShader, ShaderLinkError } from '../../src/shaders/link.js';
import { locateOffset, sourceText } from '../../src/shaders/source-map.js';

const LIB = `// A helper library.
override TILE: u32 = 8u;

@if(f16) alias Elem = f16;
@else alias Elem = f32;

fn scaled(x: Elem) -> Elem {
  return x * Elem(TILE) + Elem(inner());
}

fn inner() -> u32 {
  return 7u;
}

fn unused() -> u32 {
  return 1u;
}
`;

const ROOT = `import package::lib::util::{scaled, TILE};

override WG_X: u32 = 64u;

@group(0) @binding(0) var<storage, read_write> out: array<f32>;

fn inner() -> u32 {
  return 3u;
}

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  out[gid.x] = f32(scaled(1.0)) + f32(inner() + TILE);
}
`;

const FILES = { 'root.wgsl': ROOT, 'lib/util.wgsl': LIB };

/** Tokens outside comments, with their offsets. */
function tokens(code: string): { token: string; offset: number }[] {
  const blank = code.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  return [
    ...blank.matchAll(
      /[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9A-Za-z.]*|&&|\|\||==|!=|<=|>=|<<|>>|->|\+\+|--|[+\-*/%&|^]=|\S/g,
    ),
  ].map((m) => ({
    token: m[0],
    offset: m.index,
  }));
}

describe('linkShader', () => {
  it('emits the root, then what it reaches in the files it imports, and nothing else', async () => {
    const linked = await linkShader('root.wgsl', FILES, { displayRoot: 'shaders/' });
    expect(linked.code).toContain('fn scaled(x: Elem) -> Elem');
    expect(linked.code).toContain('override TILE: u32 = 8u;');
    expect(linked.code).not.toContain('unused');
    expect(linked.code).not.toContain('import');
    expect(linked.sourceMap.files).toEqual(['shaders/root.wgsl', 'shaders/lib/util.wgsl']);
    expect(linked.sourceMap.sources).toEqual([ROOT, LIB]);
  });

  it("keeps the root's names and renames an imported declaration that collides with one", async () => {
    const { code } = await linkShader('root.wgsl', FILES);
    expect(code).toMatch(/override WG_X: u32 = 64u;/);
    expect(code).toMatch(/fn main\(/);
    // The root's inner() keeps its name; the library's becomes inner0, and scaled calls that one.
    expect(code).toMatch(/fn inner\(\) -> u32 \{\s+return 3u;/);
    expect(code).toMatch(/fn inner0\(\) -> u32 \{\s+return 7u;/);
    expect(code).toContain('Elem(inner0())');
  });

  it('sets a condition for each extension the root enables, and takes explicit ones over them', async () => {
    const f32 = await linkShader('root.wgsl', FILES);
    expect(f32.code).toContain('alias Elem = f32;');
    // WESL wants imports first, then directives.
    const f16 = await linkShader('root.wgsl', { ...FILES, 'root.wgsl': ROOT.replace('\n\n', '\n\nenable f16;\n\n') });
    expect(f16.code).toContain('alias Elem = f16;');
    expect(f16.code).toMatch(/^\s*enable f16;/);
    const forced = await linkShader('root.wgsl', FILES, { conditions: { f16: true } });
    expect(forced.code).toContain('alias Elem = f16;');
  });

  it('maps every token of the linked code back to the same token in the file it came from', async () => {
    const linked = await linkShader('root.wgsl', FILES, { displayRoot: 'shaders/' });
    for (const { token, offset } of tokens(linked.code)) {
      const at = locateOffset(linked, offset);
      // `inner0` is the library's `inner`, renamed.
      const expected = token === 'inner0' ? 'inner' : token;
      expect(
        sourceText(linked, at).startsWith(expected, at.offset),
        `${token} at ${at.file}:${at.line}:${at.col}`,
      ).toBe(true);
    }
    const at = locateOffset(linked, linked.code.indexOf('return x * Elem(TILE)') + 'return x * '.length);
    expect(at).toMatchObject({ file: 'shaders/lib/util.wgsl', line: 8, col: 14 });
  });

  it('maps each token of every shader in shaders/ to that token: in a one-file shader, to that very one', async () => {
    const dir = join(import.meta.dirname, '../../shaders');
    const read = (path: string) => {
      try {
        return readFileSync(join(dir, path), 'utf8');
      } catch {
        return undefined;
      }
    };
    const names = readdirSync(dir).filter((f) => f.endsWith('.wgsl'));
    for (const name of names) {
      const linked = await linkShader(name, read, { displayRoot: 'shaders/' });
      const out = tokens(linked.code);
      if (linked.sourceMap.files.length === 1) {
        // The linker reformats but keeps the tokens and their order.
        const original = tokens(read(name)!);
        expect(
          out.map((t) => t.token),
          name,
        ).toEqual(original.map((t) => t.token));
        const wrong = out.filter((t, i) => locateOffset(linked, t.offset).offset !== original[i]!.offset);
        expect(wrong, name).toEqual([]);
      } else {
        const wrong = out.filter(({ token, offset }) => {
          const at = locateOffset(linked, offset);
          return !sourceText(linked, at).startsWith(token, at.offset);
        });
        expect(wrong, name).toEqual([]);
      }
    }
  });

  it('says where an import names a module that does not exist', async () => {
    const root =
      'import package::lib::nope::scaled;\n\n@compute @workgroup_size(1)\nfn main() {\n  _ = scaled(1.0);\n}\n';
    const error = await linkShader('root.wgsl', { ...FILES, 'root.wgsl': root }, { displayRoot: 'shaders/' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ShaderLinkError);
    expect((error as Error).message).toBe("shaders/root.wgsl:5:7: module not found for 'package::lib::nope::scaled'");
  });

  it('says where an import names something the module does not declare', async () => {
    const root = 'import package::lib::util::nothing;\n@compute @workgroup_size(1)\nfn main() {\n  _ = nothing();\n}\n';
    await expect(linkShader('root.wgsl', { ...FILES, 'root.wgsl': root })).rejects.toThrow(
      "root.wgsl:4:7: no exported 'nothing' in module 'package::lib::util'",
    );
  });

  it('says where an imported file has a syntax error', async () => {
    const lib = `${LIB}\nfn broken() -> u32 {\n  let = 1u;\n}\n`;
    await expect(
      linkShader('root.wgsl', { ...FILES, 'lib/util.wgsl': lib }, { displayRoot: 'shaders/' }),
    ).rejects.toThrow("shaders/lib/util.wgsl:20:7: Expected identifier after 'let'");
  });

  it('says when the root file is missing', async () => {
    await expect(linkShader('nope.wgsl', FILES, { displayRoot: 'shaders/' })).rejects.toThrow(
      'shaders/nope.wgsl: no such shader file',
    );
  });

  it('refuses a link that renames an override, since the host sets it by name', async () => {
    const root = ROOT.replace(
      'override WG_X: u32 = 64u;',
      'override WG_X: u32 = 64u;\noverride TILE: u32 = 4u;',
    ).replace('{scaled, TILE}', '{scaled}');
    const error = await linkShader('root.wgsl', { ...FILES, 'root.wgsl': root }, { displayRoot: 'shaders/' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ShaderLinkError);
    expect((error as Error).message).toMatch(
      /^shaders\/lib\/util\.wgsl:2:10: override TILE is renamed TILE0 by the link, because another module declares TILE too: declare it in one module only/,
    );
  });

  it('reads files through a reader as well as from a record', async () => {
    const asked: string[] = [];
    const linked = await linkShader('root.wgsl', (path) => {
      asked.push(path);
      return FILES[path as keyof typeof FILES];
    });
    expect(linked.sourceMap.sources).toEqual([ROOT, LIB]);
    // A module is looked for as .wgsl, then .wesl.
    expect(asked).toEqual(['root.wgsl', 'lib/util.wgsl']);
  });
});
