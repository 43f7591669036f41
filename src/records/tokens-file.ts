/**
 * tokens.json (server.tokens_file, default in the output folder; mode 600): the access tokens by name,
 * each kept as the SHA-256 of the token (a token is 256 random bits: a hash that cannot be reversed,
 * no slow hash needed), its role and when it was made. The token itself is printed once, never stored.
 */
import { z } from 'zod';
import { ROLES } from '../auth/roles.ts';

export const storedTokenSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  role: z.enum(ROLES),
  /** Hex SHA-256 of the token. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  created_at: z.iso.datetime(),
});
export type StoredToken = z.infer<typeof storedTokenSchema>;

export const tokensFileSchema = z.object({ tokens: z.array(storedTokenSchema) });
export type TokensFile = z.infer<typeof tokensFileSchema>;
