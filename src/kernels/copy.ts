import shader from '../../shaders/copy.wgsl';
import { copyBytes } from '../flops/bandwidth.js';
import type { KernelDescriptor, Shape } from './types.js';

/** f32 elements in one MiB: `--sizes N` copies N MiB (N x 2^18 elements) into another N MiB. */
export const ELEMENTS_PER_MIB = 2 ** 18;
/** Largest workgroup count in one dimension every WebGPU device supports. */
const MAX_GROUPS_PER_DIMENSION = 65535;

function copyShape(shape: Shape): { elements: number } {
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

/**
 * Stream copy of an f32 buffer with vec4 loads and stores: the attainable memory bandwidth.
 * Shape { elements } (a multiple of 4); size N = N MiB per buffer.
 */
export const copy: KernelDescriptor = {
  name: 'copy',
  summary: 'dst = src, vec4 loads and stores in a grid-stride loop: the attainable memory bandwidth (size = MiB per buffer)',
  metric: 'bandwidth',
  shader,
  output: 'dst',
  paramSpace: { WG_SIZE: [64, 128, 256] },
  defaultParams: { WG_SIZE: 256 },
  shapeFromSize: (size) => ({ elements: size * ELEMENTS_PER_MIB }),
  formatShape: (shape) => formatBytes(copyShape(shape).elements * 4),
  checkConfig(shape) {
    const { elements } = copyShape(shape);
    if (!Number.isInteger(elements) || elements < 4 || elements % 4 !== 0) return `elements must be a positive multiple of 4 (whole vec4s), got ${elements}`;
    return null;
  },
  buffers(shape) {
    const { elements } = copyShape(shape);
    return [
      { name: 'src', role: 'input', type: 'f32', length: elements },
      { name: 'dst', role: 'output', type: 'f32', length: elements },
    ];
  },
  stages(shape, params) {
    const vec4s = Math.ceil(copyShape(shape).elements / 4);
    const wgSize = params.WG_SIZE!;
    const groups = Math.min(Math.ceil(vec4s / wgSize), MAX_GROUPS_PER_DIMENSION);
    return [
      {
        name: 'copy',
        entryPoint: 'main',
        constants: { WG_SIZE: wgSize },
        bindings: ['src', 'dst'],
        uniforms: [{ u32: vec4s }, { u32: groups * wgSize }],
        workgroupSize: [wgSize, 1, 1],
        workgroupStorageBytes: 0,
        workgroups: [groups, 1, 1],
      },
    ];
  },
  flops: () => 0,
  bytes: (shape) => copyBytes(copyShape(shape).elements),
  // A copy is exact: the output must equal the input bit for bit.
  reference: (inputs, _shape, _params, index) => ({ value: inputs.src![index]!, tolerance: 0 }),
};
