#!/usr/bin/env node
// Issue 16's conv target: on each 3x3 layer of AlexNet and ResNet-50 (`--suite conv-gemm`: every
// conv strategy on the layer, every f32 matmul strategy on the GEMM im2col lowers it to, in one
// run), the best conv strategy's GFLOP/s against the best matmul's on that GEMM (target >= 70%).
// The two count the same FLOPs, so the ratio of GFLOP/s is the inverse ratio of times.
// Usage (after `npm run build`):
//   node bench/conv-gemm.mjs [extra `flopscope run` options, e.g. --scale 0.5 --rounds 3]
import { fastest, flopscopeRun, gflopsText, okCases, verdict, withDefaults } from './lib/cli-run.mjs';

const TARGET = 0.7;
const results = flopscopeRun(
  withDefaults(
    [
      ['--suite', 'conv-gemm'],
      ['--rounds', '2'],
      ['--max-time', '3s'],
    ],
    process.argv.slice(2),
  ),
);
const layers = new Map();
for (const c of okCases(results)) {
  const key = `${c.workload.name} ${c.workload.layer}`;
  if (!layers.has(key)) layers.set(key, { conv: [], gemm: [] });
  layers.get(key)[c.shape.m === undefined ? 'conv' : 'gemm'].push(c);
}
let met = 0;
for (const [layer, { conv, gemm }] of layers) {
  const bestConv = fastest(conv);
  const bestGemm = fastest(gemm);
  if (!bestConv || !bestGemm) {
    console.log(`${layer}: ${bestConv ? 'no matmul' : 'no conv strategy'} measured`);
    continue;
  }
  const ratio = bestConv.gflops / bestGemm.gflops;
  if (ratio >= TARGET) met++;
  console.log(
    `${layer} (${bestConv.shapeLabel}; GEMM ${bestGemm.shapeLabel}): ${bestConv.kernel} ${gflopsText(bestConv)} / ` +
      `${bestGemm.kernel} ${gflopsText(bestGemm)} = ${(100 * ratio).toFixed(1)}% (target ${100 * TARGET}%: ${verdict(ratio >= TARGET)})`,
  );
}
console.log(`${met} of ${layers.size} layers at or above ${100 * TARGET}% of their GEMM's best matmul`);
