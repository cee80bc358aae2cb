/** The suites as planned cases: which kernels, shapes and configurations. */
import { describe, expect, it } from 'vitest';
import { matmulKernels, SUITES } from '../../src/suites/suites.js';
import { adapterClass, planCases, resolveForAdapter } from '../../src/measure/plan.js';
import { BUILTIN_REGISTRY, getKernel, KERNELS } from '../../src/kernels/index.js';

/**
 * The built-in matmul strategies, baseline first (derived from the registry: every matmul kernel that is not
 * a peer).
 */
const MATMUL_KERNELS = matmulKernels(BUILTIN_REGISTRY).map((k) => k.name);
/** A kernel's tuned configuration for an adapter class and size. */
const tuned = (kernel: string, cls: 'software' | 'gpu', size: number) => getKernel(kernel).tuned![cls]![size];

const label = (c: ReturnType<typeof planCases>[number]) => `${c.kernel.name} ${c.kernel.formatShape(c.shape)}`;

describe('suites', () => {
  it('name only registered kernels, with configurations inside their spaces', () => {
    for (const suite of SUITES) {
      for (const planned of planCases({ suite: suite.name })) {
        expect(KERNELS).toContain(planned.kernel);
        for (const [key, value] of Object.entries(planned.params))
          expect(planned.kernel.paramSpace[key], `${label(planned)} ${key}`).toContain(value);
      }
    }
    for (const kernel of KERNELS) {
      for (const bySize of Object.values(kernel.tuned ?? {})) {
        expect(MATMUL_KERNELS).toContain(kernel.name);
        const space = kernel.paramSpace;
        for (const params of Object.values(bySize)) {
          expect(Object.keys(params).sort()).toEqual(Object.keys(space).sort());
          for (const [key, value] of Object.entries(params)) expect(space[key]).toContain(value);
        }
      }
    }
  });

  it('derives the matmul strategies from the registry: every matmul kernel but the peers, the baseline first', () => {
    expect(MATMUL_KERNELS[0]).toBe('matmul-naive');
    expect(MATMUL_KERNELS).toEqual(
      expect.arrayContaining(['matmul-tiled', 'matmul-blocked', 'matmul-subgroup', 'matmul-f16']),
    );
    expect(MATMUL_KERNELS).not.toContain('tfjs-matmul');
  });

  it('matmul --sizes 512 runs every matmul strategy at 512 and nothing else', () => {
    const cases = planCases({ suite: 'matmul', sizes: [512] });
    expect(cases.map(label)).toEqual(MATMUL_KERNELS.map((kernel) => `${kernel} 512x512x512`));
  });

  it('matmul by default covers 64 to 1024 square, skinny and batched shapes, each strategy at each', () => {
    const labels = planCases({ suite: 'matmul' }).map(label);
    for (const kernel of MATMUL_KERNELS) {
      for (const shape of [
        '64x64x64',
        '128x128x128',
        '256x256x256',
        '512x512x512',
        '1024x1024x1024',
        '1024x64x1024',
        '8x256x256x256',
      ]) {
        expect(labels).toContain(`${kernel} ${shape}`);
      }
    }
  });

  it('matmul uses the configuration tuned for the adapter class and size, once the adapter is known', () => {
    const swiftshader = {
      vendor: 'google',
      architecture: 'swiftshader',
      device: '0xc0de',
      description: 'SwiftShader Device (Subzero)',
    };
    const h100 = {
      vendor: 'nvidia',
      architecture: '',
      device: 'nvidia-h100-80gb-hbm3',
      description: 'NVIDIA: 580.159.04',
    };
    expect(adapterClass(swiftshader)).toBe('software');
    expect(adapterClass(h100)).toBe('gpu');
    const planned = planCases({ suite: 'matmul', sizes: [64, 512], kernels: ['matmul-subgroup'] });
    // Before the adapter is known: the kernel's defaults.
    expect(planned.map((c) => c.params)).toEqual([planned[0]!.kernel.defaultParams, planned[0]!.kernel.defaultParams]);
    const software = resolveForAdapter(planned, swiftshader);
    expect(software[0]!.params).toEqual(tuned('matmul-subgroup', 'software', 64));
    expect(software[1]!.params).toEqual(planned[1]!.kernel.defaultParams); // 512: the defaults were tuned there
    const gpu = resolveForAdapter(planned, h100);
    expect(gpu.map((c) => c.params)).toEqual([tuned('matmul-subgroup', 'gpu', 0), tuned('matmul-subgroup', 'gpu', 0)]);
  });

  it('quick runs the baseline and the fastest strategy at 128 and 256', () => {
    expect(planCases({ suite: 'quick' }).map(label)).toEqual([
      'matmul-naive 128x128x128',
      'matmul-subgroup 128x128x128',
      'matmul-naive 256x256x256',
      'matmul-subgroup 256x256x256',
    ]);
  });

  it('peers runs TF.js and ONNX Runtime Web beside every f32 strategy at 256 and 512, the peers first', () => {
    const labels = planCases({ suite: 'peers' }).map(label);
    const at = (size: number) =>
      [
        'ort-matmul',
        'tfjs-matmul',
        'matmul-naive',
        'matmul-quadswap',
        'matmul-tiled',
        'matmul-blocked',
        'matmul-subgroup',
      ].map((k) => `${k} ${size}x${size}x${size}`);
    expect(labels).toEqual([...at(256), ...at(512)]);
  });

  it('lets --param override the suite configuration, for every adapter class', () => {
    const planned = planCases({ suite: 'matmul', sizes: [64], kernels: ['matmul-subgroup'], params: { TM: 2 } });
    const swiftshader = { vendor: 'google', architecture: 'swiftshader', device: '', description: '' };
    const [resolved] = resolveForAdapter(planned, swiftshader);
    expect(resolved!.params).toEqual({ ...tuned('matmul-subgroup', 'software', 64), TM: 2 });
    const [gpu] = resolveForAdapter(planned, { vendor: 'amd', architecture: 'rdna-3', device: '', description: '' });
    expect(gpu!.params).toEqual({ ...tuned('matmul-subgroup', 'gpu', 0), TM: 2 });
  });
});

describe('the bandwidth suite', () => {
  it('copies 16, 64 and 256 MiB and runs gemv at 1024 and 4096 square by default', () => {
    expect(planCases({ suite: 'bandwidth' }).map(label)).toEqual([
      'copy 16 MiB',
      'copy 64 MiB',
      'copy 256 MiB',
      'gemv 1024x1024',
      'gemv 4096x4096',
    ]);
  });

  it('runs both kernels at the sizes given', () => {
    expect(planCases({ suite: 'bandwidth', sizes: [8] }).map(label)).toEqual(['copy 8 MiB', 'gemv 8x8']);
  });
});
