/**
 * Opens the files of one day folder for reading: each segment's Parquet file (the one covering the
 * most bytes) and its segment lines. Files are held open while they are read, so a compaction running
 * meanwhile (which renames a new Parquet file in, then removes the segment) cannot change what is read;
 * a file removed between listing and opening makes the listing start again. Links, folders and FIFOs
 * where log files belong are never read: each is counted as one skipped line and logged. The opened
 * files get a key that changes whenever any of them is replaced, grows or is written, so what was
 * read from them can be cached against it.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type OpenedFile, openRegularFile, RefusedFileError } from '../data/open-regular-file.ts';
import { log } from '../log.ts';
import { dayStart } from './day.ts';
import { type OpenedFolder, openFolder } from './folder.ts';
import { listDayFiles } from './segment-names.ts';

/** A segment's files held open. */
export interface OpenedSegment {
  segment: string;
  /** The Parquet file holding the entries of the segment's first `bytes` bytes; `name` relative to the log folder. */
  parquet: { file: OpenedFile; name: string; bytes: number } | null;
  /** The segment's lines; only the bytes after those in the Parquet file are still to be read from it. */
  lines: OpenedFile | null;
  /** Names of Parquet files covering fewer bytes (left by an interrupted compaction): not opened, never read. */
  superseded: string[];
}

/** A day folder's log files held open, segments in name order. */
export interface OpenedDay {
  day: string;
  start: number;
  segments: OpenedSegment[];
  /** Log files refused (links, non-regular files). */
  refused: number;
  /** The identity of what the opened files hold (names, inodes, sizes, modification times). */
  key: string;
}

const ATTEMPTS = 5;

const warned = new Set<string>();

/** Warns (once per process and file) that a log file, named relative to the log folder, was not read. */
export function warnRefused(file: string, reason: string): void {
  if (warned.has(file)) return;
  warned.add(file);
  log.child({ file }).warn(`prediction log: ${file} is ${reason}`);
}

async function openLogFile(folder: OpenedFolder, day: string, name: string): Promise<OpenedFile | null> {
  try {
    return await openRegularFile(join(folder.path, name));
  } catch (error) {
    if (!(error instanceof RefusedFileError)) throw error;
    warnRefused(`${day}/${name}`, error.reason);
    return null;
  }
}

async function closeAll(segments: readonly OpenedSegment[]): Promise<void> {
  for (const s of segments) {
    await s.parquet?.file.close();
    await s.lines?.close();
  }
}

/** The identity of an opened file's content: its inode and modification time, and the size it was opened with. */
async function fileKey(name: string, file: OpenedFile): Promise<string> {
  const info = await stat(file.readPath);
  return `${name}:${info.ino}:${file.size}:${info.mtimeMs}`;
}

/** The identity of what a day's opened files hold. */
async function contentKey(segments: readonly OpenedSegment[], refused: number): Promise<string> {
  const parts = [`refused:${refused}`];
  for (const { segment, parquet, lines } of segments) {
    if (parquet) parts.push(await fileKey(parquet.name, parquet.file));
    if (lines) parts.push(await fileKey(segment, lines));
  }
  return parts.join('|');
}

async function openListed(folder: OpenedFolder, day: string): Promise<OpenedDay> {
  const listing = listDayFiles(await readdir(folder.path, { withFileTypes: true }));
  for (const name of listing.refused) warnRefused(`${day}/${name}`, 'not a regular file: not read');
  let refused = listing.refused.length;
  const segments: OpenedSegment[] = [];
  try {
    for (const files of listing.segments) {
      const opened: OpenedSegment = {
        segment: files.segment,
        parquet: null,
        lines: null,
        superseded: files.superseded,
      };
      segments.push(opened);
      if (files.parquet) {
        const file = await openLogFile(folder, day, files.parquet.name);
        if (file) opened.parquet = { file, name: `${day}/${files.parquet.name}`, bytes: files.parquet.bytes };
        else refused++;
      }
      if (files.lines) {
        opened.lines = await openLogFile(folder, day, files.lines);
        if (!opened.lines) refused++;
      }
    }
    return { day, start: dayStart(day), segments, refused, key: await contentKey(segments, refused) };
  } catch (error) {
    await closeAll(segments);
    throw error;
  }
}

/**
 * Runs `work` on the open files of `day` and its folder, under the log folder `logFolder` (a path that
 * reaches it), then closes them; null when the day folder is gone or refused (a link: logged).
 */
export async function withDayFiles<T>(
  logFolder: string,
  day: string,
  work: (opened: OpenedDay, folder: OpenedFolder) => Promise<T>,
): Promise<T | null> {
  for (let attempt = 1; ; attempt++) {
    let folder: OpenedFolder;
    try {
      folder = await openFolder(join(logFolder, day), day);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      if (!(error instanceof RefusedFileError)) throw error;
      warnRefused(day, error.reason);
      return null;
    }
    try {
      let opened: OpenedDay;
      try {
        opened = await openListed(folder, day);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && attempt < ATTEMPTS) continue;
        throw error;
      }
      try {
        return await work(opened, folder);
      } finally {
        await closeAll(opened.segments);
      }
    } finally {
      await folder.close();
    }
  }
}
