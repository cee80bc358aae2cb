/**
 * The self-contained HTML report: one file, Chart.js and the data inlined, no network. Charts:
 * GFLOP/s against size per kernel and device, a roofline with measured and reference ceilings,
 * a heatmap of tuned configurations over two tile parameters, and history across runs. Pure: the
 * caller reads Chart.js's source (src/host/paths.ts chartJsSource).
 */
import { implementationRatiosHtml, SIDE_BY_SIDE_TITLE } from './implementations.js';
import type { Results } from '../results/schema.js';
import { markdownReport } from './formats.js';
import { deviceName, type ReportRow } from './summary.js';

/** The ceilings of a run for the roofline. */
interface Ceilings {
  device: string;
  measuredGflops: number | null;
  measuredGbPerS: number | null;
  referenceGflops: number | null;
  referenceGbPerS: number | null;
  referenceName: string | null;
}

/** A heatmap of one kernel at one shape over two of its parameters (best GFLOP/s per cell). */
export interface Heatmap {
  title: string;
  xParam: string;
  yParam: string;
  xValues: number[];
  yValues: number[];
  /** cells[y][x]: best rate, null where no configuration ran. */
  cells: Array<Array<number | null>>;
  unit: string;
}

/**
 * Heatmaps of tuned kernels: for every kernel, shape and device with at least 4 ok
 * configurations, the two parameters with the most distinct values, each cell the best rate
 * over the other parameters.
 */
