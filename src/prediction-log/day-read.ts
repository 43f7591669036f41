/**
 * Reading one day whole: its Parquet files through DuckDB and the rest of its segments line by line,
 * in write order (segment name, then the Parquet file's rows before the segment's later lines), into
 * columns in time order. Ranges are cut from a day's rows by the store (file-store.ts).
 */
import { DAY_MS } from './day.ts';
import type { OpenedDay, OpenedSegment } from './day-files.ts';
import type { PredictionLogRows } from './entry.ts';
import type { LogDatabase } from './log-database.ts';
import { type ReadColumns, RowsBuilder } from './rows-builder.ts';
import { readSegmentLines } from './segment-reader.ts';

/** What a day holds: entries, the first and last entry's time (±Infinity when none), lines skipped. */
export interface DaySummary {
  rows: number;
  first: number;
  last: number;
  skipped: number;
}

/** A day's entries, read. */
export interface ReadDay {
  /** Every entry of the day in time order; `skipped` counts the day's unreadable lines and refused files. */
  rows: PredictionLogRows;
  /** Whether segment lines were parsed (the day is not wholly compacted). */
  parsed: boolean;
}

/** The summary of a day without entries. */
export const EMPTY_DAY: DaySummary = {
  rows: 0,
  first: Number.POSITIVE_INFINITY,
  last: Number.NEGATIVE_INFINITY,
  skipped: 0,
};

/** Whether a segment has lines that no Parquet file holds yet. */
export function hasLines(segment: OpenedSegment): boolean {
  return segment.lines !== null && segment.lines.size > (segment.parquet?.bytes ?? 0);
}

/** The summary of a day's rows (in time order). */
export function summaryOf(rows: PredictionLogRows): DaySummary {
  if (rows.rows === 0) return { ...EMPTY_DAY, skipped: rows.skipped };
  return { rows: rows.rows, first: rows.time[0]!, last: rows.time[rows.rows - 1]!, skipped: rows.skipped };
}

/**
 * Reads every entry of the opened day, with the `columns` asked for; `expectedRows` (when known) lets
 * the columns be allocated once.
 */
export async function readOpenedDay(
  opened: OpenedDay,
  db: LogDatabase,
  columns: ReadColumns,
  expectedRows: number,
): Promise<ReadDay> {
  const rows = new RowsBuilder(columns, expectedRows);
  const add = rows.add.bind(rows);
  const wholeDay = { from: opened.start, to: opened.start + DAY_MS };
  let skipped = opened.refused;
  let parsed = false;
  for (const segment of opened.segments) {
    if (segment.parquet) await db.readParquet(segment.parquet.file.readPath, segment.parquet.name, wholeDay, rows);
    if (hasLines(segment)) {
      const counts = await readSegmentLines(
        segment.lines!.readPath,
        { start: segment.parquet?.bytes ?? 0, end: segment.lines!.size },
        { dayStart: opened.start, ...wholeDay },
        add,
      );
      skipped += counts.skipped;
      parsed = true;
    }
  }
  await rows.hashIds((ids) => db.hashIds(ids));
  return { rows: rows.build(skipped), parsed };
}
