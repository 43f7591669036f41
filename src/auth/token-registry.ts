/**
 * The server's view of the access tokens: tokens.json read when the server is made (synchronously, so
 * no request is ever answered before the tokens are known) and again, in the background, at most once a
 * second when the file changed, so `npm run token -- create` or `revoke` takes effect within about a
 * second without a restart. A presented token is hashed and compared with every stored hash in
 * constant time; a token found valid is remembered (up to 1,000) until the file changes, so a client
 * sending the same token again costs a Map lookup, not a hash (measured: the hash and the comparisons
 * cost ~1.5 µs of a ~100 µs /prediction). A file that cannot be read at start stops the server; later,
 * the last good set stays (and the error is logged).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { constants, fstatSync, openSync, closeSync, readFileSync } from 'node:fs';
import { fileKey } from '../data/file-key.ts';
import { parseJsonText } from '../data/read-json-file.ts';
import { describeError } from '../errors.ts';
import { log } from '../log.ts';
import { tokensFileSchema } from '../records/tokens-file.ts';
import type { Role } from './roles.ts';
import { readTokens } from './token-store.ts';

/** A token's holder as requests see it. */
export interface TokenHolder {
  name: string;
  role: Role;
}

interface Known extends TokenHolder {
  hash: Buffer;
}

/** Valid tokens remembered at most. */
const REMEMBERED = 1000;

/** The text of the tokens file read synchronously without following a link, or null when it does not exist. */
function readTextSync(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    if (!fstatSync(fd).isFile()) throw new Error(`${path}: not a regular file`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** The stored tokens of one file, kept current. */
export class TokenRegistry {
  private known: Known[];
  private readonly remembered = new Map<string, TokenHolder>();
  private key = '';
  private checkedAt = Date.now();
  private refreshing = false;

  constructor(
    private readonly path: string,
    private readonly refreshMs = 1000,
  ) {
    const text = readTextSync(path);
    this.known =
      text === null ? [] : TokenRegistry.index(parseJsonText(text, path, tokensFileSchema, 'tokens file').tokens);
    void fileKey(path).then((key) => {
      this.key = key;
    });
  }

  /** Whether any token exists (then every request but the open ones needs one). */
  get enabled(): boolean {
    this.refreshSoon();
    return this.known.length > 0;
  }

  /** Who holds `token`, or null. */
  lookup(token: string): TokenHolder | null {
    this.refreshSoon();
    const remembered = this.remembered.get(token);
    if (remembered) return remembered;
    const hash = createHash('sha256').update(token).digest();
    let holder: TokenHolder | null = null;
    for (const known of this.known)
      if (timingSafeEqual(known.hash, hash)) holder = { name: known.name, role: known.role };
    if (holder && this.remembered.size < REMEMBERED) this.remembered.set(token, holder);
    return holder;
  }

  /** The holder of the stored token named `name` whose SHA-256 starts with `hashPrefix` (a session's token), or null once revoked. */
  current(name: string, hashPrefix: string): TokenHolder | null {
    this.refreshSoon();
    if (!/^[0-9a-f]{16}$/.test(hashPrefix)) return null;
    const known = this.known.find((k) => k.name === name && k.hash.toString('hex').startsWith(hashPrefix));
    return known ? { name: known.name, role: known.role } : null;
  }

  private static index(tokens: { name: string; role: Role; sha256: string }[]): Known[] {
    return tokens.map((t) => ({ name: t.name, role: t.role, hash: Buffer.from(t.sha256, 'hex') }));
  }

  /** Reads the file again in the background when it may have changed. */
  private refreshSoon(): void {
    const now = Date.now();
    if (this.refreshing || now - this.checkedAt < this.refreshMs) return;
    this.checkedAt = now;
    this.refreshing = true;
    void (async () => {
      try {
        const key = await fileKey(this.path);
        if (key === this.key) return;
        this.known = TokenRegistry.index(await readTokens(this.path));
        this.remembered.clear();
        this.key = key;
      } catch (error) {
        log.error(`tokens: ${describeError(error)}; the tokens read before stay in force`);
      } finally {
        this.refreshing = false;
      }
    })();
  }
}
