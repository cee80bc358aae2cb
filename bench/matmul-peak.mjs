#!/usr/bin/env node
// Issue 16's matmul targets, in one run: the best matmul kernels and the peers (ONNX Runtime Web,
// TF.js), measured round by round in the same browser after the fma-peak, at 256 and 512; then per
// size the best kernel's share of the peak (software adapters: >= 65% at 256, >= 75% at 512), its
// ratio to each peer (>= 10x), and matmul-quadswap against matmul-subgroup round by round (which of
// the two is faster, with the range of the per-round ratios). Usage (after `npm run build`):
//   node bench/matmul-peak.mjs [extra `flopscope run` options, e.g. --rounds 5 --max-time 10s]
import {
  fastest,
  flopscopeRun,
  fmaPeak,
  gflopsText,
  okCases,
  roundRatio,
  verdict,
  withDefaults,
} from './lib/cli-run.mjs';

const KERNELS = ['matmul-quadswap', 'matmul-subgroup', 'matmul-blocked', 'ort-matmul', 'tfjs-matmul'];
const PEERS = { 'ort-matmul': 'ONNX Runtime Web', 'tfjs-matmul': 'TF.js' };
const PEAK_TARGET = { 256: 0.65, 512: 0.75 };

const results = flopscopeRun(
  withDefaults(
    [
      ['--kernel', KERNELS.join(',')],
      ['--sizes', '256,512'],
      ['--rounds', '3'],
    ],
    process.argv.slice(2),
  ),
);
const peak = fmaPeak(results);
console.log(`fma-peak: ${peak ? gflopsText(peak) : 'not measured'}`);
for (const size of [256, 512]) {
  const cases = okCases(results).filter((c) => c.shape.m === size && c.shape.n === size && c.shape.k === size);
  const ours = fastest(cases.filter((c) => !(c.kernel in PEERS)));
  if (!ours) {
    console.log(`${size}: no matmul kernel ran`);
    continue;
  }
  const share = peak ? ours.gflops / peak.gflops : undefined;
  const target = PEAK_TARGET[size];
  console.log(
    `${size}: best ${ours.kernel} ${gflopsText(ours)}` +
      (share === undefined
        ? ''
        : ` = ${(100 * share).toFixed(1)}% of the fma-peak (target ${100 * target}%: ${verdict(share >= target)})`),
  );
  for (const [kernel, name] of Object.entries(PEERS)) {
    const peer = cases.find((c) => c.kernel === kernel);
    console.log(
      peer
        ? `  ${name} ${gflopsText(peer)}: best / ${name} = ${(ours.gflops / peer.gflops).toFixed(1)}x (target 10x: ${verdict(ours.gflops >= 10 * peer.gflops)})`
        : `  ${name}: did not run`,
    );
  }
  const quad = cases.find((c) => c.kernel === 'matmul-quadswap');
  const sub = cases.find((c) => c.kernel === 'matmul-subgroup');
  const ratio = quad && sub ? roundRatio(sub, quad) : undefined;
  if (ratio) {
    console.log(
      `  time of matmul-subgroup / matmul-quadswap, round by round: ${ratio.median.toFixed(3)} ` +
        `(${ratio.min.toFixed(3)}-${ratio.max.toFixed(3)} over ${ratio.rounds} rounds; > 1: quadswap faster)`,
    );
  }
}
