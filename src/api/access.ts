/**
 * Who may make a request, decided before the fast path or Express sees it: a loopback-bound server
 * answers only requests whose Host header names localhost, a loopback address or one of
 * `server.allowed_hosts` (421 otherwise: a page elsewhere reaching it by DNS rebinding gets nothing);
 * with tokens, a request needs `Authorization: Bearer <token>` whose role grants what it asks
 * (auth/roles.ts): 401 without a valid token, 403 with the wrong role. Without tokens, a server open by
 * policy (loopback, or `server.allow_unauthenticated`) lets everything through; any other refuses
 * everything but the open routes (the server does not start that way; tokens revoked while it runs
 * close it rather than open it).
 */
import type { IncomingMessage } from 'node:http';
import { grants, requiredRole } from '../auth/roles.ts';
import type { TokenHolder, TokenRegistry } from '../auth/token-registry.ts';

/** How one server decides. */
export interface AccessPolicy {
  tokens: TokenRegistry;
  metricsPublic: boolean;
  /** Whether requests pass when no token exists. */
  openWithoutTokens: boolean;
  /** The Host names answered (lower case, no port); null: any (a server bound beyond loopback). */
  hosts: ReadonlySet<string> | null;
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

/** The token holder of an allowed request (null: an open route or no tokens), or the refusal. */
export function checkAccess(req: IncomingMessage, policy: AccessPolicy): { holder: TokenHolder | null } | Refusal {
  if (policy.hosts && !policy.hosts.has(hostName(req.headers.host ?? ''))) {
    return {
      status: 421,
      body: {
        error: `this server answers for localhost only, not for Host '${String(req.headers.host ?? '').slice(0, 100)}' (server.allowed_hosts adds names)`,
      },
    };
  }
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const needed = requiredRole(req.method ?? 'GET', query === -1 ? url : url.slice(0, query), policy.metricsPublic);
  if (needed === null) return { holder: null };
  if (!policy.tokens.enabled) {
    if (policy.openWithoutTokens) return { holder: null };
    return {
      status: 401,
      body: { error: 'no access token exists: create one with `npm run token -- create --name NAME --role ROLE`' },
      headers: UNAUTHORIZED,
    };
  }
  const match = /^Bearer +([A-Za-z0-9_~+/.-]+=*) *$/i.exec(req.headers.authorization ?? '');
  if (!match)
    return {
      status: 401,
      body: { error: 'an access token is required: Authorization: Bearer <token>' },
      headers: UNAUTHORIZED,
    };
  const holder = policy.tokens.lookup(match[1]!);
  if (!holder)
    return {
      status: 401,
      body: { error: 'the access token is not valid (unknown or revoked)' },
      headers: UNAUTHORIZED,
    };
  if (!grants(holder.role, needed))
    return {
      status: 403,
      body: { error: `token '${holder.name}' has role ${holder.role}; this needs ${needed}` },
      holder,
    };
  return { holder };
}
