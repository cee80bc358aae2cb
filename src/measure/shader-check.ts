/**
 * Checking a kernel's shader against its descriptor before anything runs, through the shader's
 * reflection (src/shaders/reflect.ts, src/shaders/check.ts): every stage's entry point is a compute
 * entry point, every constant an override of a fitting type, the workgroup size the overrides give
 * the one dispatched, each binding's address space, access and element type fit its buffer, the
 * uniform block has the values packed. A mismatch is a one-line UsageError naming the file and
 * line and the fix. Line numbers are those of the files the shader was linked from, when it was
 * (a `.wgsl` import or host/shader-files.ts registered it). Pure.
 */
import type { KernelDescriptor } from '../api/types.js';
import { UsageError } from '../errors.js';
import { checkStage } from '../shaders/check.js';
import { linkedShaderOf } from '../shaders/linked-shaders.js';
import { reflectShader, ShaderParseError } from '../shaders/reflect.js';
import { unlinkedShader } from '../shaders/source-map.js';

/**
 * Checks every stage of a kernel at its first test shape and default configuration; a UsageError for the
 * first mismatch.
 */
export function checkKernelShader(kernel: KernelDescriptor): void {
  if (kernel.peer) return;
  const shape = kernel.testShapes[0] ?? kernel.shapeFromSize(8);
  const where = `kernel ${kernel.name}${kernel.source.module ? ` (${kernel.source.module})` : ''}`;
  for (const stage of kernel.stages(shape, kernel.defaultParams)) {
    const code = stage.shader ?? kernel.shader;
    const shader =
      linkedShaderOf(code) ??
      unlinkedShader(code, stage.shader ? `<shader of stage ${stage.name}>` : (kernel.source.file ?? '<its shader>'));
    let reflection;
    try {
      reflection = reflectShader(shader);
    } catch (error) {
      if (error instanceof ShaderParseError) throw new UsageError(`${where}: ${error.message}`);
      throw error;
    }
    const [first] = checkStage(
      stage,
      kernel.buffers(shape, kernel.defaultParams),
      reflection,
      shader.sourceMap.files[0] ?? '<its shader>',
    );
    if (first !== undefined) throw new UsageError(`${where}: ${first}`);
  }
}
