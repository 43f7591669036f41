/**
 * The dashboard's content, the part the page swaps in on every refresh: the header with the time of
 * the data, the alert conditions that hold, an overview (live model, its test scores, the last cycle), the Production section, the
 * charts over cycles, the latest cycles, the live model's coefficients and the model versions. Renders
 * DashboardData; computes nothing.
 */
import { escapeHtml as esc } from '../report/escape-html.ts';
import { formatCount, formatScore } from '../report/format.ts';
import type { ModelsResponse } from './api-schemas.ts';
import type { DashboardData, LiveSummary } from './dashboard-data.ts';
import { chartFigure } from './render-chart.ts';
import { outcomeBadge, renderCyclesTable, shortTime } from './render-cycles.ts';
import { renderProductionSection } from './render-production.ts';
import { REFRESH_SECONDS } from './page-script.ts';

const time = (iso: string) => `<time datetime="${esc(iso)}">${esc(shortTime(iso))} UTC</time>`;

function header(data: DashboardData): string {
  return `<header class="page-head">
<div><p class="eyebrow">attrition-monitor · dashboard</p><h1>Attrition model monitor</h1></div>
<p class="updated">Last updated <time id="updated" datetime="${esc(data.generated_at)}">${esc(data.generated_at.slice(11, 19))} UTC</time> · refreshes every ${REFRESH_SECONDS} s</p>
</header>`;
}

function liveCards(live: LiveSummary): string {
  const metric = (label: string, value: number) =>
    `<div class="metric"><dt>${label}</dt><dd>${value.toFixed(3)}</dd></div>`;
  return `<div class="card" id="live-model">
<p class="label">Live model</p>
<p class="model-id mono">${esc(live.model_id)}</p>
<p class="small">live since ${live.went_live_at ? time(live.went_live_at) : 'an unrecorded time'}<br>trained ${time(live.trained_at)} on ${formatCount(live.training_rows)} rows</p>
</div>
<div class="card" id="live-scores">
<p class="label">On the test data (${esc(live.test.data_file)}, ${formatCount(live.test.rows)} rows)</p>
<dl class="metrics">${metric('F1', live.test.f1)}${metric('precision', live.test.precision)}${metric('recall', live.test.recall)}</dl>
</div>`;
}

function overview(data: DashboardData): string {
  const live =
    'error' in data.live
      ? `<div class="card unavailable" id="live-model"><p class="label">Live model</p><p class="model-id">none</p><p class="small">${esc(data.live.error)}</p></div>`
      : liveCards(data.live);
  const last = data.runs[0];
  const lastCard = last
    ? `<div class="card" id="last-cycle"><p class="label">Last cycle · ${time(last.started_at)}</p><p>${outcomeBadge(last.outcome)}</p><p class="last-summary">${esc(last.summary)}</p></div>`
    : '<div class="card" id="last-cycle"><p class="label">Last cycle</p><p class="small">none recorded yet</p></div>';
  return `<div class="overview">${live}${lastCard}</div>`;
}

/** The alert conditions that hold, at the top of the page, and how many deliveries failed for good. */
function activeAlerts({ active, failedDeliveries }: DashboardData['alerts']): string {
  const failed = failedDeliveries
    ? `<p class="note" id="failed-deliveries"><span class="badge badge--critical">${formatCount(failedDeliveries)} alert ${failedDeliveries === 1 ? 'delivery' : 'deliveries'} failed for good</span> see <a href="/alerts">GET /alerts</a></p>`
    : '';
  if (active.length === 0) return `<p class="note no-alerts" id="alerts">No alert condition holds.</p>${failed}`;
  const items = active.map(
    (a) =>
      `<li class="alert-${esc(a.severity)}"><span class="badge badge--${esc(a.severity)}">${esc(a.severity)}</span> <strong>${esc(a.kind.replaceAll('_', ' '))}</strong> · ${esc(a.subject)} · since ${time(a.since)}<br><span class="small">${esc(a.summary)}</span></li>`,
  );
  return `<section aria-labelledby="alerts-title"><h2 id="alerts-title">Alerts that hold (${active.length})</h2><ul class="alerts" id="alerts">${items.join('')}</ul>${failed}</section>`;
}

