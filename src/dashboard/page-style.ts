/**
 * The dashboard's inline stylesheet: system fonts only, a two-column chart grid on a laptop and one
 * column on a phone (where the narrow chart renderings replace the wide ones and table rows become
 * cards), outcomes and alerts marked by text as well as colour.
 */

/** CSS for the dashboard page. */
export const DASHBOARD_CSS = `
:root {
  --text: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bg: #f5f7fa; --card: #ffffff;
  --drift: #b91c1c; --drift-bg: #fef2f2; --drift-line: #fecaca;
  --ok: #15803d; --ok-bg: #f0fdf4; --ok-line: #bbf7d0;
  --info: #1d4ed8; --info-bg: #eff6ff; --info-line: #bfdbfe;
  --warn: #b45309; --warn-bg: #fffbeb; --warn-line: #fde68a;
  --accent: #2563eb;
  color-scheme: light;
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", sans-serif;
  -webkit-text-size-adjust: 100%;
}
main { max-width: 1200px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.6rem; line-height: 1.2; margin: 0; letter-spacing: -0.01em; }
h2 { font-size: 1.1rem; margin: 0 0 10px; }
h3 { font-size: 1rem; margin: 18px 0 8px; }
a { color: var(--accent); }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.9em; }
.eyebrow { margin: 0 0 4px; color: var(--muted); font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.08em; }
.page-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-end; gap: 8px 24px; }
.updated { margin: 0; color: var(--muted); font-size: 0.9rem; }
.refresh-status { margin: 12px 0 0; padding: 8px 12px; border-radius: 8px; color: var(--drift); background: var(--drift-bg); border: 1px solid var(--drift-line); }
section { margin-top: 28px; }
.note { margin: 0 0 10px; color: var(--muted); font-size: 0.9rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
.overview { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 250px), 1fr)); gap: 12px; margin-top: 20px; }
.overview .card { padding: 14px 16px; min-width: 0; }
.label { margin: 0; color: var(--muted); font-size: 0.8rem; }
.model-id { margin: 2px 0 4px; font-size: 1.05rem; font-weight: 700; overflow-wrap: anywhere; }
.small { margin: 0; color: var(--muted); font-size: 0.85rem; }
.metrics { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; margin: 4px 0 2px; }
.metric dd { margin: 0; font-size: 1.45rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.metric dt { color: var(--muted); font-size: 0.8rem; }
.last-summary { margin: 6px 0 0; font-size: 0.9rem; }
.unavailable { border-left: 5px solid var(--drift); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 520px), 1fr)); gap: 16px; }
.chart { margin: 0; padding: 14px 16px 10px; min-width: 0; }
.chart figcaption { margin-bottom: 6px; }
.chart-title { display: block; font-weight: 700; }
.chart-meta { display: block; color: var(--muted); font-size: 0.85rem; }
.chart svg { display: block; width: 100%; height: auto; }
.chart-narrow { display: none; }
.chart--full { grid-column: 1 / -1; }
.empty { margin: 0; padding: 16px; color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: 0.9rem; }
th, td { padding: 9px 12px; text-align: left; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { font-size: 0.78rem; color: var(--muted); font-weight: 600; background: #f9fafb; white-space: nowrap; }
tbody tr:last-child > * { border-bottom: none; }
.num { text-align: right; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.files { min-width: 11ch; max-width: 22ch; overflow-wrap: break-word; }
.decisions { margin: 0; padding: 0; list-style: none; min-width: 30ch; }
.decisions li + li { margin-top: 2px; }
.decisions b { font-weight: 600; }
.error-text { color: var(--drift); overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 0.8rem; font-weight: 600; border: 1px solid; white-space: nowrap; }
.badge--deployed, .badge--live { color: var(--ok); background: var(--ok-bg); border-color: var(--ok-line); }
.badge--bootstrap { color: var(--info); background: var(--info-bg); border-color: var(--info-line); }
.badge--not_deployed { color: var(--warn); background: var(--warn-bg); border-color: var(--warn-line); }
.badge--failed { color: var(--drift); background: var(--drift-bg); border-color: var(--drift-line); }
.badge--no_drift, .badge--no_new_data, .badge--retired { color: var(--muted); background: #f9fafb; border-color: var(--line); }
.badge--alert, .badge--drift { color: var(--drift); background: var(--drift-bg); border-color: var(--drift-line); }
.badge--partial { color: var(--info); background: var(--info-bg); border-color: var(--info-line); }
.badge--ok { color: var(--muted); background: #f9fafb; border-color: var(--line); }
.badge--critical { color: var(--drift); background: var(--drift-bg); border-color: var(--drift-line); }
.badge--warning { color: var(--warn); background: var(--warn-bg); border-color: var(--warn-line); }
.badge--info { color: var(--info); background: var(--info-bg); border-color: var(--info-line); }
.alerts { list-style: none; margin: 0 0 16px; padding: 0; display: grid; gap: 6px; }
.alerts li { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.alerts .alert-critical { border-left: 5px solid var(--drift); }
.alerts .alert-warning { border-left: 5px solid var(--warn); }
.alerts .alert-info { border-left: 5px solid var(--info); }
.no-alerts { margin: 0 0 16px; }
.no-reference { color: var(--warn); font-weight: 600; white-space: nowrap; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 340px), 1fr)); gap: 0 20px; align-items: start; }
@media (min-width: 1000px) { .pair { grid-template-columns: 1fr 2fr; } }
.coefficients td:first-child { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.85rem; }
.periods { margin: 0; padding: 0; list-style: none; }
.versions td:first-child { white-space: nowrap; }
footer { margin-top: 32px; color: var(--muted); font-size: 0.85rem; }
.session-bar { display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: center; justify-content: space-between; margin: 0 0 16px; padding: 10px 14px; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
.session-bar .who { margin: 0; }
.admin-actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
button { font: inherit; padding: 4px 12px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--text); cursor: pointer; }
button:hover { border-color: var(--accent); }
#action-status { color: var(--muted); }
.sign-in { max-width: 420px; }
.sign-in form { display: grid; gap: 10px; margin-top: 20px; padding: 20px; }
.sign-in input { font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; }
.sign-in-error { color: var(--drift); margin: 0; }
.muted { color: var(--muted); font-size: 0.85rem; }
@media (max-width: 600px) {
  main { padding: 16px 12px 32px; }
  h1 { font-size: 1.3rem; }
  .chart { padding: 10px 8px 6px; }
  .chart-wide { display: none; }
  .chart-narrow { display: block; }
  .metric dd { font-size: 1.25rem; }
  .stack thead { display: none; }
  .stack, .stack tbody, .stack tr, .stack td { display: block; width: 100%; }
  .stack tr { padding: 10px 12px; border-bottom: 1px solid var(--line); }
  .stack tbody tr:last-child { border-bottom: none; }
  .stack td { padding: 2px 0; border: none; text-align: left; }
  .stack td[data-label]::before { content: attr(data-label); display: inline-block; min-width: 8.5em; color: var(--muted); font-size: 0.8rem; }
  .stack .decisions { min-width: 0; margin-top: 2px; }
  .stack .files { max-width: none; }
}
`;
