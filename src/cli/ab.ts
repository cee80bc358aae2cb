/**
 * `flopscope ab`: a base and a candidate version of kernels, measured interleaved in one browser
 * session and judged on the paired ratios. The base is a git revision (--base origin/main: its
 * kernels checked out into a temporary worktree), a folder (--base-dir), or other parameters of
 * the same kernels (--base-param). Exit 1 when a case is significantly slower by more than
 * --threshold, 0 otherwise, 2 on bad input: what CI needs on a noisy shared runner.
 */
import type { Argv } from 'yargs';
import { loadBaseSide } from '../host/ab-sides.js';
import { loadConfig } from '../host/config-loader.js';
import { AB_TIMING, DEFAULT_SEED } from '../measure/defaults.js';
import { pairCases } from '../measure/ab.js';
import { defaultSuiteName, planCases } from '../measure/plan.js';
import { formatAbTable } from '../report/ab.js';
import { parseNames, parseNoise, parseParams, parseSeed, parseSizes } from './arguments.js';
import { runMeasurement, withMeasurementOptions } from './measurement.js';
import { exitCodeOf, writeStdout } from './output.js';
import { UsageError } from '../errors.js';

/** `--threshold 5%`, checked. */
function parseThreshold(text: string): number {
  try {
    return parseNoise(text);
  } catch {
    throw new UsageError(`--threshold: "${text}" is not a percentage: give e.g. --threshold 5%`);
  }
}

/** Registers `ab`. */
export function registerAb<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'ab',
    'A/B: a base and a candidate measured interleaved in one session, judged on paired ratios (exit 1 on a significant slowdown)',
    (y) =>
      withMeasurementOptions(y)
        .option('base', {
          type: 'string',
          describe: "the base: a git revision of the config's repository (origin/main, a tag, a commit)",
        })
        .option('base-dir', { type: 'string', describe: 'the base: a folder with its own flopscope.config.ts' })
        .option('base-param', {
          type: 'string',
          array: true,
          describe: 'the base: the same kernels with these parameters, e.g. --base-param TM=8 (repeatable)',
        })
        .option('param', {
          type: 'string',
          array: true,
          describe: 'parameters of the candidate side, e.g. --param TM=16 (repeatable)',
        })
        .option('kernel', { type: 'string', array: true, describe: "kernel(s) to compare (default: the suite's)" })
        .option('suite', {
          type: 'string',
          describe: "suite to compare (default: the config's defaultSuite, else quick)",
        })
        .option('sizes', { type: 'string', array: true, describe: 'sizes, e.g. 128,256' })
        .option('threshold', { type: 'string', default: '5%', describe: 'a change smaller than this does not count' })
        .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'seed of the input data' })
        .option('peak', {
          type: 'boolean',
          default: false,
          describe: 'measure the fma-peak first (off: an A/B run compares two sides, not the device)',
        })
        .default('max-time', `${AB_TIMING.maxTimeMs! / 1000}s`)
        .default('noise', `${AB_TIMING.noiseTarget! * 100}%`)
        .default('min-samples', AB_TIMING.minSamples!)
        .example('$0 ab --base origin/main', "this branch's kernels against main's, interleaved")
        .example(
          '$0 ab --base-param TM=8 --param TM=16 --kernel matmul-blocked --sizes 256',
          'two configurations of one kernel',
        )
        .example(
          '$0 ab --base-dir ../baseline --kernel my-matmul --sizes 512 --threshold 3%',
          'against the kernels of another folder',
        ),
    async (args) => {
      const threshold = parseThreshold(args.threshold);
      const sizes = parseSizes(args.sizes);
      const seed = parseSeed(args.seed);
      const baseParams = parseParams(args['base-param']);
      const candidate = await loadConfig({ path: args.config });
      const cases = planCases(
        { suite: args.suite, kernels: parseNames(args.kernel), sizes, params: parseParams(args.param) },
        candidate,
      );
      const base = await loadBaseSide({ revision: args.base, dir: args['base-dir'], params: baseParams }, candidate);
      try {
        const pairs = pairCases(cases, base.config.registry, base.side.label, base.params);
        const { results } = await runMeasurement(
          args,
          {
            cases,
            ab: {
              pairs,
              threshold,
              base: base.side,
              candidate: {
                label: args.param ? `params ${args.param.join(' ')}` : 'working tree',
                origin: args.param ? 'params' : 'working-tree',
                ...(args.param ? { params: parseParams(args.param)! } : {}),
              },
            },
            suite: {
              name: args.kernel && !args.suite ? 'ab' : `ab:${args.suite ?? defaultSuiteName(candidate)}`,
              sizes: sizes ?? null,
            },
            seed,
            measurePeak: args.peak,
            outSuffix: '-ab',
          },
          // Both sides' features: a base kernel may need one the candidate's do not.
          {
            ...candidate,
            features: [...new Set([...candidate.registry.features(), ...base.config.registry.features()])],
          },
        );
        await writeStdout(args.json ? JSON.stringify(results, null, 2) + '\n' : formatAbTable(results) + '\n');
        process.exitCode = exitCodeOf(results, []) || (results.ab!.regressions > 0 ? 1 : 0);
      } finally {
        await base.close();
      }
    },
  );
}
