/**
 * Who may make a request, decided before the fast path or Express sees it: a loopback-bound server
 * answers only requests whose Host header names localhost, a loopback address or one of
 * `server.allowed_hosts` (421 otherwise: a page elsewhere reaching it by DNS rebinding gets nothing);
 * with tokens, a request needs `Authorization: Bearer <token>` whose role grants what it asks
 * (auth/roles.ts), or a browser session's cookie (auth/sessions.ts) whose token still exists: 401
 * without (a browser asking for the dashboard is sent to /signin), 403 with the wrong role, and 403 for
 * a session's action without its CSRF token. Any request that changes something (not GET or HEAD) is
 * refused when a browser says another site's page made it. Without tokens, a server open by
 * policy (loopback, or `server.allow_unauthenticated`) lets everything through, except, on loopback,
 * a request a proxy relayed (Forwarded, X-Forwarded-*, X-Real-IP: it may come from anywhere the proxy
 * is reached from); any other refuses everything but the open routes (the server does not start that
 * way; tokens revoked while it runs close it rather than open it).
 */
import type { IncomingMessage } from 'node:http';
import { grants, requiredRole } from '../auth/roles.ts';
import { readCookie, SESSION_COOKIE, type Session, type SessionKeeper } from '../auth/sessions.ts';
import type { TokenHolder, TokenRegistry } from '../auth/token-registry.ts';

/** How one server decides. */
export interface AccessPolicy {
  tokens: TokenRegistry;
  metricsPublic: boolean;
  /** Whether requests pass when no token exists. */
  openWithoutTokens: boolean;
  /** Whether, without tokens, requests relayed by a proxy pass too (server.allow_unauthenticated). */
  proxiedOpenWithoutTokens: boolean;
  /** The Host names answered (lower case, no port); null: any (a server bound beyond loopback). */
  hosts: ReadonlySet<string> | null;
  /** The browser sessions signed in to this server. */
  sessions: SessionKeeper;
}

/** A refusal: its status, its JSON body, extra headers. */
export interface Refusal {
  status: number;
  body: { error: string };
  headers?: Record<string, string>;
  /** Who was refused: a valid token of the wrong role (403). */
  holder?: TokenHolder;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** Whether `host` (a bind address) is loopback. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The Host names a server bound to `bindHost` answers: null (any) beyond loopback. */
export function hostsFor(bindHost: string, allowed: readonly string[]): ReadonlySet<string> | null {
  if (!isLoopbackHost(bindHost)) return null;
  return new Set([...LOOPBACK_NAMES, bindHost, ...allowed].map((h) => h.toLowerCase()));
}

/** The name of a Host header without its port (`[::1]:8000` → `::1`). */
function hostName(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1, value.indexOf(']'));
  const colon = value.lastIndexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}

const UNAUTHORIZED = { 'www-authenticate': 'Bearer' };

/** What an allowed request came with: the token's holder (null: an open route or no tokens) and its session, if signed in. */
export interface Access {
  holder: TokenHolder | null;
  session: Session | null;
}

const OPEN: Access = { holder: null, session: null };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why an unsafe request is refused as coming from another site, or null: a browser says who made it
 * in `Sec-Fetch-Site` (trusted when present: a page of ours whose referrer policy hides it sends
 * `Origin: null`) or else in `Origin`, and a request a page elsewhere made (a form, a fetch) must not
 * act with this site's cookie, nor on an open server. Clients that are not browsers send neither.
 */
function crossSite(req: IncomingMessage): string | null {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined)
    return site === 'same-origin' || site === 'none'
      ? null
      : `a request made by another site (Sec-Fetch-Site: ${site})`;
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = '';
  }
  return originHost !== '' && originHost === String(req.headers.host ?? '').toLowerCase()
    ? null
    : `a request made by a page of another origin (${origin.slice(0, 100)})`;
}

