/**
 * What each request came with, as the access check found it (api/access.ts): the token's holder and
 * the browser session, for the routes that record who acted (the audit log) or show it (the dashboard).
 * A request without a holder came on an open server or to an open route.
 */
import type { IncomingMessage } from 'node:http';
import type { Session } from '../auth/sessions.ts';
import type { TokenHolder } from '../auth/token-registry.ts';

interface RequestAccess {
  holder: TokenHolder | null;
  session: Session | null;
}

/**
 * Kept on the request under a symbol, not in a WeakMap, whose entry per request the garbage collector
 * must trace as an ephemeron (bench api --auth --same-server, 100 records: 9.6 % slower with a token
 * with the WeakMap, 0.0 % with the symbol; single scenarios vary by several % on this machine).
 */
const ACCESS = Symbol('access');

type WithAccess = IncomingMessage & { [ACCESS]?: RequestAccess };

/** Remembers what `req` came with. */
export function rememberAccess(req: IncomingMessage, access: RequestAccess): void {
  if (access.holder) (req as WithAccess)[ACCESS] = access;
}

/** The holder of the token `req` came with; null: none (an open server or route). */
export function holderOf(req: IncomingMessage): TokenHolder | null {
  return (req as WithAccess)[ACCESS]?.holder ?? null;
}

/** The browser session `req` came with, or null. */
export function sessionOf(req: IncomingMessage): Session | null {
  return (req as WithAccess)[ACCESS]?.session ?? null;
}
