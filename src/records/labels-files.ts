/**
 * labels_files.json: each labels file read from the labels folder, by name, with its content's hash and
 * identity (inode, size, time) and what it held, so that a file is read again only when it changed.
 */
import { z } from 'zod';
import { readJsonFileOrNull } from '../data/read-json-file.ts';

const count = z.number().int().nonnegative();

/** One labels file as it was last read. */
export const labelsFileEntrySchema = z.object({
  name: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** data/file-key.ts: changes whenever the file is replaced or written. */
  key: z.string(),
  bytes: count,
  read_at: z.string(),
  rows_read: count,
  rows_valid: count,
  rows_rejected: count,
  stored: count,
  duplicates: count,
  conflicts: count,
  /** Why the whole file was skipped, or null when it was read. */
  skipped: z.string().nullable(),
});

export const labelsFilesRecordSchema = z.object({
  format_version: z.literal(1),
  files: z.array(labelsFileEntrySchema),
});

export type LabelsFileEntry = z.infer<typeof labelsFileEntrySchema>;
export type LabelsFilesRecord = z.infer<typeof labelsFilesRecordSchema>;

/** The record at `path`; an absent or unreadable one is empty (every file is then read again: labels are idempotent). */
export async function readLabelsFilesRecord(path: string): Promise<LabelsFilesRecord> {
  return (await readJsonFileOrNull(path, labelsFilesRecordSchema)) ?? { format_version: 1, files: [] };
}
