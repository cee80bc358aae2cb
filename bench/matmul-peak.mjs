#!/usr/bin/env node
// The best matmul kernels against the fma-peak that `flopscope run` measures first in the same run,
// at 256 and 512, with the targets of issue 16 (software adapters: 75% of the peak at 512, 65% at
// 256): the CLI prints each case's `% peak`. Usage (after `npm run build`):
//   node bench/matmul-peak.mjs [extra `flopscope run` options, e.g. --rounds 3 --max-time 2]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../bin/flopscope.js', import.meta.url));
const args = ['run', '--kernel', 'matmul-quadswap,matmul-subgroup', '--sizes', '256,512', ...process.argv.slice(2)];
console.log(`targets: >= 65% of the fma-peak at 256, >= 75% at 512\nnode bin/flopscope.js ${args.join(' ')}`);
const result = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
