/** `flopscope run`: measure kernels, print a table (or the results JSON), write results/<run>.json. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { SUITES } from '../../bench/suites.js';
import { UsageError } from '../errors.js';
import { KERNELS } from '../kernels/index.js';
import { runCases } from '../host/run.js';
import { planCases } from '../host/suite-plan.js';
import type { DeviceReport, TimingOptions } from '../protocol/messages.js';
import { progressReporter } from '../report/progress.js';
import { formatRunTable } from '../report/table.js';
import { assertWritable } from '../results/store.js';
import { parseNames, parseSizes } from './arguments.js';
import { colourAllowed, logLine, writeStdout } from './output.js';

/** `results/2026-11-24T18-30-05-swiftshader-device-subzero.json`, unique in `dir`. */
export function defaultResultsPath(device: DeviceReport, now = new Date(), dir = 'results'): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  const { description, vendor, architecture } = device.adapter;
  const adapter = (description || `${vendor} ${architecture}` || 'adapter')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
  let path = join(dir, `${stamp}-${adapter}.json`);
  for (let n = 2; existsSync(path); n++) path = join(dir, `${stamp}-${adapter}-${n}.json`);
  return path;
}

/** Timing defaults of a run; the stopping rule's options refine them. */
export const DEFAULT_TIMING: TimingOptions = {
  clock: 'auto',
  warmupMs: 100,
  minSampleMs: 1,
  minSamples: 10,
  maxSamples: 1000,
  maxTimeMs: 5000,
};

/** Registers `run` on a yargs instance. */
export function registerRun<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'run',
    'measure kernels: a suite, or kernels at sizes',
    (y) =>
      y
        .option('kernel', { type: 'string', array: true, describe: `kernel(s) to run: ${KERNELS.map((k) => k.name).join(', ')}` })
        .option('suite', { type: 'string', describe: `suite to run: ${SUITES.map((s) => s.name).join(', ')} (default quick)` })
        .option('sizes', { type: 'string', array: true, describe: 'sizes, e.g. 128,256 (matmul: M=N=K=size)' })
        .option('out', { type: 'string', describe: 'results file (default results/<date>-<adapter>.json)' })
        .option('json', { type: 'boolean', default: false, describe: 'print the results JSON on stdout instead of the table' })
        .option('seed', { type: 'number', default: 1, describe: 'seed of the input data' })
        .option('clock', { choices: ['auto', 'gpu-timestamp', 'wall'] as const, default: 'auto' as const, describe: 'timer: GPU timestamps when available (auto), or wall clock' })
        .option('peak', { type: 'boolean', default: true, describe: 'measure the fma-peak first (--no-peak to skip)' })
        .option('browser-flag', { type: 'string', array: true, describe: 'extra Chromium flag (repeatable)' })
        .example('$0 run', 'the quick suite')
        .example('$0 run --kernel matmul-naive --sizes 256 --json', 'one kernel at 256x256x256, results JSON on stdout'),
    async (args) => {
      const sizes = parseSizes(args.sizes);
      const cases = planCases({ suite: args.suite, kernels: parseNames(args.kernel), sizes });
      if (!Number.isInteger(args.seed) || args.seed < 0) throw new UsageError(`--seed ${args.seed} is not a non-negative whole number: give e.g. --seed 1`);
      if (args.out !== undefined) assertWritable(args.out);
      const reporter = progressReporter(process.stderr, colourAllowed(process.stderr));
      const { results, path } = await runCases({
        cases,
        suiteName: args.kernel && !args.suite ? null : (args.suite ?? 'quick'),
        sizes: sizes ?? null,
        timing: { ...DEFAULT_TIMING, clock: args.clock },
        seed: args.seed,
        maxCheckedElements: 65_536,
        measurePeak: args.peak,
        extraFlags: args['browser-flag'] ?? [],
        out: args.out ?? ((device) => {
          const path = defaultResultsPath(device);
          assertWritable(path);
          return path;
        }),
        reporter,
      });
      logLine(`flopscope: results written to ${path}`);
      await writeStdout(args.json ? JSON.stringify(results, null, 2) + '\n' : formatRunTable(results) + '\n');
      process.exitCode = results.cases.some((c) => c.status === 'incorrect' || c.status === 'error') ? 1 : 0;
    },
  );
}
