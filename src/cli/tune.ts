/**
 * `flopscope tune`: sweep a kernel's parameter space at some sizes (the whole grid, or a search
 * within --budget), check every configuration, rank them and write everything to the results.
 */
import type { Argv } from 'yargs';
import type { PlannedCase } from '../measure/plan.js';
import { getKernel, KERNELS } from '../kernels/index.js';
import { gridSize } from '../kernels/params.js';
import { formatTuneReport } from '../report/tune.js';
import type { CaseRecord } from '../results/schema.js';
import { writeJsonAtomic } from '../results/store.js';
import { tuneInfo } from '../tune/ranking.js';
import { TuneSearch } from '../tune/search.js';
import { parseCount, parseSeed, parseSizes } from './arguments.js';
import { measure, withMeasurementOptions } from './measurement.js';
import { logLine, writeStdout } from './output.js';

/** Sizes tuned when --sizes is not given. */
const DEFAULT_TUNE_SIZES = [256];
/** The runner's message for a kernel the adapter lacks a feature for (src/runner/prepare.ts). */
const MISSING_FEATURE = /^not supported on this adapter: needs /;
/** Warm-up of each configuration: short, a sweep measures many. */
const TUNE_WARMUP_MS = 20;

/** Registers `tune` on a yargs instance. */
export function registerTune<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'tune',
    "sweep a kernel's parameter space, check and rank every configuration",
    (y) =>
      withMeasurementOptions(y)
        .option('kernel', { type: 'string', demandOption: true, describe: `kernel to tune: ${KERNELS.map((k) => k.name).join(', ')}` })
        .option('sizes', { type: 'string', array: true, describe: `sizes, e.g. 256,512 (default ${DEFAULT_TUNE_SIZES.join(',')})` })
        .option('budget', { type: 'number', describe: 'configurations measured per size: a random sample, then the best one\'s neighbours (default: the whole grid)' })
        .option('top', { type: 'number', default: 10, describe: 'configurations shown per size' })
        .option('seed', { type: 'number', default: 1, describe: 'seed of the input data and of the search' })
        .option('peak', { type: 'boolean', default: true, describe: 'measure the fma-peak first (--no-peak to skip)' })
        // A sweep measures many configurations: a few samples each, compared within one run.
        .default('max-time', '300ms')
        .default('min-samples', 3)
        .default('max-samples', 20)
        .default('noise', '5%')
        .example('$0 tune --kernel matmul-blocked --sizes 512', 'every configuration of matmul-blocked at 512x512x512')
        .example('$0 tune --kernel matmul-subgroup --sizes 256 --budget 30 --json', 'a 30-configuration search, results JSON on stdout'),
    async (args) => {
      const kernel = getKernel(String(args.kernel));
      const sizes = parseSizes(args.sizes) ?? DEFAULT_TUNE_SIZES;
      const budget = args.budget === undefined ? null : parseCount(args.budget, '--budget');
      const top = parseCount(args.top, '--top');
      const seed = parseSeed(args.seed);
      const search = new TuneSearch(kernel, sizes.map((size) => kernel.shapeFromSize(size)), budget, seed);
      const toPlanned = (found: ReturnType<TuneSearch['next']>): PlannedCase[] => (found ? [{ kernel, ...found }] : []);
      // A missing adapter feature rules out every configuration: stop at the first that says so.
      const next = (records: readonly CaseRecord[]) => (records.some((r) => r.status === 'unsupported' && MISSING_FEATURE.test(r.message ?? '')) ? [] : toPlanned(search.next(records)));
      const first = toPlanned(search.next([]));
      logLine(
        `flopscope: tuning ${kernel.name} at ${sizes.join(', ')}: ${budget === null ? `all ${gridSize(kernel.paramSpace)}` : `up to ${budget} of ${gridSize(kernel.paramSpace)}`} configurations per size`,
      );
      const { results, path } = await measure(args, {
        cases: first,
        moreCases: { next, expected: search.expected - first.length },
        suiteName: `tune:${kernel.name}`,
        sizes,
        timing: { warmupMs: TUNE_WARMUP_MS },
        seed,
        measurePeak: args.peak,
        outSuffix: `-tune-${kernel.name}`,
      });
      // The ranking is added to the file runCases wrote.
      results.tune = tuneInfo(results, kernel.name, budget, search.spaceSize);
      writeJsonAtomic(path, results);
      await writeStdout(args.json ? JSON.stringify(results, null, 2) + '\n' : formatTuneReport(results, kernel.name, top) + '\n');
      process.exitCode = results.cases.some((c) => c.status === 'error') ? 1 : 0;
    },
  );
}
