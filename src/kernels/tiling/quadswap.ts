/**
 * The quad-swap GEMM tiling shared by matmul-quadswap and conv-quadswap: the WGSL core
 * (shaders/quadswap/core.wgsl, put in front of each kernel's own shader), its parameter space, its
 * rules and its one stage. Measurements behind its design: the core's header comment.
 */
// The core and the kernels' bodies reference each other's declarations (the bodies' bindings, the
// core's tile origin), which WESL modules cannot, so they are joined as text (`?raw`) and the
// joined shader is checked and compiled as a whole.
import core from '../../../shaders/quadswap/core.wgsl?raw';
import { registerLinkedShader } from '../../shaders/linked-shaders.js';
import { joinedShader } from '../../shaders/source-map.js';
import type { Params, StageSpec, UniformValue } from '../../api/types.js';

/**
 * A kernel's shader on the core: the core first (it holds `enable subgroups;`), then the kernel's
 * body, mapped back to both files (a compile error or a check names the right one).
 */
export function onQuadswapCore(body: string, file: string): { code: string; file: string } {
  const joined = joinedShader(
    [
      { code: body, file },
      { code: core, file: 'shaders/quadswap/core.wgsl' },
    ],
    [1, 0],
  );
  return { code: registerLinkedShader(joined), file };
}

/** Axes of the tiling: invocations per workgroup, quads along N, rows and columns per invocation, K per trip. */
export const QUADSWAP_PARAM_SPACE = {
  WG_SIZE: [4, 8, 16, 32, 64, 128],
  QUADS_N: [1, 2, 4, 8],
  TM: [1, 2, 4, 8, 16],
  TN: [4, 8, 16, 32, 64],
  KSTEP: [4, 8, 16],
  KGROUPS: [1, 2],
};

/** Quads (groups of 4 invocations sharing B) along M in a workgroup. */
function quadsM(params: Params): number {
  return params.WG_SIZE! / 4 / params.QUADS_N!;
}

/** Why a configuration cannot tile (a workgroup of whole rows of quads), or null. */
export function checkQuadswapConfig(params: Params): string | null {
  const { WG_SIZE: size, QUADS_N: quadsN } = params;
  if (size! % (4 * quadsN!) !== 0) {
    return `WG_SIZE ${size} is not a multiple of 4 x QUADS_N (${4 * quadsN!}): a workgroup must hold whole rows of quads`;
  }
  return null;
}

/** The one stage: an m x n output (per batch along z), each quad (4 x TM) x TN of it. */
export function quadswapStage(
  params: Params,
  gemm: {
    m: number;
    n: number;
    batch: number;
    entryPoint: string;
    bindings: readonly string[];
    uniforms: UniformValue[];
  },
): StageSpec {
  const {
    WG_SIZE: size,
    QUADS_N: quadsN,
    TM: tm,
    TN: tn,
    KSTEP: kstep,
    KGROUPS: kgroups,
  } = params as Required<Record<'WG_SIZE' | 'QUADS_N' | 'TM' | 'TN' | 'KSTEP' | 'KGROUPS', number>>;
  return {
    name: 'gemm',
    entryPoint: gemm.entryPoint,
    constants: { WG_SIZE: size, QUADS_N: quadsN, TM: tm, TN: tn, KSTEP: kstep, KGROUPS: kgroups },
    bindings: gemm.bindings,
    uniforms: gemm.uniforms,
    workgroupSize: [size, 1, 1],
    workgroupStorageBytes: 0,
    workgroups: [Math.ceil(gemm.n / (quadsN * tn)), Math.ceil(gemm.m / (quadsM(params) * 4 * tm)), gemm.batch],
  };
}
