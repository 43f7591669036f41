/**
 * The deployment history (`deployments.json`): every deploy and rollback with its time, in order. The
 * live version is what `current` points to; the history says when each version went live and which
 * version a rollback returns to.
 */
import { z } from 'zod';
import { writeJsonAtomic } from '../data/atomic-write.ts';
import { readJsonFile } from '../data/read-json-file.ts';

/** One switch of the live version. */
export const historyEntrySchema = z.object({
  model_id: z.string().min(1),
  action: z.enum(['deploy', 'rollback']),
  at: z.string(),
  /** The version that was live before this switch, or null for the first deployment. */
  previous: z.string().nullable(),
});

export const historySchema = z.object({ format_version: z.literal(1), entries: z.array(historyEntrySchema) });

export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** Reads the history; an absent file is an empty history. */
export async function readHistory(path: string): Promise<HistoryEntry[]> {
  return (await readJsonFile(path, historySchema, 'deployment history'))?.entries ?? [];
}

/** Appends one entry (the whole file is rewritten atomically). */
export async function appendHistory(path: string, entry: HistoryEntry): Promise<void> {
  const entries = await readHistory(path);
  await writeJsonAtomic(path, { format_version: 1, entries: [...entries, entry] });
}

/**
 * The stack of live versions the history implies: a deploy pushes its version, a rollback pops the
 * version it replaced. The last element is live; the one before it is where a rollback goes.
 */
export function liveStack(entries: readonly HistoryEntry[]): string[] {
  const stack: string[] = [];
  for (const entry of entries) {
    if (entry.action === 'deploy') stack.push(entry.model_id);
    else {
      stack.pop();
      if (stack.at(-1) !== entry.model_id) stack.push(entry.model_id);
    }
  }
  return stack;
}

/** When `modelId` last went live, according to the history (null when it is not recorded). */
export function wentLiveAt(entries: readonly HistoryEntry[], modelId: string): string | null {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.model_id === modelId) return entries[i]!.at;
  return null;
}
