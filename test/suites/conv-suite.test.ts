/** The conv suite as planned cases, and what --scale does to its shapes. */
import { describe, expect, it } from 'vitest';
import { convLayerShapes } from '../../src/suites/suites.js';
import { BUILTIN_REGISTRY } from '../../src/kernels/index.js';
import { UsageError } from '../../src/errors.js';
import { planCases } from '../../src/measure/plan.js';

const label = (c: ReturnType<typeof planCases>[number]) => `${c.kernel.name} ${c.kernel.formatShape(c.shape)}`;
/** Every conv strategy, the direct one first (the conv family of the registry). */
const CONV_KERNELS = BUILTIN_REGISTRY.family('conv').map((k) => k.name);

describe('the conv suite', () => {
  it("runs every strategy on AlexNet's and ResNet-50's real layers at scale 1", () => {
    const labels = planCases({ suite: 'conv' }).map(label);
    for (const kernel of CONV_KERNELS) {
      // AlexNet (Krizhevsky et al. 2012, as torchvision's alexnet: 227 input): conv1 to conv5.
      expect(labels).toContain(`${kernel} 1x227x227x3 * 11x11x3x96 /4 p0`);
      expect(labels).toContain(`${kernel} 1x27x27x96 * 5x5x96x256 /1 p2`);
      expect(labels).toContain(`${kernel} 1x13x13x256 * 3x3x256x384 /1 p1`);
      expect(labels).toContain(`${kernel} 1x13x13x384 * 3x3x384x384 /1 p1`);
      expect(labels).toContain(`${kernel} 1x13x13x384 * 3x3x384x256 /1 p1`);
      // ResNet-50 (He et al. 2016, table 1): the 7x7/2 stem and e.g. stage 2's 3x3 and stage 5's 1x1 reduce.
      expect(labels).toContain(`${kernel} 1x224x224x3 * 7x7x3x64 /2 p3`);
      expect(labels).toContain(`${kernel} 1x56x56x64 * 3x3x64x64 /1 p1`);
      expect(labels).toContain(`${kernel} 1x7x7x2048 * 1x1x2048x512 /1 p0`);
    }
    // 5 AlexNet layers + the stem + 3 convs in each of 4 stages, each run by every strategy (4).
    expect(labels).toHaveLength((5 + 1 + 12) * CONV_KERNELS.length);
    expect(CONV_KERNELS).toHaveLength(4);
  });

  it('--scale 0.25 shrinks height, width, channels and filters, keeping filter size, stride and padding', () => {
    const [conv1, conv2] = convLayerShapes(0.25);
    // AlexNet conv1: 227 x 0.25 = 56.75 -> 57; 3 channels x 0.25 -> at least 1; 96 filters -> 24.
    expect(conv1).toEqual({
      batch: 1,
      height: 57,
      width: 57,
      channels: 1,
      filters: 24,
      kernelH: 11,
      kernelW: 11,
      stride: 4,
      pad: 0,
    });
    // AlexNet conv2: 27 x 0.25 = 6.75 -> 7; 96 -> 24 channels; 256 -> 64 filters.
    expect(conv2).toEqual({
      batch: 1,
      height: 7,
      width: 7,
      channels: 24,
      filters: 64,
      kernelH: 5,
      kernelW: 5,
      stride: 1,
      pad: 2,
    });
    // ResNet-50 stage 5 at 7 x 0.25 = 1.75 -> 2, but never smaller than the 3x3 filter.
    const stage5 = convLayerShapes(0.25).filter((s) => s.channels === 128 && s.filters === 128);
    expect(stage5).toEqual([
      { batch: 1, height: 3, width: 3, channels: 128, filters: 128, kernelH: 3, kernelW: 3, stride: 1, pad: 1 },
    ]);
    const planned = planCases({ suite: 'conv', scale: 0.25 });
    expect(planned.map(label)).toContain('conv-im2col 1x57x57x1 * 11x11x1x24 /4 p0');
  });

  it('--sizes gives square 3x3 layers of those sizes instead of the model layers', () => {
    expect(planCases({ suite: 'conv', sizes: [16] }).map(label)).toEqual(
      CONV_KERNELS.map((k: string) => `${k} 1x16x16x16 * 3x3x16x16 /1 p1`),
    );
  });

  it("runs ONNX Runtime Web's Conv on the same layers only when --kernel names it", () => {
    expect(BUILTIN_REGISTRY.peers('conv').map((k) => k.name)).toEqual(['ort-conv']);
    expect(planCases({ suite: 'conv' }).some((c) => c.kernel.name === 'ort-conv')).toBe(false);
    const labels = planCases({ suite: 'conv', kernels: ['conv-implicit-gemm', 'ort-conv'] }).map(label);
    // The 18 layers of the first test, each by the strategy and by the peer, in model order.
    expect(labels).toHaveLength(18 * 2);
    expect(labels.slice(0, 2)).toEqual([
      'conv-implicit-gemm 1x227x227x3 * 11x11x3x96 /4 p0',
      'ort-conv 1x227x227x3 * 11x11x3x96 /4 p0',
    ]);
    expect(planCases({ suite: 'conv', sizes: [16], kernels: ['ort-conv'] }).map(label)).toEqual([
      'ort-conv 1x16x16x16 * 3x3x16x16 /1 p1',
    ]);
  });

  it('refuses --scale for suites whose shapes it does not shrink', () => {
    expect(() => planCases({ suite: 'matmul', scale: 0.5 })).toThrow(UsageError);
    expect(() => planCases({ suite: 'matmul', scale: 0.5 })).toThrow(/--scale shrinks the shapes of conv, .*alexnet/);
    expect(() => planCases({ kernels: ['conv-direct'], sizes: [8], scale: 0.5 })).toThrow(
      /--kernel runs sizes instead/,
    );
  });
});
