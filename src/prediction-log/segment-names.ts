/**
 * Names inside a day folder. Each writing process appends to its own segment, `<segment>.log`, named
 * by its start time, pid and a random suffix (no two processes ever append to one file). Compaction
 * writes `<segment>@<N>.parquet`: the entries of the segment's first N bytes. A segment with both files
 * is read as the Parquet file plus the segment's bytes after N, so a compaction interrupted between
 * writing the Parquet file and removing the segment neither duplicates nor loses an entry.
 */
import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';

const SEGMENT = /^([\w-]+)\.log$/;
const PARQUET = /^([\w-]+)@(\d+)\.parquet$/;

/** A fresh segment name: `<UTC start time, compact>-<pid>-<8 hex digits>`, so names sort by start time. */
export function newSegmentName(now = Date.now()): string {
  const time = new Date(now).toISOString().replace(/[-:.]/g, '');
  return `${time}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** The file name of a segment's lines. */
export function segmentFileName(segment: string): string {
  return `${segment}.log`;
}

/** The file name of a segment's compacted first `bytes` bytes. */
export function parquetFileName(segment: string, bytes: number): string {
  return `${segment}@${bytes}.parquet`;
}

/** The files of one segment in a day folder. */
export interface SegmentFiles {
  segment: string;
  /** The segment's lines, if the file is still there. */
  lines: string | null;
  /** The Parquet file covering the most bytes, if any: it holds the entries of the first `bytes` bytes. */
  parquet: { name: string; bytes: number } | null;
  /** Parquet files covering fewer bytes than `parquet` (left by an interrupted compaction): ignored. */
  superseded: string[];
}

/** What a day folder holds: its segments (by name) and the entries that are not regular files. */
export interface DayListing {
  segments: SegmentFiles[];
  /** Log file names that are links, folders, FIFOs...: never read. */
  refused: string[];
}

/** Groups a day folder's entries by segment; names that are not log files (temporary files...) are ignored. */
export function listDayFiles(entries: readonly Dirent[]): DayListing {
  const bySegment = new Map<string, SegmentFiles>();
  const refused: string[] = [];
  const files = (segment: string): SegmentFiles => {
    let found = bySegment.get(segment);
    if (!found) {
      found = { segment, lines: null, parquet: null, superseded: [] };
      bySegment.set(segment, found);
    }
    return found;
  };
  for (const entry of entries) {
    const segment = SEGMENT.exec(entry.name);
    const parquet = segment ? null : PARQUET.exec(entry.name);
    if (!segment && !parquet) continue;
    if (!entry.isFile()) {
      refused.push(entry.name);
    } else if (segment) {
      files(segment[1]!).lines = entry.name;
    } else if (parquet) {
      const found = files(parquet[1]!);
      const bytes = Number(parquet[2]);
      if (found.parquet && found.parquet.bytes >= bytes) {
        found.superseded.push(entry.name);
      } else {
        if (found.parquet) found.superseded.push(found.parquet.name);
        found.parquet = { name: entry.name, bytes };
      }
    }
  }
  const segments = [...bySegment.values()].sort((a, b) => (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0));
  return { segments, refused: refused.sort() };
}
