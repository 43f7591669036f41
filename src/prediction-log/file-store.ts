/**
 * The prediction log on disk, under `<output_folder_path>/prediction_log/`: one folder per UTC day,
 * in which each writing process appends JSON lines to its own segment and compaction turns the
 * segments of closed days into Parquet files (see segment-names.ts for the names, entry-line.ts for
 * the line format). Reads touch only the days they need, each read whole and cut (day-reader.ts keeps
 * what a read learned for the next ones); Parquet files are read through the store's own DuckDB
 * instance, opened on first need.
 */
import { TextBuffer } from './text-buffer.ts';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '../log.ts';
import { DAY_MS, dayOf, dayStart, isLoggableTime } from './day.ts';
import { warnRefused } from './day-files.ts';
import { compactDay } from './compact-day.ts';
import { DayReader } from './day-reader.ts';
import type {
  PredictionLogBatch,
  PredictionLogRange,
  PredictionLogReadOptions,
  PredictionLogRows,
  PredictionLogStore,
} from './entry.ts';
import { formatBatch } from './entry-line.ts';
import { openFolder } from './folder.ts';
import type { IdHashes } from './id-hash.ts';
import { LogDatabase } from './log-database.ts';
import type { ReadColumns } from './rows-builder.ts';
import { joinPieces, type RowsPiece, timeSpan } from './rows-pieces.ts';
import { SegmentAppender } from './segment-appender.ts';

/** A day is closed for writing this long after its end (late flushes); compaction waits for it. */
export const CLOSE_GRACE_MS = 3_600_000;

/** A day folder found in the log folder. */
interface DayFolder {
  day: string;
  start: number;
}

/** The log folder's day folders, and the names of days that are not folders. */
interface DayListing {
  days: DayFolder[];
  refused: DayFolder[];
}

/** The log kept as files (see the module comment). */
export class FilePredictionLogStore implements PredictionLogStore {
  private readonly appender: SegmentAppender;
  private readonly db = new LogDatabase();
  private readonly days = new DayReader(this.db);
  private appending: Promise<unknown> = Promise.resolve();
  /** The text of an append's first day, kept for the next (appends run one at a time): grown once, not per flush. */
  private readonly text = new TextBuffer();

  /** `folder`: the log folder, `<output_folder_path>/prediction_log` (created on the first append). */
  constructor(private readonly folder: string) {
    this.appender = new SegmentAppender(folder);
  }

  /**
   * Writes the entries of `batches` to this process's segment of each entry's day, one write per day,
   * durable when the promise resolves; all or nothing. Appends run one at a time. A batch whose time
   * cannot be stored (not a time between 1970 and year 9999) is left out and logged.
   */
  append(batches: readonly PredictionLogBatch[]): Promise<void> {
    const run = this.appending.then(() => this.appender.append(linesByDay(batches, this.text)));
    this.appending = run.catch(() => {});
    return run;
  }

  /** The first and last entry's time and the number of entries, or null for an empty log. */
  async bounds(): Promise<{ first: number; last: number; rows: number } | null> {
    const root = await this.openRoot();
    if (!root) return null;
    try {
      let first = Number.POSITIVE_INFINITY;
      let last = Number.NEGATIVE_INFINITY;
      let rows = 0;
      for (const { day } of (await this.listDays(root.path)).days) {
        const summary = await this.days.summary(root.path, day, { ids: false, idHashes: false });
        rows += summary.rows;
        first = Math.min(first, summary.first);
        last = Math.max(last, summary.last);
      }
      return rows > 0 ? { first, last, rows } : null;
    } finally {
      await root.close();
    }
  }

  /**
   * The entries of a time range [from, to) or of a row range (rows in time order), sorted by time, ties
   * in write order; without request ids and ids when `options.ids` is false, with id hashes when
   * `options.idHashes`. Only the days the range
   * needs are read; a row range counts the days before it (compacted days from their Parquet files'
   * time column).
   */
  async read(range: PredictionLogRange, options: PredictionLogReadOptions = {}): Promise<PredictionLogRows> {
    const columns: ReadColumns = { ids: options.ids ?? true, idHashes: options.idHashes ?? false };
    const root = await this.openRoot();
    if (!root) return joinPieces([], columns, 0);
    try {
      const listing = await this.listDays(root.path);
      return 'from' in range
        ? await this.readTimeRange(root.path, listing, range, columns)
        : await this.readRowRange(root.path, listing.days, range, columns);
    } finally {
      await root.close();
    }
  }

  /** The hashes of `ids` as reads give them: DuckDB's (id-hash.ts). */
  hashIds(ids: readonly string[]): Promise<IdHashes> {
    return this.db.hashIds(ids);
  }

  private async readTimeRange(
    root: string,
    listing: DayListing,
    { from, to }: { from: number; to: number },
    columns: ReadColumns,
  ): Promise<PredictionLogRows> {
    if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError('a time range needs two numbers');
    const overlaps = ({ start }: DayFolder) => start < to && start + DAY_MS > from;
    const pieces: RowsPiece[] = [];
    let skipped = listing.refused.filter(overlaps).length;
    for (const { day, start } of listing.days.filter(overlaps)) {
      const { rows, owned } = await this.days.rows(root, day, columns, from <= start && to >= start + DAY_MS);
      skipped += rows.skipped;
      pieces.push({ rows, ...timeSpan(rows, from, to), owned });
    }
    return joinPieces(pieces, columns, skipped);
  }

