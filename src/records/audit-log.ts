/**
 * The audit log, `<output_folder_path>/audit.jsonl` (mode 600): one line per admin action (a cycle
 * started, a deployment, a rollback) and per label upload made through the API, refused ones included:
 * when, by which token (its name, never the token), what, on what, and how it ended. Appended like
 * runs.jsonl (no link followed, one write, synced) and read newest first the same way.
 */
import { z } from 'zod';
import { ROLES } from '../auth/roles.ts';
import { appendLines } from '../data/append-lines.ts';
import { readRunsPage } from './run-log.ts';

export const AUDIT_ACTIONS = ['run', 'deploy', 'rollback', 'labels'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEntrySchema = z.object({
  at: z.string(),
  /** The token's name; null when the server is open without tokens or no valid token was shown. */
  token: z.string().nullable(),
  role: z.enum(ROLES).nullable(),
  action: z.enum(AUDIT_ACTIONS),
  /** What the action was on: a model id, a run id, a label count. */
  target: z.string().nullable(),
  /** ok: done; accepted: started (a cycle); refused: not allowed or not possible (4xx); failed: an error of ours (5xx). */
  outcome: z.enum(['ok', 'accepted', 'refused', 'failed']),
  status: z.number().int(),
  detail: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Appends one entry. */
export async function appendAudit(path: string, entry: AuditEntry): Promise<void> {
  await appendLines(path, [JSON.stringify(entry)], 0o600);
}

/** The newest `limit` entries, newest first (lines that do not parse are left out). */
export async function readAudit(path: string, limit: number): Promise<AuditEntry[]> {
  const page = await readRunsPage(path, {
    limit,
    accept: (raw) => {
      const parsed = auditEntrySchema.safeParse(raw);
      return parsed.success ? parsed.data : null;
    },
  });
  return page.runs;
}
