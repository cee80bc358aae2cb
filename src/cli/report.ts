/**
 * `flopscope report [RESULTS ...]`: Markdown (stdout by default, or --markdown FILE), a
 * self-contained HTML file (--html FILE), or --format csv | github-action-benchmark.
 * No arguments: every complete results file in results/.
 */
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { csvReport, githubActionBenchmark, markdownReport } from '../report/formats.js';
import { htmlReport } from '../report/html.js';
import { reportRows } from '../report/summary.js';
import { readResultsFile, writeJsonAtomic } from '../results/store.js';
import { logLine, writeStdout } from './output.js';

/** Writes text atomically (temporary file, then rename). */
function writeTextAtomic(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** Every complete results file in `dir`, oldest first. */
function resultsIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new UsageError(`no results files given and ${dir}/ cannot be read: give results files, or run \`flopscope run\` first`);
  }
  const files = names.filter((name) => name.endsWith('.json') && !name.endsWith('.partial.json')).sort().map((name) => join(dir, name));
  if (files.length === 0) throw new UsageError(`no results files given and none in ${dir}/: give results files, or run \`flopscope run\` first`);
  return files;
}

/** Registers `report`. */
export function registerReport<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    'report [files..]',
    'report results: Markdown, a self-contained HTML file with charts, CSV or github-action-benchmark JSON',
    (y) =>
      y
        .positional('files', { type: 'string', array: true, describe: 'results files (default: all in results/)' })
        .option('html', { type: 'string', describe: 'write the HTML report (charts, offline) to this file' })
        .option('markdown', { type: 'string', describe: 'write the Markdown report to this file' })
        .option('format', { choices: ['markdown', 'csv', 'github-action-benchmark'] as const, default: 'markdown' as const, describe: 'what to print on stdout (or --out)' })
        .option('out', { type: 'string', describe: 'write the --format output to this file instead of stdout' })
        .example('$0 report results/*.json --html report.html', 'charts of every run')
        .example('$0 report results/new.json --format github-action-benchmark --out bench.json', 'for benchmark-action/github-action-benchmark'),
    async (args) => {
      const files = args.files && args.files.length > 0 ? args.files : resultsIn('results');
      const runs = files.map((path) => ({ label: basename(path, '.json'), results: readResultsFile(path) }));
      const rows = reportRows(runs);
      if (args.html !== undefined) {
        writeTextAtomic(args.html, htmlReport(runs, rows));
        logLine(`flopscope: HTML report written to ${args.html}`);
      }
      if (args.markdown !== undefined) {
        writeTextAtomic(args.markdown, markdownReport(runs, rows));
        logLine(`flopscope: Markdown report written to ${args.markdown}`);
      }
      if (args.html !== undefined || args.markdown !== undefined) {
        if (args.out === undefined && args.format === 'markdown') return;
      }
      const text =
        args.format === 'csv' ? csvReport(rows) : args.format === 'github-action-benchmark' ? JSON.stringify(githubActionBenchmark(rows), null, 2) + '\n' : markdownReport(runs, rows) + '\n';
      if (args.out !== undefined) {
        if (args.format === 'github-action-benchmark') writeJsonAtomic(args.out, githubActionBenchmark(rows));
        else writeTextAtomic(args.out, text);
        logLine(`flopscope: ${args.format} written to ${args.out}`);
      } else {
        await writeStdout(text);
      }
    },
  );
}