  private async readRowRange(
    root: string,
    days: readonly DayFolder[],
    { offset, limit }: { offset: number; limit: number },
    columns: ReadColumns,
  ): Promise<PredictionLogRows> {
    if (!(Number.isInteger(offset) && offset >= 0 && Number.isInteger(limit) && limit >= 0))
      throw new RangeError('a row range needs a non-negative integer offset and limit');
    const pieces: RowsPiece[] = [];
    /** Entries of the days before the current one. */
    let before = 0;
    let skipped = 0;
    for (const { day } of days) {
      if (limit === 0 || before >= offset + limit) break;
      const { rows: count } = await this.days.summary(root, day, columns);
      if (before + count <= offset) {
        before += count;
        continue;
      }
      const start = Math.max(0, offset - before);
      const end = Math.min(count, offset + limit - before);
      const { rows, owned } = await this.days.rows(root, day, columns, start === 0 && end === count);
      skipped += rows.skipped;
      // the day's files may have changed since its summary: cut what was read
      pieces.push({ rows, start: Math.min(start, rows.rows), end: Math.min(end, rows.rows), owned });
      before += rows.rows;
    }
    return joinPieces(pieces, columns, skipped);
  }

  /**
   * Compacts the segments of every closed day (ended at least CLOSE_GRACE_MS before `now`) into Parquet
   * files; returns the segments compacted, entries written and lines skipped.
   */
  async compact(now: number): Promise<{ segments: number; rows: number; skipped: number }> {
    const total = { segments: 0, rows: 0, skipped: 0 };
    const root = await this.openRoot();
    if (!root) return total;
    try {
      for (const { day, start } of (await this.listDays(root.path)).days) {
        if (now < start + DAY_MS + CLOSE_GRACE_MS) continue;
        const counts = await compactDay(root.path, day, this.db);
        total.segments += counts.segments;
        total.rows += counts.rows;
        total.skipped += counts.skipped;
      }
      return total;
    } finally {
      await root.close();
    }
  }

  /** Removes the day folders whose day ended more than `retentionDays` days before `now`; returns their names. */
  async expire(now: number, retentionDays: number): Promise<{ removedDays: string[] }> {
    const removedDays: string[] = [];
    const root = await this.openRoot();
    if (!root) return { removedDays };
    try {
      for (const { day, start } of (await this.listDays(root.path)).days) {
        if (now - (start + DAY_MS) <= retentionDays * DAY_MS) continue;
        // rm removes links inside without following them; the day folder itself was listed as a folder
        await rm(join(root.path, day), { recursive: true, force: true });
        removedDays.push(day);
      }
      if (removedDays.length > 0) await root.sync();
      return { removedDays };
    } finally {
      await root.close();
    }
  }

  /** Closes this process's segments and the DuckDB instance (a later call opens what it needs again). */
  async close(): Promise<void> {
    await this.appending;
    await this.appender.close();
    await this.db.close();
  }

  /** The log folder held open, or null when it does not exist yet. */
  private async openRoot() {
    try {
      return await openFolder(this.folder, this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** The day folders, oldest first, and the entries with a day's name that are not folders (links: logged, never followed). */
  private async listDays(root: string): Promise<DayListing> {
    const listing: DayListing = { days: [], refused: [] };
    for (const entry of await readdir(root, { withFileTypes: true })) {
      const start = dayStart(entry.name);
      if (Number.isNaN(start)) continue;
      if (entry.isDirectory()) {
        listing.days.push({ day: entry.name, start });
      } else {
        warnRefused(entry.name, 'not a folder (a link is not followed): not read');
        listing.refused.push({ day: entry.name, start });
      }
    }
    listing.days.sort((a, b) => a.start - b.start);
    return listing;
  }
}

/**
 * The lines of `batches`, grouped by the UTC day of each batch's time (batches in order within a day);
 * the first day's lines go to `reused`, emptied first.
 */
function linesByDay(batches: readonly PredictionLogBatch[], reused: TextBuffer): Map<string, Buffer> {
  reused.clear();
  const parts = new Map<string, TextBuffer>();
  let unstorable = 0;
  for (const batch of batches) {
    if (!isLoggableTime(batch.time)) {
      unstorable += batch.probabilities.length;
      continue;
    }
    if (batch.probabilities.length === 0) continue;
    const day = dayOf(batch.time);
    const text = parts.get(day) ?? (parts.size === 0 ? reused : new TextBuffer());
    parts.set(day, text);
    text.append(formatBatch(batch));
  }
  if (unstorable > 0) log.warn({ entries: unstorable }, 'prediction log: entries with an invalid time left out');
  return new Map([...parts].map(([day, text]) => [day, text.bytes()]));
}
