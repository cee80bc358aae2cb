/** `flopscope run`: measure kernels, print a table (or the results JSON), write results/<run>.json. */
import type { Argv } from 'yargs';
import { SUITES } from '../../bench/suites.js';
import { UsageError } from '../errors.js';
import { KERNELS } from '../kernels/index.js';
import { runCases } from '../host/run.js';
import { planCases } from '../host/suite-plan.js';
import { progressReporter } from '../report/progress.js';
import { formatRunTable } from '../report/table.js';
import { parseNames, parseSizes } from './arguments.js';
import { dawnRunner, peakRequestFromArgs, resultsOut, timingFromArgs, withPeakOptions, withTimingOptions } from './options.js';
import { browserChoiceFromArgs, withBrowserOptions } from './browser-options.js';
import { colourAllowed, logLine, writeStdout } from './output.js';

/** Registers `run` on a yargs instance. */
export function registerRun<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'run',
    'measure kernels: a suite, or kernels at sizes',
    (y) =>
      withBrowserOptions(withPeakOptions(withTimingOptions(y)))
        .option('kernel', { type: 'string', array: true, describe: `kernel(s) to run: ${KERNELS.map((k) => k.name).join(', ')}` })
        .option('suite', { type: 'string', describe: `suite to run: ${SUITES.map((s) => s.name).join(', ')} (default quick)` })
        .option('sizes', { type: 'string', array: true, describe: 'sizes, e.g. 128,256 (matmul: M=N=K=size)' })
        .option('seed', { type: 'number', default: 1, describe: 'seed of the input data' })
        .option('peak', { type: 'boolean', default: true, describe: 'measure the fma-peak first (--no-peak to skip)' })
        .example('$0 run', 'the quick suite')
        .example('$0 run --kernel matmul-naive --sizes 256 --json', 'one kernel at 256x256x256, results JSON on stdout'),
    async (args) => {
      const sizes = parseSizes(args.sizes);
      const cases = planCases({ suite: args.suite, kernels: parseNames(args.kernel), sizes });
      if (!Number.isInteger(args.seed) || args.seed < 0) throw new UsageError(`--seed ${args.seed} is not a non-negative whole number: give e.g. --seed 1`);
      const timing = timingFromArgs(args);
      const peakRequest = peakRequestFromArgs(args);
      const reporter = progressReporter(process.stderr, colourAllowed(process.stderr));
      const { results, path } = await runCases({
        cases,
        suiteName: args.kernel && !args.suite ? null : (args.suite ?? 'quick'),
        sizes: sizes ?? null,
        timing,
        peakRequest,
        seed: args.seed,
        maxCheckedElements: 65_536,
        measurePeak: args.peak,
        extraFlags: args['browser-flag'] ?? [],
        browser: browserChoiceFromArgs(args),
        out: resultsOut(args.out),
        reporter,
        runner: await dawnRunner(args, (event) => reporter.caseProgress(event)),
      });
      logLine(`flopscope: results written to ${path}`);
      await writeStdout(args.json ? JSON.stringify(results, null, 2) + '\n' : formatRunTable(results) + '\n');
      process.exitCode = results.cases.some((c) => c.status === 'incorrect' || c.status === 'error') ? 1 : 0;
    },
  );
}
