/**
 * The dashboard's Production section: the label-free estimate of the served models per chunk of the
 * prediction log (monitoring.json), as charts (estimated F1 with its band and thresholds beside the
 * realized F1 once labels arrived, rows served by version, drifted share of features, share of rows
 * labelled) and a table of the newest chunks; or why there is nothing to show. Renders a ProductionView; computes nothing. Every string from the file is escaped.
 */
import type { MonitoringChunk, MonitoringFile } from '../records/monitoring-file.ts';
import { MONITORING_JSON } from '../records/output-layout.ts';
import { formatBounds } from '../report/charts/chunk-axis.ts';
import { escapeHtml as esc } from '../report/escape-html.ts';
import { formatCount, formatPercent } from '../report/format.ts';
import type { ProductionView } from './production-data.ts';
import { chunkPeriod, PRODUCTION_CHART_CHUNKS } from './production-series.ts';
import { chartFigure } from './render-chart.ts';
import { shortTime } from './render-cycles.ts';

const f3 = (x: number) => x.toFixed(3);
const chunks = (count: number) => `${count} chunk${count === 1 ? '' : 's'}`;

function section(body: string): string {
  return `<section aria-labelledby="production-title" id="production"><h2 id="production-title">Production</h2>
${body}
</section>`;
}

/** How the file's chunks were cut, in words. */
function chunking(spec: MonitoringFile['chunk']): string {
  if ('size' in spec) return `chunks of ${formatCount(spec.size)} predictions`;
  return `${spec.period === 'day' ? 'daily' : `${spec.period}ly`} chunks`;
}

function estimateCell(c: MonitoringChunk): string {
  if (c.reference === 'missing') return '<span class="no-reference">no reference</span>';
  const e = c.estimated;
  if (!e || e.f1 === null) return '<span class="small">undefined</span>';
  const band =
    e.f1_lower !== null && e.f1_upper !== null
      ? ` <span class="small">[${f3(e.f1_lower)}, ${f3(e.f1_upper)}]</span>`
      : '';
  return `${f3(e.f1)}${band}`;
}

function thresholdsCell(c: MonitoringChunk): string {
  return c.thresholds ? formatBounds(c.thresholds.f1_lower, c.thresholds.f1_upper) : '–';
}

function driftCell(c: MonitoringChunk): string {
  if (!c.drift) return '–';
  const verdict = c.drift.dataset_drift ? ' <span class="badge badge--drift">dataset drift</span>' : '';
  return `${formatPercent(c.drift.share_drifted)}${verdict}`;
}

function realizedCell(c: MonitoringChunk): string {
  const { f1, labelled_rows, coverage } = c.realized;
  if (labelled_rows === 0) return '–';
  const covered = `<span class="small">${formatCount(labelled_rows)} labelled (${formatPercent(coverage)})</span>`;
  if (f1 === null) return covered;
  const outside = c.realized_alert ? ' <span class="badge badge--alert">outside thresholds</span>' : '';
  return `${f3(f1)}${outside} ${covered}`;
}

function alertCell(c: MonitoringChunk): string {
  if (c.alert) return '<span class="badge badge--alert">alert</span>';
  return c.reference === 'missing' ? '–' : '<span class="badge badge--ok">ok</span>';
}

