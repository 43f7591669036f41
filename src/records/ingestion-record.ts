/**
 * The ingestion record: which files were ingested, with content hashes and row counts.
 * `ingestedfiles.txt` keeps the seed's format (names, one per line); `ingestedfiles.json` holds the
 * full record and is what later runs compare the input folder against.
 */
import { z } from 'zod';
import { readJsonFile } from '../data/read-json-file.ts';

const count = z.number().int().nonnegative();

/** One input file as ingestion saw it. */
export const ingestedFileSchema = z.object({
  name: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: count,
  rows_read: count,
  rows_kept: count,
  rows_rejected: count,
  rows_duplicate: count,
  /** Why the whole file was skipped (bad header, empty, binary), or null when it was read. */
  skipped: z.string().nullable(),
  ingested_at: z.string(),
});

/** The whole record of one ingestion. */
export const ingestionRecordSchema = z.object({
  format_version: z.literal(1),
  ingested_at: z.string(),
  input_folder: z.string(),
  files: z.array(ingestedFileSchema),
  rows_read: count,
  rows_rejected: count,
  duplicates_removed: count,
  rows_final: count,
});

export type IngestedFile = z.infer<typeof ingestedFileSchema>;
export type IngestionRecord = z.infer<typeof ingestionRecordSchema>;

/** The seed's text form: names of the files whose rows were read, one per line. */
export function ingestedFilesText(record: IngestionRecord): string {
  return record.files
    .filter((f) => f.skipped === null)
    .map((f) => `${f.name}\n`)
    .join('');
}

/** Reads and validates an ingestedfiles.json; null when the file does not exist. */
export async function readIngestionRecord(path: string): Promise<IngestionRecord | null> {
  return readJsonFile(path, ingestionRecordSchema, 'ingestion record');
}
