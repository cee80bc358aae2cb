/**
 * The report of an A/B run: per case, both sides' median times, the paired ratio (candidate time
 * / base time: above 1 is slower) with its interval, how many blocks judged it, and the verdict
 * against the threshold; as a terminal table and as Markdown for a pull-request comment. Pure.
 */
import Table from 'cli-table3';
import type { Ab, AbCase, Results } from '../results/schema.js';
import { formatNumber, formatPercent } from './numbers.js';

const dash = (value: number | null | undefined, format: (v: number) => string) =>
  value === null || value === undefined ? '-' : format(value);

/** The case records of an A/B case's two sides. */
function sides(results: Results, ab: AbCase) {
  const find = (id: string) => results.cases.find((c) => c.id === id);
  return { base: find(ab.baseId), candidate: find(ab.candidateId) };
}

/** "+12.3% slower" / "4.5% faster" for a time ratio. */
export function changeText(ratio: number): string {
  return ratio >= 1 ? `${formatPercent(ratio - 1, 3)} slower` : `${formatPercent(1 / ratio - 1, 3)} faster`;
}

/** The columns of an A/B case, shared by the table and the Markdown. */
function cells(results: Results, entry: AbCase): string[] {
  const { base, candidate } = sides(results, entry);
  const config = candidate
    ? Object.entries(candidate.params)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')
    : '';
  const baseConfig = base
    ? Object.entries(base.params)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')
    : '';
  return [
    entry.kernel,
    entry.shapeLabel,
    baseConfig === config ? config : `${baseConfig} -> ${config}`,
    dash(base?.timing?.medianMs, formatNumber),
    dash(candidate?.timing?.medianMs, formatNumber),
    dash(entry.ratio, (r) => `${formatNumber(r, 4)} (${changeText(r)})`),
    entry.ci95 ? `${formatNumber(entry.ci95[0], 4)}-${formatNumber(entry.ci95[1], 4)}` : '-',
    String(entry.ratios.length),
    [entry.verdict, entry.note, entry.codeChanged ? 'code changed' : null]
      .filter(Boolean)
      .join(', ')
      .replace(/^(\w+), (.*)$/, '$1 ($2)'),
  ];
}

const HEAD = [
  'Kernel',
  'Shape',
  'Config',
  'Base (ms)',
  'Candidate (ms)',
  'Ratio (time)',
  '95% CI',
  'Blocks',
  'Verdict',
];

/** The legend: what the figures are and what the verdicts mean. */
function legend(ab: Ab): string[] {
  const t = formatPercent(ab.threshold, 2);
  return [
    `Base: ${ab.base.label}. Candidate: ${ab.candidate.label}. Both measured in one browser session, interleaved sample by sample (ABBA, BAAB, ...), each side checked against the CPU reference first.`,
    "Ratio: candidate time / base time, the median of one ratio per block of four interleaved samples (above 1 is slower); 95% CI: the median's distribution-free interval, widened for the ratios' autocorrelation; Base/Candidate: each side's median time per run.",
    `Verdicts: slower/faster = Wilcoxon signed-rank p < 0.05 and the whole interval beyond ${t}; unchanged = the whole interval within ±${t}; ambiguous = too noisy to say; failed = a side did not run or failed its check.`,
    `Summary: ${summary(ab)}.${ab.regressions > 0 ? ` ${ab.regressions} significantly slower by more than ${t}: exit code 1.` : ''}`,
  ];
}

/** "1 slower, 2 unchanged". */
function summary(ab: Ab): string {
  const counts = new Map<string, number>();
  for (const entry of ab.cases) counts.set(entry.verdict, (counts.get(entry.verdict) ?? 0) + 1);
  return [...counts].map(([verdict, count]) => `${count} ${verdict}`).join(', ') || 'no cases';
}

/** The terminal report of an A/B run. */
export function formatAbTable(results: Results): string {
  const ab = results.ab;
  if (!ab) throw new Error('not the results of an A/B run');
  const table = new Table({
    head: HEAD,
    colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [], compact: true },
  });
  for (const entry of ab.cases) table.push(cells(results, entry));
  return [
    table.toString(),
    ...legend(ab),
    `Adapter: ${results.env.adapter.description || `${results.env.adapter.vendor} ${results.env.adapter.architecture}`}; browser ${results.env.browser.version}.`,
  ].join('\n');
}

/** The Markdown of an A/B run, for a pull-request comment: a headline, the table and the legend. */
export function markdownAb(results: Results, label: string): string {
  const ab = results.ab!;
  const headline =
    ab.regressions > 0
      ? `**${ab.regressions} case${ab.regressions > 1 ? 's' : ''} slower** than ${ab.base.label} by more than ${formatPercent(ab.threshold, 2)}`
      : `No case slower than ${ab.base.label} by more than ${formatPercent(ab.threshold, 2)}`;
  const rows = ab.cases.map((entry) => `| ${cells(results, entry).join(' | ')} |`);
  return [
    `### A/B: ${label}`,
    '',
    `${headline} (${summary(ab)}).`,
    '',
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map((_, i) => (i >= 3 && i <= 7 ? '--:' : '---')).join('|')}|`,
    ...rows,
    '',
    ...legend(ab)
      .slice(0, 3)
      .map((line) => `${line}  `),
    '',
  ].join('\n');
}
