/**
 * A problem of the user's own: its buffers, its useful FLOPs and bytes, and a CPU reference of
 * one output element, for kernels flopscope has no problem for (a softmax, a reduction, a
 * scan). Inputs are seeded in [-1, 1) as for every problem; the reference reads them.
 */
import { UsageError } from '../../errors.js';
import {
  F32_UNIT_ROUNDOFF,
  type BufferSpec,
  type KernelFamily,
  type KernelProblem,
  type Metric,
  type Params,
  type ReferenceValue,
  type Shape,
  type UniformValue,
} from '../types.js';

/** What a custom problem is made of. */
export interface CustomProblem {
  /** Short name, e.g. 'softmax rows'. */
  name: string;
  summary?: string | undefined;
  /** 'flops' (GFLOP/s, the default) or 'bandwidth' (GB/s). */
  metric?: Metric | undefined;
  family?: KernelFamily | undefined;
  /** Buffers for a shape: inputs are seeded, outputs and scratch start at zero. */
  buffers(shape: Shape, params: Params): BufferSpec[];
  /** The buffer checked against the reference (default: the only output). */
  output?: string | undefined;
  /** Useful FLOPs of one run. */
  flops(shape: Shape): number;
  /** Least bytes one run must move. */
  bytes(shape: Shape): number;
  /**
   * Output element `index` computed on the CPU from the inputs: a number (checked within
   * `tolerance`), or { value, tolerance }.
   */
  reference(
    inputs: Readonly<Record<string, Float32Array>>,
    shape: Shape,
    index: number,
    params: Params,
  ): number | ReferenceValue;
  /**
   * Largest absolute error allowed for an element whose reference is `value`, default 16 f32 roundoffs of
   * max(|value|, 1).
   */
  tolerance?: ((value: number, shape: Shape) => number) | undefined;
  /** The uniform block the shader declares, bound after the buffers. */
  uniforms?: ((shape: Shape) => readonly UniformValue[]) | undefined;
  /** Shape for `--sizes N`; default { n: N }. */
  shapeFromSize?: ((size: number) => Shape) | undefined;
  formatShape?: ((shape: Shape) => string) | undefined;
  checkShape?: ((shape: Shape) => string | null) | undefined;
  /** Shapes the end-to-end checks use; default the shapes of sizes 33 and 100. */
  testShapes?: readonly Shape[] | undefined;
}

const defaultTolerance = (value: number) => 16 * F32_UNIT_ROUNDOFF * Math.max(Math.abs(value), 1);

/** A problem from its parts; a UsageError names the first part missing. */
export function custom(problem: CustomProblem): KernelProblem {
  const where = `custom problem ${JSON.stringify(problem?.name)}`;
  for (const part of ['buffers', 'flops', 'bytes', 'reference'] as const) {
    if (typeof problem?.[part] !== 'function')
      throw new UsageError(`${where}: give ${part}(...) (see custom() in the README)`);
  }
  const shapeFromSize = problem.shapeFromSize ?? ((size: number) => ({ n: size }));
  const outputOf = (shape: Shape, params: Params): string => {
    if (problem.output) return problem.output;
    const outputs = problem.buffers(shape, params).filter((b) => b.role === 'output');
    if (outputs.length !== 1)
      throw new UsageError(
        `${where}: it has ${outputs.length} output buffers: say which is checked with output: 'name'`,
      );
    return outputs[0]!.name;
  };
  const testShapes = problem.testShapes ?? [shapeFromSize(33), shapeFromSize(100)];
  return {
    name: problem.name,
    summary: problem.summary ?? problem.name,
    family: problem.family ?? problem.name,
    metric: problem.metric ?? 'flops',
    // The output buffer's name, as the buffers of the first test shape give it.
    output: outputOf(testShapes[0]!, {}),
    shapeFromSize,
    formatShape:
      problem.formatShape ??
      ((shape) =>
        Object.entries(shape)
          .map(([key, value]) => `${key}=${value}`)
          .join(' ')),
    ...(problem.checkShape ? { checkShape: problem.checkShape } : {}),
    buffers: (shape, params) => problem.buffers(shape, params),
    flops: (shape) => problem.flops(shape),
    bytes: (shape) => problem.bytes(shape),
    reference(inputs, shape, params, index) {
      const answer = problem.reference(inputs, shape, index, params);
      const value = typeof answer === 'number' ? answer : answer?.value;
      if (typeof value !== 'number') {
        throw new UsageError(
          `${where}: reference() returned ${JSON.stringify(answer)} for element ${index}: return the expected value as a number (or { value, tolerance })`,
        );
      }
      const tolerance =
        typeof answer === 'number' ? (problem.tolerance ?? defaultTolerance)(value, shape) : answer.tolerance;
      return { value, tolerance };
    },
    ...(problem.uniforms ? { uniforms: problem.uniforms } : {}),
    testShapes,
  };
}
