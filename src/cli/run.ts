/** `flopscope run`: measure kernels, print a table (or the results JSON), write results/<run>.json. */
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { KERNELS } from '../kernels/index.js';
import { findWorkload, planCases, suiteNames } from '../measure/plan.js';
import { formatRunTable } from '../report/table.js';
import { parseCount, parseNames, parseParams, parseScale, parseSeed, parseSizes } from './arguments.js';
import { measure, withMeasurementOptions } from './measurement.js';
import { writeStdout } from './output.js';

/**
 * Rounds of a run when --rounds is not given: the intervals must hold across runs. In one round,
 * 5 relaunches of matmul-naive at 128 and 256 landed inside each other's intervals 10-53% of the
 * time on SwiftShader here; in 5 rounds, 73-88% (bench/repeatability.mjs); the quick suite took
 * 51 s instead of 35 s. Model workloads, with up to 144 layers each prepared and checked per
 * round, keep 1.
 */
const DEFAULT_ROUNDS = 5;

/** Registers `run` on a yargs instance. */
export function registerRun<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'run',
    'measure kernels: a suite, or kernels at sizes',
    (y) =>
      withMeasurementOptions(y)
        .option('kernel', { type: 'string', array: true, describe: `kernel(s) to run: ${KERNELS.map((k) => k.name).join(', ')}` })
        .option('suite', { type: 'string', describe: `suite or model workload to run: ${suiteNames().join(', ')} (default quick)` })
        .option('scale', { type: 'string', describe: 'shrink the shapes of a workload or the conv suite by this factor, 0 < F <= 1 (workloads default to 1 on hardware, 0.25 on software adapters; the conv suite to 1)' })
        .option('sizes', { type: 'string', array: true, describe: 'sizes, e.g. 128,256 (matmul: M=N=K=size)' })
        .option('param', { type: 'string', array: true, describe: "set a kernel parameter, e.g. --param TM=8 (repeatable; values from the kernel's space)" })
        .option('seed', { type: 'number', default: 1, describe: 'seed of the input data' })
        .option('rounds', { type: 'number', describe: `measure every case this many times in turn, sharing its --max-time; the interval then counts the drift between rounds (default ${DEFAULT_ROUNDS}; model workloads 1)` })
        .option('peak', { type: 'boolean', default: true, describe: 'measure the fma-peak first (--no-peak to skip)' })
        .example('$0 run', 'the quick suite')
        .example('$0 run --kernel matmul-naive --sizes 256 --json', 'one kernel at 256x256x256, results JSON on stdout')
        .example('$0 run --suite conv --scale 0.25', 'every conv strategy on AlexNet and ResNet-50 layers at a quarter of their size')
        .example('$0 run --kernel matmul-blocked --sizes 512 --param TM=8 --param TN=16', 'one configuration of a kernel, by hand'),
    async (args) => {
      const sizes = parseSizes(args.sizes);
      const scale = args.scale === undefined ? null : parseScale(args.scale);
      const workload = findWorkload(args.suite);
      if (workload && (args.kernel || args.sizes || args.param)) {
        throw new UsageError(`--suite ${workload.name} is a model workload with its own shapes and kernels: drop --kernel, --sizes and --param (use --scale to shrink it)`);
      }
      const cases = workload ? [] : planCases({ suite: args.suite, kernels: parseNames(args.kernel), sizes, params: parseParams(args.param), scale: scale ?? undefined });
      const { results } = await measure(args, {
        cases,
        suiteName: args.kernel && !args.suite ? null : (args.suite ?? 'quick'),
        sizes: sizes ?? null,
        seed: parseSeed(args.seed),
        rounds: args.rounds !== undefined ? parseCount(args.rounds, '--rounds') : workload ? 1 : DEFAULT_ROUNDS,
        measurePeak: args.peak,
        ...(workload ? { workload: { workload, scale } } : scale !== null ? { scale } : {}),
      });
      await writeStdout(args.json ? JSON.stringify(results, null, 2) + '\n' : formatRunTable(results) + '\n');
      process.exitCode = results.cases.some((c) => c.status === 'incorrect' || c.status === 'error') ? 1 : 0;
    },
  );
}
