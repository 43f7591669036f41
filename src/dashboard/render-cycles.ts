/**
 * The table of the latest cycles: time, outcome, new files, rows, the decisions with the numbers behind
 * them, duration, and a link to the cycle's archived drift report. Markup only; callers escape nothing.
 */
import type { RunRecord } from '../records/run-record.ts';
import { escapeHtml as esc } from '../report/escape-html.ts';
import { formatPercent, formatScore } from '../report/format.ts';

/** How each outcome is named on the page. */
const OUTCOME_LABELS: Record<RunRecord['outcome'], string> = {
  bootstrap: 'bootstrap',
  deployed: 'deployed',
  not_deployed: 'challenger refused',
  no_drift: 'no drift',
  no_new_data: 'no new data',
  failed: 'failed',
};

/** The outcome as a badge (text and colour). */
export function outcomeBadge(outcome: RunRecord['outcome']): string {
  return `<span class="badge badge--${outcome}">${OUTCOME_LABELS[outcome]}</span>`;
}

/** "2026-11-26 05:35:49" from an ISO time (UTC). */
export function shortTime(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}

const f1 = (value: number) => value.toFixed(4);

function files(run: RunRecord): string {
  const names = [
    ...run.new_files.map((f) => esc(f)),
    ...run.changed_files.map((f) => `${esc(f)} <span class="small">(changed)</span>`),
  ];
  if (names.length === 0) return '–';
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} +${names.length - 3} more` : names.join(', ');
}

function rows(run: RunRecord): string {
  if (!run.rows) return '–';
  const rejected = run.rows.rejected > 0 ? `, ${run.rows.rejected.toLocaleString('en-US')} rejected` : '';
  return `${run.rows.ingested.toLocaleString('en-US')}<span class="small"> of ${run.rows.read.toLocaleString('en-US')} read${rejected}</span>`;
}

/** The decisions of one cycle as list items, each with its numbers. */
function decisionItems(run: RunRecord): string[] {
  const d = run.decisions;
  const items: string[] = [];
  if (d.model_drift) {
    const m = d.model_drift;
    items.push(
      `<b>Model:</b> F1 ${f1(m.f1_new)} on new data vs ${f1(m.threshold)} (${esc(m.test)} test, recorded ${f1(m.f1_recorded)}) → ${m.drifted ? 'drift' : 'no drift'}`,
    );
  }
  if (d.data_drift) {
    const dd = d.data_drift;
    const columns = Object.values(dd.columns);
    items.push(
      `<b>Data:</b> ${columns.filter((c) => c.drifted).length} of ${columns.length} columns drifted (${formatPercent(dd.share_drifted)}, threshold ${formatPercent(dd.drift_share)}) → ${dd.dataset_drift ? 'dataset drift' : 'no dataset drift'}`,
    );
  }
  if (d.retrain)
    items.push(
      `<b>Retrain:</b> ${d.retrain.retrain ? `yes (${esc(d.retrain.because.join(', ').replace(/_/g, ' '))})` : 'no'}`,
    );
  if (d.deploy) {
    const p = d.deploy;
    const numbers = `challenger ${f1(p.challenger_f1)} vs champion ${p.champion_f1 === null ? '–' : f1(p.champion_f1)}`;
    items.push(
      `<b>Deploy:</b> ${p.deployed ? `yes, <span class="mono">${esc(p.challenger_id)}</span>` : 'no'} (${numbers}; ${esc(p.policy.replace(/_/g, ' '))})`,
    );
  }
  if (run.outcome === 'bootstrap') items.push(`<b>Deploy:</b> ${esc(run.summary)}`);
  if (run.outcome === 'no_new_data') items.push(esc(run.summary));
  if (run.error) items.push(`<span class="error-text">${esc(run.error)}</span>`);
  return items;
}

/** One table row per run (newest first); `reports` holds the run ids whose archived report exists. */
export function renderCyclesTable(runs: readonly RunRecord[], reports: ReadonlySet<string>): string {
  if (runs.length === 0)
    return '<p class="card empty">No cycle has been recorded yet: run <code>npm run fullprocess</code> or start the schedule.</p>';
  const body = runs
    .map((run) => {
      const report = reports.has(run.id)
        ? `<a class="report-link" href="/drift/reports/${esc(run.id)}">drift report</a>`
        : '–';
      return `<tr data-run-id="${esc(run.id)}">
<td class="nowrap" data-label="started (UTC)"><time datetime="${esc(run.started_at)}">${esc(shortTime(run.started_at))}</time></td>
<td data-label="outcome">${outcomeBadge(run.outcome)}</td>
<td class="files" data-label="new files">${files(run)}</td>
<td class="nowrap" data-label="rows">${rows(run)}</td>
<td data-label="decisions"><ul class="decisions">${decisionItems(run)
        .map((item) => `<li>${item}</li>`)
        .join('')}</ul></td>
<td class="num" data-label="duration">${formatScore(run.duration_ms / 1000)} s</td>
<td class="nowrap" data-label="report">${report}</td>
</tr>`;
    })
    .join('\n');
  return `<div class="card table-wrap"><table class="stack cycles">
<thead><tr><th scope="col">started (UTC)</th><th scope="col">outcome</th><th scope="col">new files</th><th scope="col">rows ingested</th><th scope="col">decisions</th><th scope="col" class="num">duration</th><th scope="col">report</th></tr></thead>
<tbody>
${body}
</tbody>
</table></div>`;
}
