import shader from '../../shaders/copy.wgsl';
import { defineKernel } from '../api/define-kernel.js';
import { copy as copyProblem, copyShape } from '../api/problems/copy.js';

/** Largest workgroup count in one dimension every WebGPU device supports. */
const MAX_GROUPS_PER_DIMENSION = 65535;

/**
 * Invocations of a copy: one per vec4 up to the most workgroups one dimension holds; a grid-stride loop
 * covers the rest.
 */
function copyGroups(elements: number, wgSize: number): number {
  return Math.min(Math.ceil(Math.ceil(elements / 4) / wgSize), MAX_GROUPS_PER_DIMENSION);
}

/**
 * Stream copy of an f32 buffer with vec4 loads and stores: the attainable memory bandwidth.
 * Shape { elements } (a multiple of 4); size N = N MiB per buffer.
 */
export default defineKernel({
  name: 'copy',
  summary:
    'dst = src, vec4 loads and stores in a grid-stride loop: the attainable memory bandwidth (size = MiB per buffer)',
  shader: { code: shader, file: 'shaders/copy.wgsl' },
  problem: copyProblem(),
  baseline: true,
  params: { WG_SIZE: [64, 128, 256] },
  defaults: { WG_SIZE: 256 },
  uniforms: (shape, p) => {
    const vec4s = Math.ceil(copyShape(shape).elements / 4);
    return [{ u32: vec4s }, { u32: copyGroups(copyShape(shape).elements, p.WG_SIZE!) * p.WG_SIZE! }];
  },
  workgroupSize: (p) => [p.WG_SIZE!, 1, 1],
  workgroups: (shape, p) => [copyGroups(copyShape(shape).elements, p.WG_SIZE!), 1, 1],
});
