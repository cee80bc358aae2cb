/**
 * A kernel case as the data a runner builds (src/protocol/program.ts): the descriptor's buffers,
 * shaders and dispatches for one shape and configuration. Pure.
 */
import type { KernelDescriptor, Params, Shape } from '../api/types.js';
import type { CaseProgram } from '../protocol/program.js';

/** The program of `kernel` at `shape` with `params`, its inputs seeded with `seed`. */
export function buildProgram(
  kernel: KernelDescriptor,
  shape: Shape,
  params: Params,
  seed: number,
  maxChecked: number,
): CaseProgram {
  const buffers = kernel.buffers(shape, params).map(({ name, type, length, role }) => ({
    name,
    type,
    length,
    fill: role === 'input' ? ('seeded' as const) : ('zero' as const),
  }));
  const label = `${kernel.name} ${kernel.formatShape(shape)}`;
  const common = {
    label,
    requiredFeatures: kernel.requiredFeatures ?? [],
    seed,
    buffers,
    output: kernel.output,
    maxChecked,
  };
  if (kernel.peer)
    return { ...common, shaders: [], stages: [], peer: { page: kernel.peer, kernel: kernel.name, shape, params } };
  const shaders: string[] = [];
  const stages = kernel.stages(shape, params).map((stage) => {
    const code = stage.shader ?? kernel.shader;
    let index = shaders.indexOf(code);
    if (index < 0) index = shaders.push(code) - 1;
    return {
      name: stage.name,
      shader: index,
      entryPoint: stage.entryPoint,
      constants: stage.constants,
      bindings: stage.bindings,
      uniforms: stage.uniforms ?? [],
      workgroups: stage.workgroups,
    };
  });
  return { ...common, shaders, stages };
}
