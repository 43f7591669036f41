/**
 * The drift report as one self-contained HTML page: inline CSS and inline SVG charts, no script and
 * nothing loaded from the network. It renders a DriftReport and computes nothing statistical.
 */
import type { ColumnDrift, DriftReport } from '../drift/types.ts';
import { distributionBarsSvg } from './charts/distribution-bars.ts';
import { DRIFT_HTML_CSS } from './drift-html-style.ts';
import { escapeHtml as esc } from './escape-html.ts';
import { formatCount, formatPercent, formatScore, formatTime } from './format.ts';

/** Options for {@link renderDriftHtml}. */
export interface DriftHtmlOptions {
  /** Page title (default "Data drift report"). */
  title?: string;
  /** Name of the reference data set shown in the header (default "reference"). */
  referenceName?: string;
  /** Name of the current data set shown in the header (default "current"). */
  currentName?: string;
}

/** The page's Content-Security-Policy: inline styles only, so nothing can be fetched even by mistake. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'";

const KIND_LABEL = { p_value: 'p-value', distance: 'distance' } as const;

/** Renders a DriftReport as a self-contained HTML page (async: the charts render through vega). */
export async function renderDriftHtml(report: DriftReport, options: DriftHtmlOptions = {}): Promise<string> {
  const title = options.title ?? 'Data drift report';
  const columns = Object.values(report.columns);
  const tested = report.prediction ? [...columns, report.prediction] : columns;
  const charts = await Promise.all(tested.map((c, i) => chartFigure(c, columnId(i))));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${esc(title)}</title>
<style>${DRIFT_HTML_CSS}</style>
</head>
<body>
<main>
${header(report, title, options.referenceName ?? 'reference', options.currentName ?? 'current')}
${summary(report, columns)}
${columnTable(tested, report.prediction !== null)}
<section id="distributions" aria-labelledby="distributions-title">
<h2 id="distributions-title">Distributions</h2>
<p class="note">Share of non-missing rows per bin, reference (grey, left) next to current (blue, right).</p>
<div class="charts">
${charts.join('\n')}
</div>
</section>
<footer>Self-contained report: no scripts, fonts or images are loaded. Computed ${esc(formatTime(report.computed_at))}.</footer>
</main>
</body>
</html>
`;
}

function header(report: DriftReport, title: string, referenceName: string, currentName: string): string {
  return `<header>
<p class="eyebrow">attrition-monitor · data drift</p>
<h1>${esc(title)}</h1>
<p class="meta">Reference <strong>${esc(referenceName)}</strong> (${formatCount(report.reference_rows)} rows) vs current <strong>${esc(currentName)}</strong> (${formatCount(report.current_rows)} rows) · computed <time datetime="${esc(report.computed_at)}">${esc(formatTime(report.computed_at))}</time></p>
</header>`;
}

function summary(report: DriftReport, columns: ColumnDrift[]): string {
  const drifted = columns.filter((c) => c.drifted).length;
  const verdict = report.dataset_drift
    ? { cls: 'drift', icon: '▲', text: 'Dataset drift detected' }
    : { cls: 'ok', icon: '✓', text: 'No dataset drift' };
  const stat = (label: string, value: string) => `<div class="card stat"><dt>${label}</dt><dd>${value}</dd></div>`;
  return `<section id="summary" aria-labelledby="summary-title">
<h2 id="summary-title">Summary</h2>
<div class="card verdict verdict--${verdict.cls}">
<span class="verdict-icon" aria-hidden="true">${verdict.icon}</span>
<div><p class="verdict-title">${verdict.text}</p>
<p>${drifted} of ${columns.length} columns drifted (${formatPercent(report.share_drifted)}); the data set counts as drifted from a share of ${formatPercent(report.drift_share)}.</p></div>
</div>
<dl class="stats">
${stat('Dataset drift', report.dataset_drift ? 'Yes' : 'No')}
${stat('Drifted columns', `${formatPercent(report.share_drifted)} <small>${drifted} of ${columns.length}</small>`)}
${stat('Drift share threshold', formatPercent(report.drift_share))}
${stat('Reference rows', formatCount(report.reference_rows))}
${stat('Current rows', formatCount(report.current_rows))}
${stat('Computed', computedStat(report.computed_at))}
</dl>
</section>`;
}

function columnTable(columns: ColumnDrift[], lastIsPrediction: boolean): string {
  const rows = columns.map(
    (c, i) => `<tr${c.drifted ? ' class="is-drifted"' : ''}>
<th scope="row"><a href="#${columnId(i)}">${esc(c.column)}</a>${lastIsPrediction && i === columns.length - 1 ? '<span class="kind">model output, not counted in the share</span>' : ''}</th>
<td class="drift-cell">${driftBadge(c.drifted)}${c.note === undefined ? '' : `<span class="kind">${esc(c.note)}</span>`}</td>
<td class="num">${formatScore(c.score)}</td>
<td class="num">${formatScore(c.threshold)}</td>
<td>${esc(c.test)}<span class="kind">${KIND_LABEL[c.kind]}</span></td>
<td>${esc(c.column_type)}</td>
<td class="num">${formatCount(c.missing.reference)}</td>
<td class="num">${formatCount(c.missing.current)}</td>
</tr>`,
  );
  const body = rows.length > 0 ? rows.join('\n') : '<tr><td colspan="8">No columns were tested.</td></tr>';
  return `<section id="columns" aria-labelledby="columns-title">
<h2 id="columns-title">Columns</h2>
<p class="note">A p-value signals drift when it is small, a distance when it is large; each test compares its score with its threshold.</p>
<div class="card table-wrap">
<table>
<thead><tr><th scope="col">Column</th><th scope="col">Drift</th><th scope="col" class="num">Score</th><th scope="col" class="num">Threshold</th><th scope="col">Test</th><th scope="col">Type</th><th scope="col" class="num">Missing (reference)</th><th scope="col" class="num">Missing (current)</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>
</section>`;
}

async function chartFigure(c: ColumnDrift, id: string): Promise<string> {
  const { bins, reference, current } = c.distribution;
  const svg = await distributionBarsSvg(c.distribution, {
    label: `Distribution of ${c.column}: share of rows per bin, reference vs current`,
  });
  const rows = bins.map(
    (bin, i) =>
      `<tr><th scope="row">${esc(bin)}</th><td class="num">${formatPercent(reference[i] ?? 0)}</td><td class="num">${formatPercent(current[i] ?? 0)}</td></tr>`,
  );
  return `<figure class="card chart" id="${id}">
<figcaption><span class="chart-title">${esc(c.column)}</span> ${driftBadge(c.drifted)}
<span class="chart-meta">${chartMeta(c)}</span></figcaption>
${inlineSvg(svg, id)}
<details><summary>Data table</summary>
<table><thead><tr><th scope="col">Bin</th><th scope="col" class="num">Reference</th><th scope="col" class="num">Current</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>
</details>
</figure>`;
}

/** "ks p-value 0.0031 (threshold 0.05) · statistic 0.21", then the report's note when it has one. */
function chartMeta(c: ColumnDrift): string {
  const statistic = c.statistic === undefined ? '' : ` · statistic ${formatScore(c.statistic)}`;
  const note = c.note === undefined ? '' : `<br>${esc(c.note)}`;
  return `${esc(c.test)} ${KIND_LABEL[c.kind]} ${formatScore(c.score)} (threshold ${formatScore(c.threshold)})${statistic}${note}`;
}

/** The computed time with the date large and the clock time small. */
function computedStat(iso: string): string {
  const [date = '', ...rest] = formatTime(iso).split(' ');
  return `${esc(date)} <small>${esc(rest.join(' '))}</small>`;
}

function driftBadge(drifted: boolean): string {
  return drifted
    ? '<span class="badge badge--drift"><span aria-hidden="true">▲ </span>Drifted</span>'
    : '<span class="badge badge--ok"><span aria-hidden="true">✓ </span>No drift</span>';
}

/** Element id of the i-th column's chart (index-based, so column names never end up in ids). */
function columnId(index: number): string {
  return `col-${index + 1}`;
}

/**
 * Prepares a chart SVG for inlining: drops the XML namespace declarations (not needed inside HTML)
 * and prefixes its clip and gradient ids, so charts on one page never share an id.
 */
function inlineSvg(svg: string, prefix: string): string {
  return svg
    .replace(/^<svg\b[^>]*>/, (tag) => tag.replace(/\s+xmlns(?::xlink)?="[^"]*"/g, ''))
    .replace(/\b(id="|url\(#)(clip|gradient|pattern)/g, `$1${prefix}-$2`);
}