function table(latest: readonly MonitoringChunk[], spec: MonitoringFile['chunk']): string {
  const rows = latest
    .map((c) => {
      const partial = c.partial ? ' <span class="badge badge--partial">partial</span>' : '';
      return `<tr data-model-id="${esc(c.model_id)}" data-alert="${c.alert}" data-partial="${c.partial}">
<td class="nowrap" data-label="period (UTC)"><time datetime="${esc(c.start)}">${esc(chunkPeriod(c, spec).text)}</time>${partial}</td>
<td class="mono" data-label="model">${esc(c.model_id)}</td>
<td class="num" data-label="rows">${formatCount(c.rows)}</td>
<td class="num" data-label="estimated F1">${estimateCell(c)}</td>
<td class="num" data-label="thresholds">${thresholdsCell(c)}</td>
<td class="num" data-label="realized F1">${realizedCell(c)}</td>
<td class="nowrap" data-label="features drifted">${driftCell(c)}</td>
<td data-label="alert">${alertCell(c)}</td>
</tr>`;
    })
    .join('\n');
  return `<div class="card table-wrap"><table class="stack chunks">
<thead><tr><th scope="col">period (UTC)</th><th scope="col">model</th><th scope="col" class="num">rows</th><th scope="col" class="num">estimated F1 [band]</th><th scope="col" class="num">F1 thresholds</th><th scope="col" class="num">realized F1</th><th scope="col">features drifted</th><th scope="col">alert</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
}

/** The Production section (swapped in with the rest of the content on each refresh). */
export function renderProductionSection(view: ProductionView): string {
  if (view.state === 'empty')
    return section(
      '<p class="card empty" id="production-empty">No predictions logged yet: the log fills as <code>/prediction</code> answers; <code>npm run monitor</code> or a cycle computes this section.</p>',
    );
  if (view.state === 'unreadable')
    return section(
      `<p class="card empty error-text" id="production-error">${esc(MONITORING_JSON)} cannot be read (${esc(view.error)}); run <code>npm run monitor</code> to write it again.</p>`,
    );
  const skipped = view.log.skipped > 0 ? `; ${formatCount(view.log.skipped)} unreadable log entries skipped` : '';
  const drawn =
    view.chunks > PRODUCTION_CHART_CHUNKS
      ? ` The charts draw the newest ${PRODUCTION_CHART_CHUNKS} of ${view.chunks} chunks.`
      : '';
  const noReference = (what: string) =>
    `No chunk has ${what}: the versions that served them were deployed without a monitoring reference.`;
  return section(`<p class="note">The served predictions in ${chunking(view.chunk)}, oldest left, each judged against the reference of the model version that served it (no labels needed). Computed <time datetime="${esc(view.computed_at)}">${esc(shortTime(view.computed_at))} UTC</time> from ${formatCount(view.log.rows)} logged predictions${skipped}.${drawn} As JSON: <a href="/monitoring">/monitoring</a>.</p>
<div class="charts">
${chartFigure({
  id: 'production-f1-chart',
  title: 'Estimated and realized F1 per chunk',
  note: (count) =>
    `F1 estimated from the served probabilities (blue), ±3 standard errors (light band) and the version’s thresholds (dashed). Red points: alert, the estimate left the thresholds; hollow point: the partial chunk, still filling; gaps: no reference. Green squares: the realized F1 on the rows delayed labels cover (red: outside the thresholds), for chunks with enough labelled rows. ${chunks(count)} with an estimate.`,
  pair: view.charts.f1,
  empty: noReference('an estimate'),
  full: true,
})}
${chartFigure({
  id: 'production-rows-chart',
  title: 'Rows served per chunk',
  note: (count) => `Predictions served, coloured by model version; the partial chunk is lighter. ${chunks(count)}.`,
  pair: view.charts.rows,
  empty: 'No chunk.',
})}
${chartFigure({
  id: 'production-drift-chart',
  title: 'Share of drifted features',
  note: (count) =>
    `Per chunk, the share of served features whose distribution moved from the version’s reference; red bars: dataset drift. ${chunks(count)} with a drift result.`,
  pair: view.charts.driftShare,
  empty: noReference('a drift result'),
})}
${chartFigure({
  id: 'production-coverage-chart',
  title: 'Share of rows labelled',
  note: (count) =>
    `Per chunk, the share of served rows a delayed label covers (POST /labels, the labels folder); only rows served with an id can be labelled. ${chunks(count)} with labels.`,
  pair: view.charts.coverage,
  empty: 'No chunk has labelled rows yet.',
})}
</div>
<h3 id="chunks-title">Newest chunks</h3>
<p class="note">The newest ${view.latest.length} of ${chunks(view.chunks)}, newest first. “no reference”: the version was deployed without a monitoring reference, so it has no estimate, thresholds or drift.</p>
${table(view.latest, view.chunk)}`);
}
