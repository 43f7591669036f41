/**
 * The dashboard's one inline script: every 30 s it fetches /dashboard/fragment (same origin) and swaps
 * it into the page without a reload; a failed refresh is shown and retried on the next tick. The page's
 * Content-Security-Policy allows exactly this script by its SHA-256 hash.
 */
import { createHash } from 'node:crypto';

/** How often the page refreshes its data. */
export const REFRESH_SECONDS = 30;

/** Where the script fetches the page's content from. */
export const FRAGMENT_PATH = '/dashboard/fragment';

/** The script's source text, placed verbatim in a <script> element. */
export const PAGE_SCRIPT = `(() => {
  const content = document.getElementById('content');
  const status = document.getElementById('refresh-status');
  async function refresh() {
    try {
      const response = await fetch(${JSON.stringify(FRAGMENT_PATH)}, { cache: 'no-store', headers: { accept: 'text/html' } });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      content.innerHTML = await response.text();
      status.textContent = '';
      status.hidden = true;
    } catch (error) {
      status.textContent = 'Refresh failed at ' + new Date().toISOString().slice(11, 19) + ' UTC (' + error.message + '); retrying in ${REFRESH_SECONDS} s.';
      status.hidden = false;
    }
  }
  setInterval(refresh, ${REFRESH_SECONDS * 1000});
})();`;

/** The CSP source that allows {@link PAGE_SCRIPT} and nothing else. */
export const PAGE_SCRIPT_HASH = `'sha256-${createHash('sha256').update(PAGE_SCRIPT).digest('base64')}'`;
