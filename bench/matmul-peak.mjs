#!/usr/bin/env node
// The best matmul kernels against the fma-peak measured beside them, at 256 and 512, with the
// targets of issue 16 (software adapters: 75% of the peak at 512, 65% at 256). Every case runs
// between two fma-peak measurements, round after round, and its rate is divided by theirs (see
// bench/interleaved.ts for why). Usage (after `npm run build`):
//   node bench/matmul-peak.mjs [--sizes 256,512] [--rounds 5] [--case-ms 1500] [--case kernel@size[:KEY=V,...]]...
import { runTsEntry } from './bundle.mjs';

const { main } = await runTsEntry('bench/matmul-peak.ts');
await main(process.argv.slice(2));
