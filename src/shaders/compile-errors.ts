/**
 * WebGPU compilation messages (GPUCompilationInfo) shown the way compilers show them:
 * `file:line:col: error: message`, the source line, and a caret under the column, with the
 * position mapped through the link back to the file the code came from. Page-safe.
 */
import { lineAt, locateOffset, offsetOf, sourceText, type LinkedShader } from './source-map.js';

/** The fields of a GPUCompilationMessage the formatter reads. */
export interface CompilationMessageLike {
  readonly type: 'error' | 'warning' | 'info';
  readonly message: string;
  /** 1-based; 0 when the message has no position. */
  readonly lineNum: number;
  /** 1-based, in UTF-16 code units. */
  readonly linePos: number;
  readonly length: number;
}

/**
 * One message as `file:line:col: type: message`, then the source line and a caret under the column;
 * the message's further lines (Tint lists the candidates of an overload there) after that.
 */
export function formatCompilationMessage(message: CompilationMessageLike, shader: LinkedShader): string {
  const [first = '', ...rest] = message.message.trim().split('\n');
  const notes = rest
    .filter((line) => line.trim() !== '')
    .map((line) => `\n${line.trimEnd()}`)
    .join('');
  if (message.lineNum <= 0)
    return `${shader.sourceMap.files[0] ?? '<shader>'}: ${message.type}: ${first.trim()}${notes}`;
  const offset = offsetOf(shader.code, message.lineNum, message.linePos);
  const at = locateOffset(shader, offset);
  const source = sourceText(shader, at);
  const line = lineAt(source, at.offset);
  const column = at.col - 1;
  // The caret keeps the line's tabs, so it stays under the column however tabs are shown.
  const pad = line.slice(0, column).replace(/[^\t]/g, ' ');
  const width = Math.max(1, Math.min(message.length, line.length - column));
  return `${at.file}:${at.line}:${at.col}: ${message.type}: ${first.trim()}\n${line}\n${pad}${'^'.repeat(width)}${notes}`;
}

/** The errors among `messages`, formatted, one block per error. */
export function formatCompilationErrors(messages: readonly CompilationMessageLike[], shader: LinkedShader): string {
  return messages
    .filter((m) => m.type === 'error')
    .map((m) => formatCompilationMessage(m, shader))
    .join('\n');
}
