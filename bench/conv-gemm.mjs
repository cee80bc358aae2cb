#!/usr/bin/env node
// Conv strategies against the best matmul on their lowered GEMM shape (m = N*E*F, n = M, k = R*S*C),
// on the 3x3 layers of AlexNet and ResNet-50 (the conv suite), measured one after the other in every
// round, with the target of issue 16 (the best conv at least 70% of the matmul). Usage (after
// `npm run build`):
//   node bench/conv-gemm.mjs [--scale 1] [--rounds 3] [--case-ms 1500] [--conv conv-quadswap,conv-implicit-gemm]
//     [--matmul matmul-quadswap] [--params KEY=V,...]
import { runTsEntry } from './bundle.mjs';

const { main } = await runTsEntry('bench/conv-gemm.ts');
await main(process.argv.slice(2));
