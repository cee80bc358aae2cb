/**
 * The stream-copy problem: dst = src, f32, a multiple of 4 elements (whole vec4s): the attainable
 * memory bandwidth. Exact: the output must equal the input bit for bit. `--sizes N` copies N MiB.
 */
import { copyBytes } from '../../flops/bandwidth.js';
import type { KernelProblem, Shape } from '../types.js';

/** f32 elements in one MiB: `--sizes N` copies N MiB (N x 2^18 elements) into another N MiB. */
export const ELEMENTS_PER_MIB = 2 ** 18;

/** The { elements } of a copy shape. */
export function copyShape(shape: Shape): { elements: number } {
  const { elements } = shape;
  if (elements === undefined) throw new Error(`not a copy shape: ${JSON.stringify(shape)}`);
  return { elements };
}

/** Human size of `bytes`: whole MiB when it is one, else KiB or bytes. */
function formatBytes(bytes: number): string {
  if (bytes % 2 ** 20 === 0) return `${bytes / 2 ** 20} MiB`;
  if (bytes % 2 ** 10 === 0) return `${bytes / 2 ** 10} KiB`;
  return `${bytes} B`;
}

/** dst = src. */
export function copy(): KernelProblem {
  return {
    name: 'copy f32',
    summary: 'dst = src (f32): the attainable memory bandwidth (size = MiB per buffer)',
    family: 'bandwidth',
    metric: 'bandwidth',
    output: 'dst',
    shapeFromSize: (size) => ({ elements: size * ELEMENTS_PER_MIB }),
    formatShape: (shape) => formatBytes(copyShape(shape).elements * 4),
    checkShape(shape) {
      const { elements } = shape;
      if (elements === undefined || !Number.isInteger(elements) || elements < 4 || elements % 4 !== 0)
        return `elements must be a positive multiple of 4 (whole vec4s), got ${elements}`;
      return null;
    },
    buffers(shape) {
      const { elements } = copyShape(shape);
      return [
        { name: 'src', role: 'input', type: 'f32', length: elements },
        { name: 'dst', role: 'output', type: 'f32', length: elements },
      ];
    },
    flops: () => 0,
    bytes: (shape) => copyBytes(copyShape(shape).elements),
    reference: (inputs, _shape, _params, index) => ({ value: inputs.src![index]!, tolerance: 0 }),
    testShapes: [{ elements: 1028 }, { elements: 4 * 70_001 }],
  };
}
