/** `flopscope run`: measure kernels, print a table (or the results JSON), write results/<run>.json. */
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { KERNELS } from '../kernels/index.js';
import { DEFAULT_ROUNDS, DEFAULT_SEED, DEFAULT_SUITE, WORKLOAD_ROUNDS } from '../measure/defaults.js';
import { loadConfig } from '../host/config-loader.js';
import { defaultSuiteName, findWorkload, planCases, suiteNames } from '../measure/plan.js';
import { formatRunTable } from '../report/table.js';
import { readResultsFile } from '../host/results-files.js';
import { parseCount, parseNames, parseParams, parseScale, parseSeed, parseSizes } from './arguments.js';
import { runMeasurement, withMeasurementOptions } from './measurement.js';
import { exitCodeOf, writeStdout } from './output.js';

/** Registers `run` on a yargs instance. */
export function registerRun<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'run',
    'measure kernels: a suite, or kernels at sizes',
    (y) =>
      withMeasurementOptions(y)
        .option('kernel', {
          type: 'string',
          array: true,
          describe: `kernel(s) to run: your config's, or built in: ${KERNELS.map((k) => k.name).join(', ')}`,
        })
        .option('suite', {
          type: 'string',
          describe: `suite or model workload to run: your config's, or ${suiteNames().join(', ')} (default ${DEFAULT_SUITE}, or the config's defaultSuite)`,
        })
        .option('scale', {
          type: 'string',
          describe:
            'shrink the shapes of a workload or the conv suite by this factor, 0 < F <= 1 (workloads default to 1 on hardware, 0.25 on software adapters; the conv suite to 1)',
        })
        .option('sizes', { type: 'string', array: true, describe: 'sizes, e.g. 128,256 (matmul: M=N=K=size)' })
        .option('param', {
          type: 'string',
          array: true,
          describe: "set a kernel parameter, e.g. --param TM=8 (repeatable; values from the kernel's space)",
        })
        .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'seed of the input data' })
        .option('rounds', {
          type: 'number',
          describe: `measure every case this many times in turn, sharing its --max-time; the interval then counts the drift between rounds (default ${DEFAULT_ROUNDS}; model workloads ${WORKLOAD_ROUNDS})`,
        })
        .option('launches', {
          type: 'number',
          default: 1,
          describe:
            'repeat the run in this many fresh browser processes; the interval then holds where a rerun would land',
        })
        .option('peak', { type: 'boolean', default: true, describe: 'measure the fma-peak first (--no-peak to skip)' })
        .option('resume', {
          type: 'string',
          describe:
            'continue an interrupted run from its .partial.json (same options and browser): finished cases are kept',
        })
        .example('$0 run', 'the quick suite')
        .example('$0 run --kernel matmul-naive --sizes 256 --json', 'one kernel at 256x256x256, results JSON on stdout')
        .example(
          '$0 run --suite conv --scale 0.25',
          'every conv strategy on AlexNet and ResNet-50 layers at a quarter of their size',
        )
        .example(
          '$0 run --kernel matmul-blocked --sizes 512 --param TM=8 --param TN=16',
          'one configuration of a kernel, by hand',
        )
        .example('$0 run --launches 5', 'five fresh browsers one after the other: intervals that hold across reruns')
        .example(
          '$0 run --suite matmul --resume results/2026-12-02T10-00-00-swiftshader.partial.json',
          'finish a run that was interrupted',
        ),
    async (args) => {
      const sizes = parseSizes(args.sizes);
      const scale = args.scale === undefined ? null : parseScale(args.scale);
      const workload = findWorkload(args.suite);
      if (workload && (args.kernel || args.sizes || args.param)) {
        throw new UsageError(
          `--suite ${workload.name} is a model workload with its own shapes and kernels: drop --kernel, --sizes and --param (use --scale to shrink it)`,
        );
      }
      if (args.resume !== undefined && args.out !== undefined)
        throw new UsageError('--resume writes where the interrupted run was writing: drop --out');
      const resume =
        args.resume !== undefined ? { path: args.resume, results: readResultsFile(args.resume) } : undefined;
      const config = await loadConfig({ path: args.config });
      const cases = workload
        ? []
        : planCases(
            {
              suite: args.suite,
              kernels: parseNames(args.kernel),
              sizes,
              params: parseParams(args.param),
              scale: scale ?? undefined,
            },
            config,
          );
      const { results } = await runMeasurement(
        args,
        {
          cases,
          suite: {
            name: args.kernel && !args.suite ? null : (args.suite ?? defaultSuiteName(config)),
            sizes: sizes ?? null,
            ...(scale !== null && !workload ? { scale } : {}),
          },
          seed: parseSeed(args.seed),
          rounds:
            args.rounds !== undefined
              ? parseCount(args.rounds, '--rounds')
              : workload
                ? WORKLOAD_ROUNDS
                : DEFAULT_ROUNDS,
          launches: parseCount(args.launches, '--launches'),
          measurePeak: args.peak,
          ...(workload ? { workload: { workload, scale } } : {}),
          resume,
        },
        config,
      );
      await writeStdout(args.json ? JSON.stringify(results, null, 2) + '\n' : formatRunTable(results) + '\n');
      process.exitCode = exitCodeOf(results, ['incorrect', 'error']);
    },
  );
}
