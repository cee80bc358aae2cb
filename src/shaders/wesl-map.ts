/**
 * The runs of a ShaderSourceMap (source-map.ts) from WESL's own map of a link (`SrcMap.destToSrc`).
 * WESL re-emits each declaration it keeps: names, numbers and comments are fragments it maps
 * exactly, but the text it writes itself (keywords, `.member`, punctuation) it maps to just past
 * the previous fragment, which can be a few characters or a line away. Each such token is moved
 * onto the same token in its file, so that a caret lands on it: on every shader in shaders/ each
 * token then maps to itself (test/shaders/link.test.ts).
 */
import { blankComments } from './source-map.js';

const TOKEN = /[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9A-Za-z.]*|&&|\|\||==|!=|<=|>=|<<|>>|->|\+\+|--|[+\-*/%&|^]=|\S/g;
const IDENT_CHAR = /[A-Za-z0-9_]/;
/** Words WESL writes itself rather than copying them from a fragment of the source. */
const KEYWORDS = new Set([
  'alias',
  'break',
  'case',
  'const',
  'const_assert',
  'continue',
  'continuing',
  'default',
  'diagnostic',
  'discard',
  'else',
  'enable',
  'false',
  'fn',
  'for',
  'if',
  'let',
  'loop',
  'override',
  'requires',
  'return',
  'struct',
  'switch',
  'true',
  'var',
  'while',
]);
/** How far (characters) from WESL's estimate a token is looked for in its file. */
const SNAP_WINDOW = 80;

/**
 * Where `token` is in `text` near WESL's estimate `around`: the first whole occurrence at or after
 * `after` (the end of the previous token of the same run: tokens keep their order within a
 * declaration) when there is one, else the nearest one; -1 when none is within the window.
 */
function findToken(text: string, token: string, around: number, after: number | null): number {
  const whole = (at: number) =>
    at >= 0 &&
    text.startsWith(token, at) &&
    !(
      IDENT_CHAR.test(token[0]!) &&
      (IDENT_CHAR.test(text[at - 1] ?? ' ') || IDENT_CHAR.test(text[at + token.length] ?? ' '))
    );
  if (after !== null) {
    for (let at = after; at <= after + 2 * SNAP_WINDOW && at < text.length; at++) if (whole(at)) return at;
  }
  for (let distance = 0; distance <= SNAP_WINDOW; distance++) {
    if (whole(around + distance)) return around + distance;
    if (distance > 0 && whole(around - distance)) return around - distance;
  }
  return -1;
}

/** Names and numbers are fragments WESL maps exactly; keywords and punctuation are its own glue. */
function isCopied(token: string): boolean {
  return /^[A-Za-z_0-9]/.test(token) && !KEYWORDS.has(token);
}

/** The last whole `token` in `text` before `before`, with only blanks, `<...>` or `<` between; -1 if none. */
function findBefore(text: string, token: string, before: number): number {
  const at = text.lastIndexOf(token, before - token.length);
  if (at < 0 || before - at > SNAP_WINDOW || IDENT_CHAR.test(text[at - 1] ?? ' ')) return -1;
  return /^(\s|<[^;{}]*>)*<?\s*$/.test(text.slice(at + token.length, before)) ? at : -1;
}

/**
 * Turns WESL's map into runs (a new run wherever the source stops advancing with the code).
 * WESL maps the text it writes itself (keywords, `.member`, punctuation) to just past the previous
 * fragment, which can be a few characters or a line away; each such token of the code is moved to
 * the same token in its file, so that a caret lands on it.
 */
export function runsFromWesl(
  code: string,
  destToSrc: (offset: number) => { src: { path?: string }; position: number },
  fileIndex: ReadonlyMap<string, number>,
  sources: readonly string[],
): number[] {
  const files = new Int32Array(code.length);
  const positions = new Int32Array(code.length);
  for (let offset = 0; offset < code.length; offset++) {
    const { src, position } = destToSrc(offset);
    files[offset] = src.path === undefined ? -1 : (fileIndex.get(src.path) ?? -1);
    positions[offset] = position;
  }
  const blanked = sources.map(blankComments);
  let previous = { file: -1, end: 0 };
  const matches = [...blankComments(code).matchAll(TOKEN)];
  // Where the token matches[i] is in its file when WESL mapped it exactly (a copied fragment), else -1.
  const exact = (i: number, file: number): number => {
    const match = matches[i];
    if (!match || files[match.index] !== file || !isCopied(match[0])) return -1;
    const position = positions[match.index]!;
    return blanked[file]!.startsWith(match[0], position) ? position : -1;
  };
  // The first of the next few tokens that WESL mapped exactly (`var<workgroup> tile`: the name).
  const nextExact = (i: number, file: number): number => {
    for (let j = i + 1; j <= i + 5 && j < matches.length; j++) {
      const position = exact(j, file);
      if (position !== -1) return position;
    }
    return -1;
  };
  let anchored = false;
  for (const [i, match] of matches.entries()) {
    const start = match.index;
    const token = match[0];
    const file = files[start]!;
    const source = blanked[file];
    if (source === undefined) continue;
    let at = positions[start]!;
    const placedBack = anchored;
    anchored = false;
    if (!isCopied(token) || !source.startsWith(token, at)) {
      // Right after a keyword placed back from its name, the estimate is as far off as the keyword's was.
      const near = previous.file === file && (placedBack || Math.abs(at - previous.end) <= SNAP_WINDOW);
      // A keyword stands just before the name it introduces (`override TM`, `fn block`): look for it
      // back from that name, which WESL maps exactly, however far its estimate is (a file's first
      // declaration is mapped to the file's start, before its header comment).
      const anchor = KEYWORDS.has(token) ? nextExact(i, file) : -1;
      const back = anchor === -1 ? -1 : findBefore(source, token, anchor);
      const found = back !== -1 ? back : findToken(source, token, at, near ? previous.end : null);
      anchored = back !== -1;
      if (found !== -1) {
        at = found;
        for (let c = 0; c < token.length; c++) positions[start + c] = found + c;
      }
    }
    previous = { file, end: at + token.length };
  }
  const runs: number[] = [];
  let lastFile = -2;
  let lastStart = 0;
  let expected = -1;
  for (let offset = 0; offset < code.length; offset++) {
    const file = files[offset]!;
    const position = positions[offset]!;
    if (file !== lastFile || (file >= 0 && position !== expected)) {
      // A run of the linker's own text has no source position: repeat the last one (a small delta).
      if (file >= 0) lastStart = position;
      runs.push(offset, file, lastStart);
      lastFile = file;
    }
    expected = position + 1;
  }
  return runs;
}
