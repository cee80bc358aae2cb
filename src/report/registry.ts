/**
 * The report formats, by name: `flopscope report --format NAME` looks them up here, so a new
 * format is one entry. Each renders the runs (and their rows, src/report/summary.ts) to text. Pure.
 */
import type { Results } from '../results/schema.js';
import { csvReport, githubActionBenchmark, markdownReport } from './formats.js';
import { htmlReport } from './html.js';
import type { ReportRow } from './summary.js';

/** The runs a report covers, each with the label it is shown under. */
export type ReportRuns = ReadonlyArray<{ label: string; results: Results }>;

/** What a format may need from outside the results (read at the edge: src/host/paths.ts). */
export interface ReportAssets {
  /** Chart.js's UMD source, inlined by the HTML report. */
  chartJs(): string;
}

/** A report format. */
export interface ReportFormat {
  name: string;
  /** File extension of its output, without the dot. */
  extension: string;
  /** What it is for (shown by --help). */
  description: string;
  render(runs: ReportRuns, rows: readonly ReportRow[], assets: ReportAssets): string;
}

/** Every format, the default first. */
export const REPORT_FORMATS: readonly ReportFormat[] = [
  {
    name: 'markdown',
    extension: 'md',
    description: 'tables per run, for a pull-request comment',
    render: (runs, rows) => markdownReport(runs, rows) + '\n',
  },
  {
    name: 'html',
    extension: 'html',
    description: 'one self-contained page with charts (works offline)',
    render: (runs, rows, assets) => htmlReport(runs, rows, assets.chartJs()),
  },
  {
    name: 'csv',
    extension: 'csv',
    description: 'one line per case of every run',
    render: (_runs, rows) => csvReport(rows),
  },
  {
    name: 'github-action-benchmark',
    extension: 'json',
    description: "the JSON of github-action-benchmark's customBiggerIsBetter tool",
    render: (_runs, rows) => JSON.stringify(githubActionBenchmark(rows), null, 2) + '\n',
  },
];

/** The format called `name` (the CLI offers only these names, so this never misses). */
export function reportFormat(name: string): ReportFormat {
  const format = REPORT_FORMATS.find((f) => f.name === name);
  if (!format) throw new RangeError(`no report format ${name}: ${REPORT_FORMATS.map((f) => f.name).join(', ')}`);
  return format;
}
