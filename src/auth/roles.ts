/**
 * Who may do what: a token has one role. `read`: the dashboard and every GET but /health; `predict`:
 * POST /prediction; `label`: POST /labels; `admin`: everything, and alone the audit log (GET /audit)
 * and the actions (POST /runs, POST /deployments/...). /health stays open (probes), and /metrics too
 * when `server.metrics_public`; so do the sign-in page and signing in and out (auth/sessions.ts).
 * Any other method on any path is an admin's.
 */

export const ROLES = ['read', 'predict', 'label', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The role a request needs (null: open to anyone), from its method and path (no query). */
export function requiredRole(method: string, path: string, metricsPublic: boolean): Role | null {
  if (path === '/health') return null;
  if (path === '/signin' || path === '/session' || path === '/session/end') return null; // signing in and out
  if (path === '/metrics' && metricsPublic) return null;
  if (path === '/audit') return 'admin';
  if (method === 'GET' || method === 'HEAD') return 'read';
  if (method === 'POST' && path === '/prediction') return 'predict';
  if (method === 'POST' && path === '/labels') return 'label';
  return 'admin';
}

/** Whether a token of role `held` may do what needs `needed`. */
export function grants(held: Role, needed: Role): boolean {
  return held === needed || held === 'admin';
}
