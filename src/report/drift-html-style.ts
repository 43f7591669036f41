/**
 * The inline stylesheet of the drift HTML report: system fonts only, responsive from phone to
 * laptop, drift marked by text and symbol as well as colour, print-friendly.
 */

/** CSS for the drift report page. */
export const DRIFT_HTML_CSS = `
:root {
  --text: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bg: #f8fafc; --card: #ffffff;
  --drift: #b91c1c; --drift-bg: #fef2f2; --drift-line: #fecaca;
  --ok: #15803d; --ok-bg: #f0fdf4; --ok-line: #bbf7d0; --accent: #2563eb;
  color-scheme: light;
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", sans-serif;
  -webkit-text-size-adjust: 100%;
}
main { max-width: 1120px; margin: 0 auto; padding: 32px 20px 48px; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 6px; letter-spacing: -0.01em; }
h2 { font-size: 1.15rem; margin: 0 0 12px; }
a { color: var(--accent); }
.eyebrow { margin: 0 0 4px; color: var(--muted); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.08em; }
.meta, .note { margin: 0; color: var(--muted); }
section { margin-top: 32px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
.verdict { display: flex; gap: 14px; align-items: flex-start; padding: 16px 18px; border-left-width: 6px; }
.verdict--drift { border-color: var(--drift-line); border-left-color: var(--drift); background: var(--drift-bg); }
.verdict--ok { border-color: var(--ok-line); border-left-color: var(--ok); background: var(--ok-bg); }
.verdict-icon { font-size: 1.5rem; line-height: 1.2; }
.verdict--drift .verdict-icon, .verdict--drift .verdict-title { color: var(--drift); }
.verdict--ok .verdict-icon, .verdict--ok .verdict-title { color: var(--ok); }
.verdict-title { margin: 0; font-size: 1.15rem; font-weight: 700; }
.verdict p { margin: 2px 0 0; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin: 12px 0 0; }
.stat { padding: 12px 14px; }
.stat dt { color: var(--muted); font-size: 0.8rem; }
.stat dd { margin: 2px 0 0; font-size: 1.25rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.stat dd small { font-size: 0.8rem; font-weight: normal; color: var(--muted); }
.table-wrap { overflow-x: auto; margin-top: 12px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 10px 12px; text-align: left; border-bottom: 1px solid var(--line); vertical-align: top; white-space: nowrap; }
thead th { font-size: 0.8rem; color: var(--muted); font-weight: 600; background: #f9fafb; }
tbody tr:last-child > * { border-bottom: none; }
tbody th { font-weight: 600; position: sticky; left: 0; background: var(--card); }
tr.is-drifted, tr.is-drifted > th { background: #fffafa; }
.num { text-align: right; }
.drift-cell { white-space: normal; min-width: 12ch; max-width: 28ch; }
.kind { display: block; color: var(--muted); font-size: 0.8rem; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 0.85rem; font-weight: 600; border: 1px solid; }
.badge--drift { color: var(--drift); background: var(--drift-bg); border-color: var(--drift-line); }
.badge--ok { color: var(--ok); background: var(--ok-bg); border-color: var(--ok-line); }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 400px), 1fr)); gap: 16px; }
.chart { margin: 0; padding: 14px 16px 10px; min-width: 0; }
.chart figcaption { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; margin-bottom: 6px; }
.chart-title { font-weight: 700; font-size: 1.05rem; overflow-wrap: anywhere; }
.chart-meta { flex-basis: 100%; color: var(--muted); font-size: 0.85rem; }
.chart svg { display: block; width: 100%; height: auto; max-width: 520px; margin: 0 auto; }
details { margin-top: 6px; font-size: 0.85rem; }
summary { cursor: pointer; color: var(--muted); }
details table { margin-top: 6px; }
details th, details td { padding: 4px 8px; }
footer { margin-top: 40px; color: var(--muted); font-size: 0.8rem; }
@media (max-width: 600px) {
  body { font-size: 14px; }
  main { padding: 20px 12px 32px; }
  h1 { font-size: 1.4rem; }
  th, td { padding: 8px; }
}
@media print {
  body { background: white; }
  .chart, .verdict, .stat { break-inside: avoid; }
}
`;
