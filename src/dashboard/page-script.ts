/**
 * The dashboard's one inline script: every 30 s it fetches /dashboard/fragment (same origin) and swaps
 * it into the page without a reload; a failed refresh is shown and retried on the next tick. The admin
 * buttons (dashboard/render-session.ts) POST their action with the session's CSRF token (read from the
 * page's csrf-token meta element) and show the answer; sign out ends the session and goes to /signin.
 * The page's Content-Security-Policy allows exactly this script by its SHA-256 hash.
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
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const post = (path) => fetch(path, { method: 'POST', headers: { 'x-csrf-token': csrf, accept: 'application/json' } });
  const actionStatus = document.getElementById('action-status');
  async function act(path) {
    actionStatus.textContent = 'Sending…';
    try {
      const response = await post(path);
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(body.error ?? 'HTTP ' + response.status);
      actionStatus.textContent = body.run_id
        ? 'Cycle ' + body.run_id + ' started.'
        : 'Version ' + body.live_model_id + ' is live' + (body.previous_model_id && body.previous_model_id !== body.live_model_id ? ' (was ' + body.previous_model_id + ').' : '.');
      refresh();
    } catch (error) {
      actionStatus.textContent = 'Refused: ' + error.message;
    }
  }
  for (const button of document.querySelectorAll('button[data-action]'))
    button.addEventListener('click', () => {
      if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
      act(button.dataset.action);
    });
  const choice = document.getElementById('version-choice');
  document.getElementById('make-live')?.addEventListener('click', () => act('/deployments/' + encodeURIComponent(choice.value)));
  document.getElementById('sign-out')?.addEventListener('click', async () => {
    await post('/session/end').catch(() => undefined);
    window.location.assign('/signin');
  });
})();`;

/** The CSP source that allows {@link PAGE_SCRIPT} and nothing else. */
export const PAGE_SCRIPT_HASH = `'sha256-${createHash('sha256').update(PAGE_SCRIPT).digest('base64')}'`;
