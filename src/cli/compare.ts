/**
 * `flopscope compare BASE.json NEW.json [--threshold 5%]`: case by case, judged on the samples.
 * Exit code 1 when a case is significantly slower by more than the threshold, 0 otherwise,
 * 2 on bad input (src/cli/main.ts).
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { compareRuns, deviceKey, formatComparison } from '../report/compare.js';
import type { Results } from '../results/schema.js';
import { readResultsFile } from '../results/store.js';
import { parseNoise } from './arguments.js';
import { writeStdout } from './output.js';

/** The newest results file in `dir` that started before `next` (never `next` itself or a partial file). */
export function latestBaseline(dir: string, nextPath: string, next: Results): string {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json') && !name.endsWith('.partial.json'));
  } catch {
    throw new UsageError(`--baseline latest: cannot read ${dir}/: give the baseline file instead`);
  }
  const candidates = names
    .map((name) => join(dir, name))
    .filter((path) => resolve(path) !== resolve(nextPath))
    .flatMap((path) => {
      try {
        const results = readResultsFile(path);
        return results.env.startedAt < next.env.startedAt ? [{ path, startedAt: results.env.startedAt }] : [];
      } catch {
        return []; // not a results file of this version: not a baseline
      }
    })
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  if (candidates.length === 0) throw new UsageError(`--baseline latest: no results file in ${dir}/ started before ${nextPath}: run the baseline first or give its path`);
  return candidates[0]!.path;
}

/** Registers `compare`. */
export function registerCompare<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'compare [base] [next]',
    'compare two results files case by case (exit 1 on a significant slowdown)',
    (y) =>
      y
        .positional('base', { type: 'string', describe: 'the baseline results file' })
        .positional('next', { type: 'string', describe: 'the new results file' })
        .option('baseline', { type: 'string', describe: '"latest": the newest earlier results file in results/ (then give only NEW)' })
        .option('threshold', { type: 'string', default: '5%', describe: 'a change smaller than this does not count' })
        .option('allow-different-devices', { type: 'boolean', default: false, describe: 'compare runs from different adapters' })
        .option('json', { type: 'boolean', default: false, describe: 'print JSON instead of the table' })
        .example('$0 compare results/main.json results/pr.json', 'is the PR slower?')
        .example('$0 compare --baseline latest results/new.json', 'against the newest earlier run'),
    async (args) => {
      let basePath: string;
      let nextPath: string;
      if (args.baseline !== undefined) {
        if (args.baseline !== 'latest') throw new UsageError(`--baseline ${args.baseline}: only "latest" is known; otherwise give BASE.json NEW.json`);
        if (args.base === undefined || args.next !== undefined) throw new UsageError('with --baseline latest give exactly one file, the new results: flopscope compare --baseline latest NEW.json');
        nextPath = args.base;
        basePath = latestBaseline('results', nextPath, readResultsFile(nextPath));
      } else {
        if (args.base === undefined || args.next === undefined) throw new UsageError('give two results files: flopscope compare BASE.json NEW.json (or --baseline latest NEW.json)');
        basePath = args.base;
        nextPath = args.next;
      }
      const base = readResultsFile(basePath);
      const next = readResultsFile(nextPath);
      if (deviceKey(base) !== deviceKey(next) && !args['allow-different-devices']) {
        throw new UsageError(`${basePath} ran on "${deviceKey(base)}" and ${nextPath} on "${deviceKey(next)}": pass --allow-different-devices to compare them anyway`);
      }
      const threshold = (() => {
        try {
          return parseNoise(args.threshold);
        } catch {
          throw new UsageError(`--threshold: "${args.threshold}" is not a percentage: give e.g. --threshold 5%`);
        }
      })();
      const comparison = compareRuns(base, next, threshold);
      await writeStdout(args.json ? JSON.stringify({ base: basePath, next: nextPath, ...comparison }, null, 2) + '\n' : formatComparison(comparison, basePath, nextPath) + '\n');
      process.exitCode = comparison.regressions > 0 ? 1 : 0;
    },
  );
}
