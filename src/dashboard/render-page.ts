/**
 * The dashboard page: a self-contained HTML document (inline CSS, inline SVG charts, one inline script
 * that refreshes the content and sends the admin actions; no fonts, images or scripts from anywhere),
 * with the bar of who is looking (render-session.ts), and the Content-Security-Policy that holds it to that.
 */
import { escapeHtml as esc } from '../report/escape-html.ts';
import type { DashboardData } from './dashboard-data.ts';
import { PAGE_SCRIPT, PAGE_SCRIPT_HASH } from './page-script.ts';
import { pageHead } from './page-head.ts';
import { renderDashboardContent } from './render-content.ts';
import { renderSessionBar, type Viewer } from './render-session.ts';

/** The page's CSP: inline styles, the one script by hash, fetches to this origin only. */
export const DASHBOARD_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src ${PAGE_SCRIPT_HASH}; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'`;

/** Renders the whole page for `viewer`. */
export function renderDashboardPage(data: DashboardData, viewer: Viewer): string {
  const title = 'error' in data.live ? 'Attrition model monitor' : `Attrition model monitor · ${data.live.model_id}`;
  const csrf = viewer.csrf ? `<meta name="csrf-token" content="${esc(viewer.csrf)}">\n` : '';
  return `${pageHead(title, DASHBOARD_CSP, csrf)}
<body>
<main>
${renderSessionBar(viewer, data.models)}
<p id="refresh-status" class="refresh-status" role="status" hidden></p>
<div id="content">
${renderDashboardContent(data)}
</div>
<footer>JSON behind this page: <a href="/runs">/runs</a>, <a href="/models">/models</a>, <a href="/scoring">/scoring</a>, <a href="/drift">/drift</a>; the API: <a href="/openapi.json">/openapi.json</a>.</footer>
</main>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
