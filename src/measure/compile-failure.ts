/**
 * A shader that did not compile on the runner, told the way compilers tell it: the runner sends
 * WebGPU's messages back (Failure.compile), and here, in the core, where the linked shaders are
 * known, each error becomes `file:line:col: error: message`, the source line and a caret, mapped
 * through the link to the file it came from (src/shaders/compile-errors.ts). Pure.
 */
import type { KernelDescriptor } from '../api/types.js';
import type { CaseProgram, Failure } from '../protocol/program.js';
import { formatCompilationErrors } from '../shaders/compile-errors.js';
import { linkedShaderOf } from '../shaders/linked-shaders.js';
import { unlinkedShader } from '../shaders/source-map.js';

/** Whether the failure is a shader that did not compile: WebGPU gave at least one error message for it. */
export function isCompileError(failure: Failure): boolean {
  return failure.compile?.messages.some((m) => m.type === 'error') ?? false;
}

/** The failure with its message rewritten from its compile messages; unchanged when it has none. */
export function withCompileErrors(failure: Failure, program: CaseProgram, kernel: KernelDescriptor): Failure {
  const compile = failure.compile;
  const code = compile ? program.shaders[compile.shader] : undefined;
  if (!compile || code === undefined || !isCompileError(failure)) return failure;
  const file = code === kernel.shader && kernel.source.file ? kernel.source.file : `<shader of stage ${compile.stage}>`;
  const shader = linkedShaderOf(code) ?? unlinkedShader(code, file);
  return {
    ...failure,
    message: `WGSL error in stage ${compile.stage}:\n${formatCompilationErrors(compile.messages, shader)}`,
  };
}
