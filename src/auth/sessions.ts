/**
 * Browser sessions: a token shown once at sign-in becomes a signed, expiring session cookie, so the
 * dashboard never keeps the token. The cookie holds the session's id, the token's name, a prefix of the
 * token's hash (so a revoked or re-made token ends its sessions) and the expiry, signed with
 * HMAC-SHA256 under a key made at random when the server starts (a restart signs everyone out; no key
 * is ever written to disk). Each session has a CSRF token derived from its id under the same key, which
 * the page sends back in a header with every action. Signing out ends the session in this process.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The session cookie's name. */
export const SESSION_COOKIE = 'am_session';

/** What a valid session cookie says. */
export interface Session {
  /** The session's id (random, 128 bits). */
  id: string;
  /** The name of the token signed in with. */
  name: string;
  /** The first 16 hex digits of the token's SHA-256. */
  tokenHash: string;
  /** When it ends (ms since the epoch). */
  expiresAt: number;
}

const payloadSchemaKeys = ['id', 'name', 'tokenHash', 'expiresAt'] as const;

/** Issues and checks the session cookies of one server. */
export class SessionKeeper {
  private readonly key = randomBytes(32);
  /** Signed-out sessions, until they would have expired. */
  private readonly ended = new Map<string, number>();

  constructor(readonly lifetimeMs: number) {}

  /** A new session for the token named `name` whose hash starts with `tokenHash`, and its cookie value. */
  issue(name: string, tokenHash: string, now = Date.now()): { session: Session; cookie: string } {
    const session: Session = { id: randomBytes(16).toString('hex'), name, tokenHash, expiresAt: now + this.lifetimeMs };
    const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
    return { session, cookie: `${payload}.${this.sign(payload)}` };
  }

  /** The session a cookie value holds, or null (unsigned, altered, expired, signed out or malformed). */
  verify(cookie: string, now = Date.now()): Session | null {
    const dot = cookie.indexOf('.');
    if (dot <= 0 || cookie.length > 1024) return null;
    const payload = cookie.slice(0, dot);
    const given = Buffer.from(cookie.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.sign(payload), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let session: Session;
    try {
      session = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!payloadSchemaKeys.every((key) => key in session) || typeof session.expiresAt !== 'number') return null;
    if (session.expiresAt <= now || this.ended.has(session.id)) return null;
    return session;
  }

  /** The CSRF token of session `id` (what its page sends in X-CSRF-Token). */
  csrfToken(id: string): string {
    return this.sign(`csrf:${id}`);
  }

  /** Whether `given` is the CSRF token of session `id` (constant time). */
  checkCsrf(id: string, given: string): boolean {
    const expected = Buffer.from(this.csrfToken(id));
    const actual = Buffer.from(given);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  /** Ends `session` (signing out): its cookie is refused from now on. */
  end(session: Session, now = Date.now()): void {
    for (const [id, until] of this.ended) if (until <= now) this.ended.delete(id);
    this.ended.set(session.id, session.expiresAt);
  }

  private sign(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }
}

/** The value of cookie `name` in a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
