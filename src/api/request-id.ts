/**
 * The id of each answered /prediction request: a random UUID (v4), made by the server, sent back in the
 * x-request-id header and kept with the request's predictions in the log. A caller's own x-request-id
 * is not taken: ids stay unique across processes and restarts without coordination, and no caller can
 * make its entries pass for another request's. randomUUID costs ~135 ns on this project's 2-core
 * machine (a per-process prefix plus a counter ~27 ns, but it tells callers how many requests were
 * answered); a request takes ~100 µs.
 */
import { randomUUID } from 'node:crypto';

/** The response header that names the request id. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A new request id. */
export function newRequestId(): string {
  return randomUUID();
}
