/**
 * Conv strategies against the best matmul on the GEMM their layer lowers to (m = N*E*F, n = M
 * filters, k = R*S*C), side by side (bench/interleaved.ts, no peak): the 3x3 layers of AlexNet and
 * ResNet-50 from the conv suite, with the target of issue 16 (the best conv at least 70% of the
 * matmul's GFLOP/s on its lowered shape). Run through bench/conv-gemm.mjs.
 */
import { openRunner } from '../src/host/run.js';
import { im2colGemmShape } from '../src/kernels/conv-im2col.js';
import { getKernel } from '../src/kernels/index.js';
import type { Params, Shape } from '../src/kernels/types.js';
import { isSoftwareAdapter } from '../src/specs/match.js';
import { measureInterleaved, medianOf, parseParams, type BenchCase } from './interleaved.js';
import { convLayerShapes, TUNED_PARAMS } from './suites.js';

/** Fraction of the matmul's rate on the lowered shape the best conv must reach (issue 16). */
export const CONV_TARGET = 0.7;

function option(argv: string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < argv.length; i++) if (argv[i] === name && argv[i + 1] !== undefined) values.push(argv[++i]!);
  return values;
}

/** The configuration a kernel runs with on this class of adapter (any-size tuned entry, else its defaults). */
function configOf(kernel: string, software: boolean): Params {
  return { ...getKernel(kernel).defaultParams, ...(TUNED_PARAMS[software ? 'software' : 'gpu'][kernel]?.[0] ?? {}) };
}

/**
 * Measures and prints; `argv`: --scale 1 --rounds 3 --case-ms 1500 --conv conv-quadswap[,...]
 * --matmul matmul-quadswap [--params K=V,...] (for every kernel: the conv and matmul share the tiling).
 */
export async function main(argv: string[]): Promise<void> {
  const scale = Number(option(argv, '--scale')[0] ?? 1);
  const rounds = Number(option(argv, '--rounds')[0] ?? 3);
  const caseMs = Number(option(argv, '--case-ms')[0] ?? 1500);
  const convKernels = (option(argv, '--conv')[0] ?? 'conv-quadswap').split(',');
  const matmul = option(argv, '--matmul')[0] ?? 'matmul-quadswap';
  const overrides = parseParams(option(argv, '--params')[0] ?? '');
  if (!(scale > 0 && scale <= 1) || !Number.isInteger(rounds) || rounds < 1 || !(caseMs > 0)) {
    console.error('conv-gemm: --scale takes 0 < F <= 1, --rounds a whole number >= 1, --case-ms a time in ms');
    process.exit(2);
  }
  const layers = convLayerShapes(scale).filter((shape) => shape.kernelH === 3 && shape.kernelW === 3);
  const runner = await openRunner({ log: (line) => console.error(line) });
  try {
    const software = isSoftwareAdapter(runner.session.device.adapter) !== null;
    const gemmCase = (shape: Shape): BenchCase => {
      const gemm = im2colGemmShape(shape);
      return { label: `${matmul} ${getKernel(matmul).formatShape(gemm)}`, kernel: matmul, shape: gemm, params: { ...configOf(matmul, software), ...overrides } };
    };
    // Each layer: every conv strategy, then the matmul on its lowered shape, next to each other.
    const groups = layers.map((shape) => ({
      convs: convKernels.map((kernel): BenchCase => ({ label: `${kernel} ${getKernel(kernel).formatShape(shape)}`, kernel, shape, params: { ...configOf(kernel, software), ...overrides } })),
      gemm: gemmCase(shape),
    }));
    const cases = groups.flatMap((g) => [...g.convs, g.gemm]);
    console.error(`conv-gemm: ${layers.length} 3x3 layers at scale ${scale}, ${cases.length} cases x ${rounds} rounds, ${caseMs} ms each`);
    const { results } = await measureInterleaved(runner.session, cases, { rounds, caseMs, peakParams: [], log: (line) => console.error(line) });
    const byLabel = new Map(results.map((r) => [r.case.label, r]));
    console.log(`Adapter: ${runner.session.device.adapter.description}; GPU timestamps; conv-suite 3x3 layers at scale ${scale}; ratio = conv GFLOP/s / ${matmul} GFLOP/s on the lowered GEMM, measured one after the other in each round.`);
    console.log('layer | lowered GEMM (m x n x k) | conv GFLOP/s | matmul GFLOP/s | conv / matmul: median (min-max) over rounds | target');
    for (const g of groups) {
      const gemm = byLabel.get(g.gemm.label)!;
      for (const c of g.convs) {
        const conv = byLabel.get(c.label)!;
        const failure = conv.failure ?? gemm.failure;
        if (failure) {
          console.log(`${c.label} | ${g.gemm.label} | failed: ${failure}`);
          continue;
        }
        const ratios = conv.gflops.map((x, i) => x / gemm.gflops[i]!).sort((a, b) => a - b);
        const mid = medianOf(ratios);
        console.log(
          `${c.label} | ${getKernel(matmul).formatShape(g.gemm.shape)} | ${medianOf(conv.gflops).toPrecision(3)} | ${medianOf(gemm.gflops).toPrecision(3)} | ${(100 * mid).toFixed(0)}% (${(100 * ratios[0]!).toFixed(0)}-${(100 * ratios[ratios.length - 1]!).toFixed(0)}) | ${(100 * CONV_TARGET).toFixed(0)}%: ${mid >= CONV_TARGET ? 'met' : 'not met'}`,
        );
      }
    }
  } finally {
    await runner.close();
  }
}
