/**
 * Says whether an input folder holds data that a given ingestion record has not seen: a file is new
 * when its name is new or its content hash changed (the seed compared names only, so a corrected file
 * was never picked up).
 */
import { basename } from 'node:path';
import { sha256File } from '../../data/file-hash.ts';
import { RefusedFileError } from '../../data/open-regular-file.ts';
import type { IngestionRecord } from '../../records/ingestion-record.ts';
import { listCsvFiles } from '../../data/list-csv-files.ts';

/** The verdict, with the files behind it. */
export interface NewDataCheck {
  hasNewData: boolean;
  /** Names not in the record. */
  newFiles: string[];
  /** Names in the record whose content changed. */
  changedFiles: string[];
  /** Names in the record that are no longer in the folder (reported, not a reason to ingest). */
  removedFiles: string[];
}

/**
 * The file's sha256, or null when it is no longer a regular file (a link or a FIFO put in its place):
 * then it differs from what was ingested, and ingestion reports it as skipped.
 */
async function contentHash(path: string): Promise<string | null> {
  try {
    return await sha256File(path);
  } catch (error) {
    if (error instanceof RefusedFileError) return null;
    throw error;
  }
}

/** Compares the *.csv files of `folder` (names and sha256) with `record` (null: everything is new). */
export async function checkForNewData(folder: string, record: IngestionRecord | null): Promise<NewDataCheck> {
  const known = new Map((record?.files ?? []).map((f) => [f.name, f.sha256]));
  const newFiles: string[] = [];
  const changedFiles: string[] = [];
  const present = new Set<string>();
  for (const path of await listCsvFiles(folder)) {
    const name = basename(path);
    present.add(name);
    const previous = known.get(name);
    if (previous === undefined) newFiles.push(name);
    else if (previous !== (await contentHash(path))) changedFiles.push(name);
  }
  const removedFiles = [...known.keys()].filter((name) => !present.has(name));
  return { hasNewData: newFiles.length + changedFiles.length > 0, newFiles, changedFiles, removedFiles };
}
