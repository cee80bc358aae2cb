/**
 * `flopscope report [RESULTS ...]`: Markdown on stdout by default, or any format of the registry
 * (src/report/registry.ts) with --format, to stdout or --out; --html FILE and --markdown FILE
 * write those two besides. No arguments: every complete results file in results/.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { RESULTS_DIR } from '../measure/defaults.js';
import { chartJsSource } from '../host/paths.js';
import { REPORT_FORMATS, reportFormat, type ReportAssets } from '../report/registry.js';
import { reportRows } from '../report/summary.js';
import { readResultsFile, writeTextAtomic } from '../host/results-files.js';
import { logLine, writeStdout } from './output.js';

/** Every complete results file in `dir`, oldest first. */
function resultsIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new UsageError(
      `no results files given and ${dir}/ cannot be read: give results files, or run \`flopscope run\` first`,
    );
  }
  const files = names
    .filter((name) => name.endsWith('.json') && !name.endsWith('.partial.json'))
    .sort()
    .map((name) => join(dir, name));
  if (files.length === 0)
    throw new UsageError(
      `no results files given and none in ${dir}/: give results files, or run \`flopscope run\` first`,
    );
  return files;
}

/** Registers `report`. */
export function registerReport<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'report [files..]',
    `report results: ${REPORT_FORMATS.map((f) => f.name).join(', ')}`,
    (y) =>
      y
        .positional('files', { type: 'string', array: true, describe: 'results files (default: all in results/)' })
        .option('format', {
          choices: REPORT_FORMATS.map((f) => f.name),
          default: REPORT_FORMATS[0]!.name,
          describe: `what to print on stdout (or --out): ${REPORT_FORMATS.map((f) => `${f.name}: ${f.description}`).join('; ')}`,
        })
        .option('out', { type: 'string', describe: 'write the --format output to this file instead of stdout' })
        .option('html', { type: 'string', describe: 'also write the HTML report (charts, offline) to this file' })
        .option('markdown', { type: 'string', describe: 'also write the Markdown report to this file' })
        .example('$0 report results/*.json --html report.html', 'charts of every run')
        .example(
          '$0 report results/new.json --format github-action-benchmark --out bench.json',
          'for benchmark-action/github-action-benchmark',
        ),
    async (args) => {
      const files = args.files && args.files.length > 0 ? args.files : resultsIn(RESULTS_DIR);
      const runs = files.map((path) => ({ label: basename(path, '.json'), results: readResultsFile(path) }));
      const rows = reportRows(runs);
      const assets: ReportAssets = { chartJs: chartJsSource };
      const besides = [
        ['html', args.html],
        ['markdown', args.markdown],
      ] as const;
      for (const [name, path] of besides) {
        if (path === undefined) continue;
        writeTextAtomic(path, reportFormat(name).render(runs, rows, assets));
        logLine(`flopscope: ${name} report written to ${path}`);
      }
      // --html or --markdown alone write files only; --format or --out ask for the main output too.
      const onlyFiles =
        besides.some(([, path]) => path !== undefined) &&
        args.out === undefined &&
        args.format === REPORT_FORMATS[0]!.name;
      if (onlyFiles) return;
      const text = reportFormat(args.format).render(runs, rows, assets);
      if (args.out !== undefined) {
        writeTextAtomic(args.out, text);
        logLine(`flopscope: ${args.format} written to ${args.out}`);
      } else {
        await writeStdout(text);
      }
    },
  );
}
