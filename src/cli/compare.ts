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
import { implementationKey, implementationOf } from '../results/implementation.js';
import type { Results } from '../results/schema.js';
import { readResultsFile } from '../host/results-files.js';
import { parseCount, parseNoise } from './arguments.js';
import { writeStdout } from './output.js';

/**
 * The `count` newest results files in `dir` that started before `next` on the same adapter and
 * WebGPU implementation (never `next` itself, a partial file, or a file that is not results),
 * newest first.
 */
export function latestBaselines(dir: string, nextPath: string, next: Results, count = 1): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json') && !name.endsWith('.partial.json'));
  } catch {
    throw new UsageError(`--baseline latest: cannot read ${dir}/: give the baseline file instead`);
  }
  const device = deviceKey(next);
  const implementation = implementationKey(next);
  const candidates = names
    .map((name) => join(dir, name))
    .filter((path) => resolve(path) !== resolve(nextPath))
    .flatMap((path) => {
      try {
        const results = readResultsFile(path);
        const same = deviceKey(results) === device && implementationKey(results) === implementation;
        return results.env.startedAt < next.env.startedAt && same ? [{ path, startedAt: results.env.startedAt }] : [];
      } catch {
        return []; // not a results file of this version: not a baseline
      }
    })
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  if (candidates.length === 0)
    throw new UsageError(
      `--baseline latest: no results file in ${dir}/ from ${device} on ${implementationOf(next).label} started before ${nextPath}: run the baseline first or give its path`,
    );
  return candidates.slice(0, count).map((candidate) => candidate.path);
}

/** Registers `compare`. */
export function registerCompare<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'compare [files..]',
    'compare a results file with one or more baseline runs, case by case (exit 1 on a significant slowdown)',
    (y) =>
      y
        .positional('files', {
          type: 'string',
          array: true,
          describe: 'BASE.json ... NEW.json: the baseline run(s), then the new one',
        })
        .option('baseline', {
          type: 'string',
          describe: '"latest": the newest earlier results file from the same adapter in results/ (then give only NEW)',
        })
        .option('runs', {
          type: 'number',
          default: 1,
          describe: 'with --baseline latest: how many of the newest earlier runs to take as baselines',
        })
        .option('threshold', { type: 'string', default: '5%', describe: 'a change smaller than this does not count' })
        .option('allow-different-devices', {
          type: 'boolean',
          default: false,
          describe: 'compare runs from different adapters',
        })
        .option('allow-different-implementations', {
          type: 'boolean',
          default: false,
          describe: 'compare runs from different WebGPU implementations (Dawn in Chrome, wgpu in Firefox)',
        })
        .option('json', { type: 'boolean', default: false, describe: 'print JSON instead of the table' })
        .example('$0 compare results/main.json results/pr.json', 'is the PR slower?')
        .example(
          '$0 compare main-1.json main-2.json main-3.json pr.json',
          'against three baseline runs: their run-to-run spread counts',
        )
        .example('$0 compare --baseline latest --runs 3 results/new.json', 'against the three newest earlier runs'),
    async (args) => {
      const files = (args.files ?? []).map(String);
      const runs = parseCount(args.runs, '--runs');
      let basePaths: string[];
      let nextPath: string;
      if (args.baseline !== undefined) {
        if (args.baseline !== 'latest')
          throw new UsageError(
            `--baseline ${args.baseline}: only "latest" is known; otherwise give BASE.json NEW.json`,
          );
        if (files.length !== 1)
          throw new UsageError(
            'with --baseline latest give exactly one file, the new results: flopscope compare --baseline latest NEW.json',
          );
        nextPath = files[0]!;
        basePaths = latestBaselines('results', nextPath, readResultsFile(nextPath), runs);
      } else {
        if (files.length < 2)
          throw new UsageError(
            'give two results files: flopscope compare BASE.json NEW.json (or several baselines first, or --baseline latest NEW.json)',
          );
        if (args.runs !== 1)
          throw new UsageError('--runs goes with --baseline latest: otherwise list the baseline files before NEW.json');
        basePaths = files.slice(0, -1);
        nextPath = files.at(-1)!;
      }
      const next = readResultsFile(nextPath);
      const bases = basePaths.map((path) => {
        const base = readResultsFile(path);
        // The same WGSL compiled by Tint (Dawn) or naga (wgpu) is a different program: as for another
        // adapter, only when told.
        const otherDevice = deviceKey(base) !== deviceKey(next) && !args['allow-different-devices'];
        const otherImplementation =
          implementationKey(base) !== implementationKey(next) && !args['allow-different-implementations'];
        if (otherDevice || otherImplementation) {
          const where = (results: Results) =>
            [
              otherDevice ? `"${deviceKey(results)}"` : null,
              otherImplementation ? implementationOf(results).label : null,
            ]
              .filter(Boolean)
              .join(' on ');
          const flags = [
            otherDevice ? '--allow-different-devices' : null,
            otherImplementation ? '--allow-different-implementations' : null,
          ]
            .filter(Boolean)
            .join(' and ');
          throw new UsageError(
            `${path} ran on ${where(base)} and ${nextPath} on ${where(next)}: pass ${flags} to compare them anyway (\`flopscope report\` shows them side by side)`,
          );
        }
        return base;
      });
      const threshold = (() => {
        try {
          return parseNoise(args.threshold);
        } catch {
          throw new UsageError(`--threshold: "${args.threshold}" is not a percentage: give e.g. --threshold 5%`);
        }
      })();
      const comparison = compareRuns(bases, next, threshold);
      const base = basePaths.length === 1 ? basePaths[0] : basePaths;
      await writeStdout(
        args.json
          ? JSON.stringify({ base, next: nextPath, ...comparison }, null, 2) + '\n'
          : formatComparison(comparison, basePaths, nextPath) + '\n',
      );
      process.exitCode = comparison.regressions > 0 ? 1 : 0;
    },
  );
}
