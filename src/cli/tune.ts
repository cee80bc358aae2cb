/**
 * `flopscope tune`: sweep a kernel's parameter space at some sizes (the whole grid, or a search
 * within --budget), check every configuration, rank them and write everything to the results.
 */
import type { Argv } from 'yargs';
import { loadConfig, SAVED_NAME, type LoadedConfig } from '../host/config-loader.js';
import { writeJsonAtomic } from '../host/results-files.js';
import { adapterKey, withSaved } from '../measure/saved-configurations.js';
import type { Results } from '../results/schema.js';
import { KERNELS } from '../kernels/index.js';
import { gridSize } from '../api/params.js';
import { DEFAULT_SEED, DEFAULT_TUNE_SIZES, TUNE_TIMING } from '../measure/defaults.js';
import type { PlannedCase } from '../measure/plan.js';
import { formatTuneReport } from '../report/tune.js';
import type { CaseRecord } from '../results/schema.js';
import { tuneInfo } from '../tune/ranking.js';
import { TuneSearch } from '../tune/search.js';
import { parseCount, parseSeed, parseSizes } from './arguments.js';
import { runMeasurement, withMeasurementOptions } from './measurement.js';
import { exitCodeOf, logLine, writeStdout } from './output.js';

/** Registers `tune` on a yargs instance. */
export function registerTune<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'tune',
    "sweep a kernel's parameter space, check and rank every configuration",
    (y) =>
      withMeasurementOptions(y)
        .option('kernel', {
          type: 'string',
          demandOption: true,
          describe: `kernel to tune: one of your config's, or built in: ${KERNELS.map((k) => k.name).join(', ')}`,
        })
        .option('sizes', {
          type: 'string',
          array: true,
          describe: `sizes, e.g. 256,512 (default ${DEFAULT_TUNE_SIZES.join(',')})`,
        })
        .option('budget', {
          type: 'number',
          describe:
            "configurations measured per size: a random sample, then the best one's neighbours (default: the whole grid)",
        })
        .option('top', { type: 'number', default: 10, describe: 'configurations shown per size' })
        .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'seed of the input data and of the search' })
        .option('peak', { type: 'boolean', default: true, describe: 'measure the fma-peak first (--no-peak to skip)' })
        .option('save', {
          type: 'boolean',
          default: false,
          describe: `keep the best configuration per shape for this adapter in ${SAVED_NAME} beside your config; run then uses it on this adapter`,
        })
        .default('max-time', `${TUNE_TIMING.maxTimeMs}ms`)
        .default('min-samples', TUNE_TIMING.minSamples!)
        .default('max-samples', TUNE_TIMING.maxSamples!)
        .default('noise', `${TUNE_TIMING.noiseTarget! * 100}%`)
        .example('$0 tune --kernel matmul-blocked --sizes 512', 'every configuration of matmul-blocked at 512x512x512')
        .example(
          '$0 tune --kernel matmul-subgroup --sizes 256 --budget 30 --json',
          'a 30-configuration search, results JSON on stdout',
        )
        .example(
          '$0 tune --kernel my-matmul --sizes 512 --save',
          `tune and keep the winner for this GPU in ${SAVED_NAME}`,
        ),
    async (args) => {
      const config = await loadConfig({ path: args.config });
      const kernel = config.registry.get(String(args.kernel));
      const sizes = parseSizes(args.sizes) ?? [...DEFAULT_TUNE_SIZES];
      const budget = args.budget === undefined ? null : parseCount(args.budget, '--budget');
      const top = parseCount(args.top, '--top');
      const seed = parseSeed(args.seed);
      const search = new TuneSearch(
        kernel,
        sizes.map((size) => kernel.shapeFromSize(size)),
        budget,
        seed,
      );
      const toPlanned = (found: ReturnType<TuneSearch['next']>): PlannedCase[] => (found ? [{ kernel, ...found }] : []);
      // A missing adapter feature rules out every configuration: stop at the first that says so.
      const next = (records: readonly CaseRecord[]) =>
        records.some((r) => r.reason === 'missing-feature') ? [] : toPlanned(search.next(records));
      const first = toPlanned(search.next([]));
      logLine(
        `flopscope: tuning ${kernel.name} at ${sizes.join(', ')}: ${budget === null ? `all ${gridSize(kernel.paramSpace)}` : `up to ${budget} of ${gridSize(kernel.paramSpace)}`} configurations per size`,
      );
      const { results, path } = await runMeasurement(
        args,
        {
          cases: first,
          moreCases: { next, expected: search.expected - first.length },
          suite: { name: `tune:${kernel.name}`, sizes },
          timing: { warmupMs: TUNE_TIMING.warmupMs },
          seed,
          measurePeak: args.peak,
          outSuffix: `-tune-${kernel.name}`,
          // The ranking goes into the results before they are written.
          finalize: (finished) => {
            finished.tune = tuneInfo(finished, kernel.name, budget, search.spaceSize);
          },
        },
        config,
      );
      if (args.save) saveBest(config, results, path);
      await writeStdout(
        args.json ? JSON.stringify(results, null, 2) + '\n' : formatTuneReport(results, kernel.name, top) + '\n',
      );
      process.exitCode = exitCodeOf(results, ['error']);
    },
  );
}

/** Writes the run's best configuration per shape into the config's saved configurations, for the adapter it ran on. */
function saveBest(config: LoadedConfig, results: Results, resultsPath: string): void {
  const best = results.tune?.best ?? [];
  if (best.length === 0) {
    logLine(`flopscope: nothing saved: no configuration passed its check`);
    return;
  }
  const entries = best.map((b) => ({
    kernel: results.tune!.kernel,
    shapeLabel: b.shapeLabel,
    params: b.params,
    gflops: b.gflops,
    results: resultsPath,
  }));
  writeJsonAtomic(
    config.savedPath,
    withSaved(
      config.saved,
      adapterKey(results.env.adapter),
      entries,
      results.env.finishedAt ?? new Date().toISOString(),
    ),
  );
  logLine(
    `flopscope: saved ${best
      .map(
        (b) =>
          `${b.shapeLabel}: ${Object.entries(b.params)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`,
      )
      .join('; ')} for this adapter in ${config.savedPath}`,
  );
}
