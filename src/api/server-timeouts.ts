/**
 * Timeouts that keep slow or idle clients from holding the server's sockets (slowloris): headers must
 * arrive within 10 s and a whole request within 30 s (Node answers 408 and closes the socket), an idle
 * keep-alive socket is closed after 5 s, and the server checks for expired requests every second
 * (Node's default is every 30 s, with a 60 s header and a 300 s request timeout). A legitimate request
 * (at most the 1 MB body limit over loopback or a LAN) needs a tiny fraction of this.
 */
import type { ServerOptions } from 'node:http';

/** Options for node:http createServer. */
export const SERVER_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
} as const satisfies ServerOptions;
