/** The conv-gemm suite: each 3x3 conv layer beside the GEMM im2col lowers it to, labelled alike. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_REGISTRY } from '../../src/kernels/index.js';
import { planCases } from '../../src/measure/plan.js';
import { loweredGemmShape } from '../../src/suites/suites.js';

const CONV_KERNELS = BUILTIN_REGISTRY.family('conv').map((k) => k.name);
/** The f32 matmul strategies but the baseline (matmul-naive), in registry order. */
const GEMM_KERNELS = ['matmul-quadswap', 'matmul-tiled', 'matmul-blocked', 'matmul-subgroup'];

describe('the conv-gemm suite', () => {
  it("runs AlexNet's and ResNet-50's 3x3 layers on every conv strategy and their GEMMs on every matmul strategy", () => {
    const cases = planCases({ suite: 'conv-gemm' });
    const layers = [...new Set(cases.map((c) => `${c.workload!.name} ${c.workload!.layer}`))];
    expect(layers).toEqual([
      'alexnet conv3',
      'alexnet conv4',
      'alexnet conv5',
      'resnet50 stage2.conv3x3',
      'resnet50 stage3.conv3x3',
      'resnet50 stage4.conv3x3',
      'resnet50 stage5.conv3x3',
    ]);
    const conv3 = cases.filter((c) => c.workload!.layer === 'conv3');
    expect(conv3.map((c) => c.kernel.name)).toEqual([...CONV_KERNELS, ...GEMM_KERNELS]);
    // AlexNet conv3: 13x13x256, 384 filters of 3x3, pad 1 -> 13x13 outputs: M = 169, N = 384, K = 9 x 256.
    for (const c of conv3.slice(CONV_KERNELS.length)) expect(c.shape).toEqual({ batch: 1, m: 169, n: 384, k: 2304 });
    // ResNet-50 stage 2: 56x56x64 -> 56x56x64 (x3 blocks): M = 3136, N = 64, K = 576.
    const stage2 = cases.filter((c) => c.workload!.layer === 'stage2.conv3x3');
    expect(stage2.at(-1)!.shape).toEqual({ batch: 1, m: 3136, n: 64, k: 576 });
    expect(stage2.every((c) => c.workload!.repeat === 3)).toBe(true);
  });

  it('counts the same FLOPs for a conv and its lowered GEMM', () => {
    const cases = planCases({ suite: 'conv-gemm', scale: 0.5 });
    for (const layer of new Set(cases.map((c) => c.workload!.layer))) {
      const flops = new Set(cases.filter((c) => c.workload!.layer === layer).map((c) => c.kernel.flops(c.shape)));
      expect(flops.size, layer).toBe(1);
    }
  });

  it('--sizes gives square 3x3 layers, labelled by size', () => {
    const cases = planCases({ suite: 'conv-gemm', sizes: [32] });
    expect(new Set(cases.map((c) => c.workload!.layer))).toEqual(new Set(['conv32']));
    expect(cases.at(-1)!.shape).toEqual({ batch: 1, m: 1024, n: 32, k: 288 });
  });

  it('lowers a strided, batched conv to output pixels x filters x patch', () => {
    // 2 images of 9x9x4, 8 filters of 3x3, stride 2, no padding -> 4x4 outputs each.
    const shape = { batch: 2, height: 9, width: 9, channels: 4, filters: 8, kernelH: 3, kernelW: 3, stride: 2, pad: 0 };
    expect(loweredGemmShape(shape)).toEqual({ batch: 1, m: 32, n: 8, k: 36 });
  });
});