function charts(data: DashboardData): string {
  const empty = 'No cycle has compared new data yet.';
  const last = (note: string) => (count: number) =>
    `${note} Last ${count} cycle${count === 1 ? '' : 's'} that recorded it.`;
  return `<section aria-labelledby="trends-title"><h2 id="trends-title">Cycle by cycle</h2>
<div class="charts">
${chartFigure({ id: 'f1-chart', title: 'F1 on each new batch', note: last('The live model’s F1 on the data each cycle ingested (blue) and the score it was held against (dashed). Green rule: retrained and deployed; red rule: challenger refused.'), pair: data.charts.f1, empty })}
${chartFigure({ id: 'drift-share-chart', title: 'Share of drifted columns', note: last('Per cycle, the share of columns whose distribution moved; red bars crossed the dataset-drift threshold (dashed).'), pair: data.charts.driftShare, empty })}
${chartFigure({ id: 'drift-heatmap', title: 'Drift per column', note: last('Each column’s drift test per cycle; red cells with ▲ drifted. Hover a cell for the test, score and threshold.'), pair: data.charts.driftHeatmap, empty, full: true })}
</div></section>`;
}

function coefficients(live: DashboardData['live']): string {
  if ('error' in live) return '';
  const rows = live.features
    .map(
      (name, i) =>
        `<tr><td>${esc(name)}</td><td class="num">${formatScore(live.coefficients[i] ?? Number.NaN)}</td></tr>`,
    )
    .join('');
  return `<section aria-labelledby="coef-title"><h2 id="coef-title">Live model coefficients</h2>
<p class="note">Logistic regression on the raw feature values: the change in log-odds of attrition per unit of each feature.</p>
<div class="card table-wrap coefficients"><table><thead><tr><th scope="col">feature</th><th scope="col" class="num">coefficient</th></tr></thead>
<tbody>${rows}<tr><td>(intercept)</td><td class="num">${formatScore(live.intercept)}</td></tr></tbody></table></div></section>`;
}

function versions(models: ModelsResponse): string {
  if (models.versions.length === 0)
    return '<section aria-labelledby="versions-title"><h2 id="versions-title">Model versions</h2><p class="card empty">No model has been deployed yet.</p></section>';
  const rows = models.versions
    .map((v) => {
      const periods =
        v.live_periods.length === 0
          ? 'never live'
          : `<ul class="periods">${v.live_periods.map((p) => `<li>${time(p.from)} → ${p.to ? time(p.to) : '<b>now</b>'}${p.action === 'rollback' ? ' (rollback)' : ''}</li>`).join('')}</ul>`;
      return `<tr data-model-id="${esc(v.model_id)}"><td class="mono" data-label="model">${esc(v.model_id)}</td><td data-label="status">${v.live ? '<span class="badge badge--live">live</span>' : '<span class="badge badge--retired">retired</span>'}</td><td data-label="live">${periods}</td><td class="num" data-label="test F1">${v.test_f1 === null ? '–' : v.test_f1.toFixed(4)}</td></tr>`;
    })
    .join('\n');
  return `<section aria-labelledby="versions-title"><h2 id="versions-title">Model versions</h2>
<div class="card table-wrap"><table class="stack versions"><thead><tr><th scope="col">model</th><th scope="col">status</th><th scope="col">live (UTC)</th><th scope="col" class="num">test F1</th></tr></thead>
<tbody>
${rows}
</tbody></table></div></section>`;
}

/** The page content (swapped in whole on each refresh). */
export function renderDashboardContent(data: DashboardData): string {
  return `${header(data)}
${activeAlerts(data.alerts)}
${overview(data)}
${renderProductionSection(data.production)}
${charts(data)}
<section aria-labelledby="cycles-title"><h2 id="cycles-title">Latest cycles</h2>
<p class="note">Newest first, the last ${data.runs.length}. Older cycles: <a href="/runs">GET /runs</a> (JSON, paginated).</p>
${renderCyclesTable(data.runs, data.reports)}
</section>
<div class="pair">
${coefficients(data.live)}
${versions(data.models)}
</div>`;
}
