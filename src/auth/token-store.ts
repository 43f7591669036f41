/**
 * The access tokens (`npm run token`): a token is `atm_` and 256 random bits in base64url, printed
 * once when made; tokens.json keeps its SHA-256, name and role (records/tokens-file.ts), mode 600,
 * replaced atomically under a lock so two commands never lose each other's change.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Config } from '../config.ts';
import { jsonText, writeFileAtomic } from '../data/atomic-write.ts';
import { acquireLockWaiting } from '../data/file-lock.ts';
import { readRegularTextOrNull } from '../data/open-regular-file.ts';
import { parseJsonText } from '../data/read-json-file.ts';
import { AppError } from '../errors.ts';
import { outputFolderLayout } from '../records/output-layout.ts';
import { type StoredToken, tokensFileSchema } from '../records/tokens-file.ts';
import type { Role } from './roles.ts';

/** What a token's name may be. */
const TOKEN_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** How long a token command waits for another one. */
const LOCK_WAIT_MS = 10_000;

/** The tokens file of `config`. */
export function tokensPath(config: Pick<Config, 'server' | 'output_folder_path'>): string {
  return config.server.tokens_file ?? outputFolderLayout(config.output_folder_path).tokens;
}

/** A new token. */
export function newToken(): string {
  return `atm_${randomBytes(32).toString('base64url')}`;
}

/** The hex SHA-256 a token is kept as. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The stored tokens (none when the file does not exist); the file is opened once, not through a link. */
export async function readTokens(path: string): Promise<StoredToken[]> {
  const text = await readRegularTextOrNull(path);
  if (text === null) return [];
  return parseJsonText(text, path, tokensFileSchema, 'tokens file').tokens;
}

/** Changes the stored tokens with `change`, under the lock. */
async function update(path: string, change: (tokens: StoredToken[]) => StoredToken[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const lock = await acquireLockWaiting(`${path}.lock`, LOCK_WAIT_MS);
  try {
    const tokens = change(await readTokens(path));
    await writeFileAtomic(path, jsonText({ tokens }), 0o600);
  } finally {
    await lock.release();
  }
}

/** Makes a token named `name` with `role`; returns it (the only time it is seen). A 409 when the name is taken. */
export async function createToken(path: string, name: string, role: Role, now = new Date()): Promise<string> {
  if (!TOKEN_NAME.test(name))
    throw new AppError(400, `a token name is 1 to 64 letters, digits, _ . or - (got '${name}')`);
  const token = newToken();
  await update(path, (tokens) => {
    if (tokens.some((t) => t.name === name))
      throw new AppError(409, `a token named '${name}' exists; revoke it first or choose another name`);
    return [...tokens, { name, role, sha256: tokenHash(token), created_at: now.toISOString() }];
  });
  return token;
}

/** Removes the token named `name`; whether there was one. */
export async function revokeToken(path: string, name: string): Promise<boolean> {
  let found = false;
  await update(path, (tokens) => {
    found = tokens.some((t) => t.name === name);
    return tokens.filter((t) => t.name !== name);
  });
  return found;
}
