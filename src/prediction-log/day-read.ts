/**
 * Reading one day: its Parquet files through DuckDB and the rest of its segments line by line, in write
 * order (segment name, then the Parquet file's rows before the segment's later lines).
 */
import { DAY_MS } from './day.ts';
import { withDayFiles } from './day-files.ts';
import type { LogEntry } from './entry-line.ts';
import type { LogDatabase } from './log-database.ts';
import { readSegmentLines } from './segment-reader.ts';

/** What a day holds: entries, the first and last entry's time (±Infinity when none), lines skipped. */
export interface DaySummary {
  rows: number;
  first: number;
  last: number;
  skipped: number;
}

/**
 * Hands the entries of `day` whose time is in [from, to) to `onEntry` in write order; returns the lines
 * skipped (unreadable lines and refused files). A day folder that is gone holds nothing.
 */
export async function readDay(
  logFolder: string,
  day: string,
  db: LogDatabase,
  range: { from: number; to: number },
  onEntry: (entry: LogEntry) => void,
): Promise<number> {
  const skipped = await withDayFiles(logFolder, day, async (opened) => {
    // entries hold whole milliseconds: t >= from exactly when t >= ceil(from)
    const from = Math.max(opened.start, Math.ceil(range.from));
    const to = Math.min(opened.start + DAY_MS, Math.ceil(range.to));
    let skipped = opened.refused;
    if (from >= to) return skipped;
    for (const segment of opened.segments) {
      const compacted = segment.parquet?.bytes ?? 0;
      if (segment.parquet)
        await db.readParquet(segment.parquet.file.readPath, segment.parquet.name, { from, to }, onEntry);
      if (segment.jsonl && segment.jsonl.size > compacted) {
        const counts = await readSegmentLines(
          segment.jsonl.readPath,
          { start: compacted, end: segment.jsonl.size },
          { dayStart: opened.start, from, to },
          onEntry,
        );
        skipped += counts.skipped;
      }
    }
    return skipped;
  });
  return skipped ?? 0;
}

/** The entries, first and last time, and lines skipped of `day` (Parquet counts come from the files' metadata). */
export async function summarizeDay(logFolder: string, day: string, db: LogDatabase): Promise<DaySummary> {
  const summary = await withDayFiles(logFolder, day, async (opened) => {
    const parquetPaths = opened.segments.flatMap((s) => (s.parquet ? [s.parquet.file.readPath] : []));
    const parquet = await db.summarize(parquetPaths, day);
    const result: DaySummary = {
      rows: parquet?.rows ?? 0,
      first: parquet?.first ?? Number.POSITIVE_INFINITY,
      last: parquet?.last ?? Number.NEGATIVE_INFINITY,
      skipped: opened.refused,
    };
    const wholeDay = { dayStart: opened.start, from: opened.start, to: opened.start + DAY_MS };
    for (const segment of opened.segments) {
      const compacted = segment.parquet?.bytes ?? 0;
      if (!segment.jsonl || segment.jsonl.size <= compacted) continue;
      const counts = await readSegmentLines(
        segment.jsonl.readPath,
        { start: compacted, end: segment.jsonl.size },
        wholeDay,
        (entry) => {
          if (entry.time < result.first) result.first = entry.time;
          if (entry.time > result.last) result.last = entry.time;
        },
      );
      result.rows += counts.entries;
      result.skipped += counts.skipped;
    }
    return result;
  });
  return summary ?? { rows: 0, first: Number.POSITIVE_INFINITY, last: Number.NEGATIVE_INFINITY, skipped: 0 };
}