export function heatmaps(rows: readonly ReportRow[]): Heatmap[] {
  const groups = new Map<string, ReportRow[]>();
  for (const row of rows) {
    if (row.role !== 'benchmark' || row.status !== 'ok' || row.rate === null) continue;
    const key = `${row.kernel} ${row.shape} on ${row.device}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const maps: Heatmap[] = [];
  for (const [title, group] of groups) {
    if (group.length < 4) continue;
    const params = Object.keys(group[0]!.caseParams);
    const distinct = (p: string) => [...new Set(group.map((r) => r.caseParams[p]!))].sort((a, b) => a - b);
    const [xParam, yParam] = [...params].sort((a, b) => distinct(b).length - distinct(a).length);
    if (!xParam || !yParam || distinct(xParam).length < 2 || distinct(yParam).length < 2) continue;
    const xValues = distinct(xParam);
    const yValues = distinct(yParam);
    const cells = yValues.map((y) =>
      xValues.map((x) => {
        const rates = group.filter((r) => r.caseParams[xParam] === x && r.caseParams[yParam] === y).map((r) => r.rate!);
        return rates.length ? Math.max(...rates) : null;
      }),
    );
    maps.push({ title, xParam, yParam, xValues, yValues, cells, unit: group[0]!.unit });
  }
  return maps;
}

/** Escapes text for HTML. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A heatmap as an HTML table, cells shaded by their share of the best rate. */
function heatmapHtml(map: Heatmap): string {
  const best = Math.max(...map.cells.flat().filter((v): v is number => v !== null));
  const head = `<tr><th>${escapeHtml(map.yParam)} \\ ${escapeHtml(map.xParam)}</th>${map.xValues.map((x) => `<th>${x}</th>`).join('')}</tr>`;
  const body = map.yValues
    .map(
      (y, i) =>
        `<tr><th>${y}</th>${map.cells[i]!.map((v) => {
          if (v === null) return '<td class="empty">-</td>';
          const share = v / best;
          return `<td class="cell" style="background: hsl(${Math.round(share * 120)}, 70%, ${85 - share * 35}%)" title="${v.toPrecision(3)} ${map.unit}">${v.toPrecision(3)}</td>`;
        }).join('')}</tr>`,
    )
    .join('');
  return `<h3>${escapeHtml(map.title)}: best ${map.unit} per ${escapeHtml(map.yParam)} x ${escapeHtml(map.xParam)}</h3><table class="heatmap">${head}${body}</table>`;
}

/** What the A/B chart shows of each A/B run: its sides, threshold and cases. */
function abViews(runs: ReadonlyArray<{ label: string; results: Results }>) {
  return runs.flatMap(({ label, results }) =>
    results.ab
      ? [
          {
            run: label,
            base: results.ab.base.label,
            candidate: results.ab.candidate.label,
            threshold: results.ab.threshold,
            cases: results.ab.cases.map((c) => ({
              kernel: c.kernel,
              shape: c.shapeLabel,
              ratio: c.ratio,
              ci: c.ci95,
              verdict: c.verdict,
            })),
          },
        ]
      : [],
  );
}

/** The report as one HTML document. */
export function htmlReport(
  runs: ReadonlyArray<{ label: string; results: Results }>,
  rows: readonly ReportRow[],
  chartJs: string,
): string {
  const allCeilings: Ceilings[] = runs.map(({ results }) => ({
    device: deviceName(results),
    measuredGflops: results.peaks.measured.computeGflops,
    measuredGbPerS: results.peaks.measured.bandwidthGbPerS ?? null,
    referenceGflops: results.peaks.reference?.fp32Tflops ? results.peaks.reference.fp32Tflops * 1e3 : null,
    referenceGbPerS: results.peaks.reference?.bandwidthGbPerS ?? null,
    referenceName: results.peaks.reference?.name ?? null,
  }));
  // One set of ceilings per device: runs of one device measure about the same peaks; keep the first.
  const ceilings = allCeilings.filter((c, i) => allCeilings.findIndex((other) => other.device === c.device) === i);
  const data = {
    rows: rows.filter((r) => r.status === 'ok'),
    ceilings,
    runs: runs.map((r) => ({ label: r.label, startedAt: r.results.env.startedAt })),
    ab: abViews(runs),
  };
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const maps = heatmaps(rows);
  // The cases, one table per run (the side-by-side section has its own table below).
  const tables = markdownReport(runs, rows)
    .split(`### ${SIDE_BY_SIDE_TITLE}`)[0]!
    .split('\n')
    .filter((line) => line.startsWith('### ') || (line.startsWith('|') && !line.startsWith('|---')))
    .map((line) =>
      line.startsWith('### ')
        ? `<tr><th colspan="9">${escapeHtml(line.slice(4))}</th></tr>`
        : `<tr>${line
            .split('|')
            .slice(1, -1)
            .map((c) => `<td>${escapeHtml(c.trim().replace(/\*\*/g, ''))}</td>`)
            .join('')}</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>flopscope report</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }
.chart { position: relative; height: 380px; max-width: 1000px; margin-bottom: 28px; }
table { border-collapse: collapse; margin-bottom: 20px; } td, th { border: 1px solid #ccc; padding: 3px 7px; text-align: right; }
td:first-child, th:first-child { text-align: left; } .heatmap td.empty { color: #aaa; } .note { color: #555; max-width: 1000px; }
</style></head><body>
<h1>flopscope report</h1>
<p class="note">${runs.length} run(s) on ${escapeHtml([...new Set(ceilings.map((c) => c.device))].join(', '))}. Rates are useful FLOPs (or least bytes) over the median time per run; every case was checked against a CPU reference before it was timed.</p>
<h2>Throughput against problem size</h2><p class="note">x: size of the equivalent square matmul, (FLOPs / 2)^(1/3); one series per kernel and device; bars: each point's 95% interval.</p>
<div class="chart"><canvas id="size"></canvas></div>
<h2>Roofline</h2><p class="note">x: arithmetic intensity (FLOP per byte moved, least bytes); y: GFLOP/s; lines: measured (fma-peak, copy) and reference ceilings where known.</p>
<div class="chart"><canvas id="roofline"></canvas></div>
${runs.length > 1 ? '<h2>History</h2><p class="note">One line per kernel and shape across the runs, in start order; bars: each rate\'s 95% interval.</p><div class="chart"><canvas id="history"></canvas></div>' : ''}
${data.ab.length > 0 ? `<h2>A/B</h2><p class="note">Candidate time / base time per case (above 1 is slower): the median of the paired ratios of interleaved samples, its 95% interval as a bar, and the band of no practical change (± the threshold) in grey. ${data.ab.map((view) => escapeHtml(`${view.run}: base ${view.base}, candidate ${view.candidate}, threshold ${(view.threshold * 100).toFixed(1)}%`)).join('; ')}.</p><div class="chart"><canvas id="ab"></canvas></div>` : ''}
${implementationRatiosHtml(rows)}
<h2>Tiling</h2>${maps.length ? maps.map(heatmapHtml).join('\n') : '<p class="note">No kernel ran in several configurations of one shape (run <code>flopscope tune</code> for a heatmap).</p>'}
<h2>Cases</h2><table>${tables}</table>
<script>${chartJs}</script>
<script>
const data = ${json};
const palette = ['#1f77b4','#d62728','#2ca02c','#9467bd','#ff7f0e','#17becf','#8c564b','#e377c2','#7f7f7f','#bcbd22'];
const color = (i) => palette[i % palette.length];
// Error bars: a vertical line from each point's yMin to yMax (its 95% interval), drawn over the datasets.
const errorBars = { id: 'errorBars', afterDatasetsDraw(chart) {
  const { ctx, scales } = chart;
  chart.data.datasets.forEach((set, i) => {
    if (!chart.isDatasetVisible(i)) return;
    const meta = chart.getDatasetMeta(i);
    set.data.forEach((point, j) => {
      if (!point || point.yMin === undefined || point.yMax === undefined || !meta.data[j]) return;
      const x = meta.data[j].x, top = scales.y.getPixelForValue(point.yMax), bottom = scales.y.getPixelForValue(point.yMin);
      ctx.save(); ctx.strokeStyle = set.borderColor || '#444'; ctx.lineWidth = 1.5;
      ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, bottom); ctx.moveTo(x - 4, top); ctx.lineTo(x + 4, top); ctx.moveTo(x - 4, bottom); ctx.lineTo(x + 4, bottom); ctx.stroke(); ctx.restore();
    });
  });
} };
Chart.register(errorBars);
function groupBy(rows, key) { const m = new Map(); for (const r of rows) { const k = key(r); m.set(k, [...(m.get(k) || []), r]); } return m; }
const flopRows = data.rows.filter((r) => r.role === 'benchmark' && r.metric === 'flops' && r.gflops !== null);
const bySeries = [...groupBy(flopRows, (r) => r.kernel + ' (' + r.device + ')')];
new Chart(document.getElementById('size'), { type: 'line', data: { datasets: bySeries.map(([label, rs], i) => ({ label, borderColor: color(i), backgroundColor: color(i), showLine: true,
  // The best configuration at each size: a tuning sweep would otherwise stack a column of points.
  data: [...groupBy(rs, (r) => r.flops)].map(([flops, at]) => { const best = at.reduce((a, b) => (b.gflops > a.gflops ? b : a));
    return { x: Math.cbrt(flops / 2), y: best.gflops, ...(best.rateCi && best.metric === 'flops' ? { yMin: best.rateCi[0], yMax: best.rateCi[1] } : {}) }; }).sort((a, b) => a.x - b.x) })) },
  options: { animation: false, maintainAspectRatio: false, scales: { x: { type: 'logarithmic', title: { display: true, text: 'equivalent square size' } }, y: { type: 'logarithmic', title: { display: true, text: 'GFLOP/s' } } } } });
const points = data.rows.filter((r) => r.arithmeticIntensity !== null && r.gflops !== null && r.gflops > 0);
const xs = points.map((p) => p.arithmeticIntensity);
const xMin = Math.min(0.1, ...xs) / 2, xMax = Math.max(100, ...xs) * 2;
const roof = (gflops, gbps) => { const ridge = gflops / gbps; return [{ x: xMin, y: xMin * gbps }, { x: ridge, y: gflops }, { x: xMax, y: gflops }].filter((p) => p.x >= xMin); };
const ceilingSets = [];
data.ceilings.forEach((c, i) => {
  if (c.measuredGflops) ceilingSets.push({ label: 'measured ceiling (' + c.device + ')', type: 'line', borderDash: [6, 3], borderColor: '#444', pointRadius: 0,
    data: c.measuredGbPerS ? roof(c.measuredGflops, c.measuredGbPerS) : [{ x: xMin, y: c.measuredGflops }, { x: xMax, y: c.measuredGflops }] });
  if (c.referenceGflops) ceilingSets.push({ label: 'reference ceiling: ' + c.referenceName, type: 'line', borderColor: '#999', pointRadius: 0,
    data: c.referenceGbPerS ? roof(c.referenceGflops, c.referenceGbPerS) : [{ x: xMin, y: c.referenceGflops }, { x: xMax, y: c.referenceGflops }] });
});
const pointSets = [...groupBy(points, (p) => p.kernel + (data.ceilings.length > 1 ? ' (' + p.device + ')' : ''))].map(([label, ps], i) => ({ label, type: 'scatter', backgroundColor: color(i),
  data: ps.map((p) => ({ x: p.arithmeticIntensity, y: p.gflops })) }));
new Chart(document.getElementById('roofline'), { type: 'scatter', data: { datasets: [...ceilingSets, ...pointSets] },
  options: { animation: false, maintainAspectRatio: false, scales: { x: { type: 'logarithmic', min: xMin, max: xMax, title: { display: true, text: 'FLOP/byte' } }, y: { type: 'logarithmic', title: { display: true, text: 'GFLOP/s' } } } } });
if (document.getElementById('history')) {
  const labels = data.runs.map((r) => r.label);
  const byCase = [...groupBy(data.rows.filter((r) => r.role === 'benchmark' && r.rate !== null), (r) => r.kernel + ' ' + r.shape + ' ' + r.params)];
  new Chart(document.getElementById('history'), { type: 'line', data: { labels, datasets: byCase.map(([label, rs], i) => ({ label, borderColor: color(i), backgroundColor: color(i),
    data: labels.map((l, x) => { const r = rs.find((row) => row.run === l); return r ? { x, y: r.rate, ...(r.rateCi ? { yMin: r.rateCi[0], yMax: r.rateCi[1] } : {}) } : null; }).filter((p) => p !== null) })) },
    options: { animation: false, maintainAspectRatio: false, parsing: false, scales: { x: { type: 'linear', ticks: { stepSize: 1, callback: (v) => labels[v] ?? '' } }, y: { title: { display: true, text: 'GFLOP/s or GB/s' } } } } });
}
if (document.getElementById('ab')) {
  const cases = data.ab.flatMap((view) => view.cases.map((c) => ({ ...c, label: (data.ab.length > 1 ? view.run + ': ' : '') + c.kernel + ' ' + c.shape })));
  const threshold = Math.max(...data.ab.map((view) => view.threshold));
  const band = (y) => ({ type: 'line', borderColor: '#bbb', borderDash: [4, 4], pointRadius: 0, label: y > 1 ? '+' + (threshold * 100).toFixed(1) + '% (slower)' : 'faster band', data: [{ x: -0.5, y }, { x: cases.length - 0.5, y }] });
  const verdictColor = { slower: '#d62728', faster: '#2ca02c', unchanged: '#1f77b4', ambiguous: '#7f7f7f', failed: '#000' };
  new Chart(document.getElementById('ab'), { type: 'scatter', data: { datasets: [band(1 + threshold), band(1 / (1 + threshold)),
    { label: 'candidate / base time', backgroundColor: cases.map((c) => verdictColor[c.verdict]), borderColor: '#444', pointRadius: 5,
      data: cases.map((c, x) => (c.ratio === null ? null : { x, y: c.ratio, ...(c.ci ? { yMin: c.ci[0], yMax: c.ci[1] } : {}) })).filter((p) => p !== null) }] },
    options: { animation: false, maintainAspectRatio: false, scales: { x: { type: 'linear', min: -0.5, max: cases.length - 0.5, ticks: { stepSize: 1, callback: (v) => cases[v]?.label ?? '' } }, y: { title: { display: true, text: 'time ratio (candidate / base)' } } } } });
}
</script></body></html>
`;
}
