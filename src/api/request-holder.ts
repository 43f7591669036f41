/**
 * The token holder each request came with, as the access check found it (api/access.ts), for the
 * routes that record who acted (the audit log). A request without one came on an open server.
 */
import type { IncomingMessage } from 'node:http';
import type { TokenHolder } from '../auth/token-registry.ts';

const holders = new WeakMap<IncomingMessage, TokenHolder>();

/** Remembers that `req` came with `holder`'s token. */
export function rememberHolder(req: IncomingMessage, holder: TokenHolder | null): void {
  if (holder) holders.set(req, holder);
}

/** The holder of the token `req` came with; null: none (an open server or route). */
export function holderOf(req: IncomingMessage): TokenHolder | null {
  return holders.get(req) ?? null;
}
