/**
 * Where each character of a linked shader came from. The linker re-emits every declaration it
 * keeps (imported ones after the root's, reformatted), so a line of the linked code is rarely the
 * same line of any file: compile errors, reflection and checks map positions back through this.
 * Plain data (JSON), page-safe: it travels with the code to wherever the code is compiled.
 */

/** A shader as the GPU gets it, with the map back to the files it was linked from. */
export interface LinkedShader {
  /** The linked WGSL. */
  code: string;
  sourceMap: ShaderSourceMap;
}

/** The files a linked shader came from and which run of the code came from where. */
export interface ShaderSourceMap {
  /** Display paths of the files (e.g. `shaders/lib/gemm_vec4.wgsl`), the root first. */
  files: string[];
  /** Their texts, to show the line a message is about. */
  sources: string[];
  /**
   * Runs of code copied from one place, by code offset: code offsets from a run's codeStart up to
   * the next run's map to srcStart + (offset - codeStart) in files[file]; file -1 marks text the
   * linker wrote itself. Each run is three base64 VLQ numbers (as in JavaScript source maps), each
   * the difference from the previous run's: codeStart, file, srcStart (`encodeRuns`).
   */
  mappings: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Runs given as flat triples [codeStart, file, srcStart] -> `mappings`. */
export function encodeRuns(runs: readonly number[]): string {
  let out = '';
  const previous = [0, 0, 0];
  for (let i = 0; i < runs.length; i++) {
    const delta = runs[i]! - previous[i % 3]!;
    previous[i % 3] = runs[i]!;
    // Sign in the lowest bit, then 5 bits per digit, low digits first, bit 6 = more to come.
    let vlq = delta < 0 ? (-delta << 1) | 1 : delta << 1;
    do {
      let digit = vlq & 31;
      vlq >>>= 5;
      if (vlq > 0) digit |= 32;
      out += BASE64[digit];
    } while (vlq > 0);
  }
  return out;
}

/** `mappings` -> flat triples [codeStart, file, srcStart]. */
export function decodeRuns(mappings: string): number[] {
  const runs: number[] = [];
  const previous = [0, 0, 0];
  let vlq = 0;
  let shift = 0;
  for (const ch of mappings) {
    const digit = BASE64.indexOf(ch);
    if (digit === -1) throw new Error(`bad character ${JSON.stringify(ch)} in shader source map`);
    vlq += (digit & 31) * 2 ** shift;
    shift += 5;
    if (digit & 32) continue;
    const i = runs.length % 3;
    const value = previous[i]! + (vlq & 1 ? -Math.floor(vlq / 2) : Math.floor(vlq / 2));
    runs.push(value);
    previous[i] = value;
    vlq = 0;
    shift = 0;
  }
  return runs;
}

const decoded = new WeakMap<ShaderSourceMap, number[]>();

function runsOf(map: ShaderSourceMap): number[] {
  let runs = decoded.get(map);
  if (!runs) {
    runs = decodeRuns(map.mappings);
    decoded.set(map, runs);
  }
  return runs;
}

/** A position in one file: 1-based line and column (UTF-16 code units, as WebGPU counts them). */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
  /** 0-based offset into the file's text. */
  offset: number;
}

/** The text with its comments blanked out (same length, so offsets hold). */
export function blankComments(text: string): string {
  return text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
}

/** The 1-based line and column of `offset` in `text`. */
export function lineColOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/** The 0-based offset of 1-based `line`, `col` in `text` (clamped to the text). */
export function offsetOf(text: string, line: number, col: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return text.length;
    start = next + 1;
  }
  return Math.min(start + Math.max(0, col - 1), text.length);
}

/** The line of `text` that holds `offset`, without its newline. */
export function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? text.length : end);
}

/**
 * The file position that code offset `offset` came from. `unmapped` names the code itself, for
 * offsets the linker wrote (and for a shader that was not linked): the location is then in it.
 */
export function locateOffset(shader: LinkedShader, offset: number, unmapped = '<linked shader>'): SourceLocation {
  const { files, sources } = shader.sourceMap;
  const segments = runsOf(shader.sourceMap);
  let lo = 0;
  let hi = segments.length / 3;
  // The last run that starts at or before `offset`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid * 3]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  const run = lo - 1;
  const file = run >= 0 ? segments[run * 3 + 1]! : -1;
  if (file < 0 || files[file] === undefined) {
    return { file: unmapped, offset, ...lineColOf(shader.code, offset) };
  }
  const source = sources[file]!;
  const srcOffset = Math.min(segments[run * 3 + 2]! + offset - segments[run * 3]!, source.length);
  return { file: files[file], offset: srcOffset, ...lineColOf(source, srcOffset) };
}

/** The file position that 1-based `line`, `col` of the linked code came from. */
export function locate(shader: LinkedShader, line: number, col: number): SourceLocation {
  return locateOffset(shader, offsetOf(shader.code, line, col));
}

/** The source text of a location's file, or the code itself for an unmapped location. */
export function sourceText(shader: LinkedShader, location: SourceLocation): string {
  const index = shader.sourceMap.files.indexOf(location.file);
  return index === -1 ? shader.code : shader.sourceMap.sources[index]!;
}

/** A shader that was not linked: every position maps to itself in `file`. */
export function unlinkedShader(code: string, file: string): LinkedShader {
  return { code, sourceMap: { files: [file], sources: [code], mappings: encodeRuns([0, 0, 0]) } };
}

/**
 * Fragments joined into one shader, one line break between them, each mapped back to its file
 * (`files[0]` is the first part's: list the kernel's own file first, `order` says the order of
 * the code). For fragments that reference each other's declarations, which modules cannot.
 */
export function joinedShader(
  parts: readonly { code: string; file: string }[],
  order: readonly number[] = parts.map((_, i) => i),
): LinkedShader {
  const runs: number[] = [];
  let code = '';
  order.forEach((index, n) => {
    if (n > 0) {
      runs.push(code.length, -1, 0);
      code += '\n';
    }
    runs.push(code.length, index, 0);
    code += parts[index]!.code;
  });
  return {
    code,
    sourceMap: { files: parts.map((p) => p.file), sources: parts.map((p) => p.code), mappings: encodeRuns(runs) },
  };
}