/** The path of a request URL, without its query. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** Whether a proxy relayed the request (it may then come from anywhere the proxy is reached from). */
function relayed(req: IncomingMessage): boolean {
  const h = req.headers;
  return (
    h.forwarded !== undefined ||
    h['x-forwarded-for'] !== undefined ||
    h['x-forwarded-proto'] !== undefined ||
    h['x-real-ip'] !== undefined
  );
}

/** Whether a refused browser should be sent to the sign-in page instead of a JSON error. */
function isPageRequest(method: string, path: string): boolean {
  return method === 'GET' && (path === '/' || path === '/dashboard');
}

/** Who made the request, with its credentials checked: an Access, or the refusal. */
export function checkAccess(req: IncomingMessage, policy: AccessPolicy): Access | Refusal {
  if (policy.hosts && !policy.hosts.has(hostName(req.headers.host ?? ''))) {
    return {
      status: 421,
      body: {
        error: `this server answers for localhost only, not for Host '${String(req.headers.host ?? '').slice(0, 100)}' (server.allowed_hosts adds names)`,
      },
    };
  }
  const method = req.method ?? 'GET';
  if (!SAFE_METHODS.has(method)) {
    const why = crossSite(req);
    if (why) return { status: 403, body: { error: `${why} is refused` } };
  }
  const path = pathOf(req.url ?? '/');
  const needed = requiredRole(method, path, policy.metricsPublic);
  if (needed === null) return OPEN;
  if (!policy.tokens.enabled) {
    if (policy.openWithoutTokens && (policy.proxiedOpenWithoutTokens || !relayed(req))) return OPEN;
    if (policy.openWithoutTokens)
      return {
        status: 401,
        body: {
          error:
            'this server has no access token, so it is open to local clients only, and this request came through a proxy: create a token (`npm run token -- create --name NAME --role ROLE`)',
        },
        headers: UNAUTHORIZED,
      };
    return {
      status: 401,
      body: { error: 'no access token exists: create one with `npm run token -- create --name NAME --role ROLE`' },
      headers: UNAUTHORIZED,
    };
  }
  const found = credentials(req, policy);
  if ('status' in found) {
    if (isPageRequest(method, path)) return { ...found, status: 303, headers: { location: '/signin' } };
    return found;
  }
  const { holder, session } = found;
  if (!grants(holder.role, needed))
    return {
      status: 403,
      body: { error: `token '${holder.name}' has role ${holder.role}; this needs ${needed}` },
      holder,
    };
  if (session && !SAFE_METHODS.has(method) && !policy.sessions.checkCsrf(session.id, csrfHeader(req)))
    return {
      status: 403,
      body: { error: 'a signed-in page must send its CSRF token (X-CSRF-Token) with every action' },
      holder,
    };
  return { holder, session };
}

function csrfHeader(req: IncomingMessage): string {
  const value = req.headers['x-csrf-token'];
  return typeof value === 'string' ? value : '';
}

/** The holder of the request's bearer token or session cookie, or a 401. */
function credentials(
  req: IncomingMessage,
  policy: AccessPolicy,
): { holder: TokenHolder; session: Session | null } | Refusal {
  const authorization = req.headers.authorization;
  const cookie = authorization === undefined ? readCookie(req.headers.cookie, SESSION_COOKIE) : null;
  if (cookie !== null) {
    const session = policy.sessions.verify(cookie);
    const holder = session && policy.tokens.current(session.name, session.tokenHash);
    if (!session || !holder)
      return {
        status: 401,
        body: { error: 'the session has ended (expired, signed out, or its token revoked): sign in again at /signin' },
        headers: UNAUTHORIZED,
      };
    return { holder, session };
  }
  const match = /^Bearer +([A-Za-z0-9_~+/.-]+=*) *$/i.exec(authorization ?? '');
  if (!match)
    return {
      status: 401,
      body: { error: 'an access token is required: Authorization: Bearer <token> (a browser signs in at /signin)' },
      headers: UNAUTHORIZED,
    };
  const holder = policy.tokens.lookup(match[1]!);
  if (!holder)
    return {
      status: 401,
      body: { error: 'the access token is not valid (unknown or revoked)' },
      headers: UNAUTHORIZED,
    };
  return { holder, session: null };
}
