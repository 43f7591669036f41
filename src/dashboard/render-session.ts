/**
 * What the dashboard shows of who is looking: the bar naming the signed-in token with its sign-out
 * button, and for those who may act (an admin, or anyone on a server open without tokens) the admin
 * actions (run a cycle now, roll back, make a stored version live), which the page script sends with
 * the session's CSRF token; and the sign-in page a browser is sent to when tokens are on.
 */
import { escapeHtml as esc } from '../report/escape-html.ts';
import type { ModelsResponse } from './api-schemas.ts';
import { pageHead } from './page-head.ts';

/** Who is looking at the page. */
export interface Viewer {
  /** The signed-in token's name and role; null: no session (a server open without tokens). */
  signedIn: { name: string; role: string } | null;
  /** The session's CSRF token ('' without a session). */
  csrf: string;
  /** Whether the admin actions are offered. */
  canAct: boolean;
}

/** The CSP of the sign-in page: no script, a form posting to this origin only. */
export const SIGN_IN_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'";

/** The bar above the dashboard's content. */
export function renderSessionBar(viewer: Viewer, models: ModelsResponse): string {
  const who = viewer.signedIn
    ? `<p class="who">Signed in as <b>${esc(viewer.signedIn.name)}</b> (${esc(viewer.signedIn.role)}) <button type="button" id="sign-out">Sign out</button></p>`
    : '';
  const actions = viewer.canAct ? renderActions(models) : '';
  return who || actions ? `<div class="session-bar">${who}${actions}</div>` : '';
}

function renderActions(models: ModelsResponse): string {
  const options = models.versions
    .map(
      (v) =>
        `<option value="${esc(v.model_id)}"${v.model_id === models.live_model_id ? ' selected' : ''}>${esc(v.model_id)}${v.model_id === models.live_model_id ? ' (live)' : ''}</option>`,
    )
    .join('');
  const makeLive = options
    ? `<label>Version <select id="version-choice">${options}</select></label> <button type="button" id="make-live">Make live</button>`
    : '';
  return `<section class="admin-actions" aria-label="Admin actions">
<button type="button" data-action="/runs">Run a cycle now</button>
<button type="button" data-action="/deployments/rollback" data-confirm="Make the previously live version live again?">Roll back</button>
${makeLive}
<span id="action-status" role="status"></span>
</section>`;
}

/** The sign-in page; `error` says why the last attempt failed. */
export function renderSignInPage(error: string | null): string {
  return `${pageHead('Sign in · Attrition model monitor', SIGN_IN_CSP)}
<body>
<main class="sign-in">
<h1>Attrition model monitor</h1>
<form method="post" action="/session" class="card">
<label for="token">Access token</label>
<input id="token" name="token" type="password" autocomplete="off" required maxlength="200">
<button type="submit">Sign in</button>
${error ? `<p class="sign-in-error" role="alert">${esc(error)}</p>` : ''}
<p class="muted">Paste a token made by <code>npm run token -- create</code>. The token is not kept: the browser gets a session cookie instead, which ends when you sign out, after a few hours, or when the token is revoked.</p>
</form>
</main>
</body>
</html>
`;
}
