/**
 * A store's access to its days, remembering what it learned (day-cache.ts) while the files stay the
 * same: a day's summary comes from its Parquet files' time column when it is wholly compacted, else
 * from reading it (segment lines are parsed once, then kept); a day's rows are read once for the reads
 * that cut them in parts. A compacted day read whole is handed to the caller as read, not kept.
 */
import { DAY_MS } from './day.ts';
import { withDayFiles } from './day-files.ts';
import { DayCache } from './day-cache.ts';
import { type DaySummary, EMPTY_DAY, hasLines, readOpenedDay, summaryOf } from './day-read.ts';
import type { PredictionLogRows } from './entry.ts';
import type { LogDatabase } from './log-database.ts';
import { type ReadColumns, RowsBuilder } from './rows-builder.ts';

/** A day's rows as read for a caller; `owned`: the caller may keep them (the cache does not hold them). */
export interface DayRows {
  rows: PredictionLogRows;
  owned: boolean;
}

/** Reads days under a log folder through one DuckDB instance, with one cache. */
export class DayReader {
  private readonly cache = new DayCache();

  constructor(private readonly db: LogDatabase) {}

  /**
   * What `day` under the log folder `root` holds. A day with segment lines is read (with `columns`,
   * for the read that follows) and kept.
   */
  async summary(root: string, day: string, columns: ReadColumns): Promise<DaySummary> {
    const summary = await withDayFiles(root, day, async (opened) => {
      const known = this.cache.summary(day, opened.key);
      if (known) return known;
      if (opened.segments.some(hasLines)) {
        const read = await readOpenedDay(opened, this.db, columns, 0);
        this.cache.keep(day, opened.key, columns, read.rows);
        return this.remember(day, opened.key, summaryOf(read.rows));
      }
      const paths = opened.segments.flatMap((s) => (s.parquet ? [s.parquet.file.readPath] : []));
      const parquet = await this.db.summarize(paths, day, { from: opened.start, to: opened.start + DAY_MS });
      return this.remember(day, opened.key, { ...EMPTY_DAY, ...parquet, skipped: opened.refused });
    });
    return summary ?? EMPTY_DAY;
  }

  /**
   * Every entry of `day` in time order, with the `columns` asked for. `whole`: the caller takes all of
   * them, so a compacted day read now is not kept but handed over.
   */
  async rows(root: string, day: string, columns: ReadColumns, whole: boolean): Promise<DayRows> {
    const rows = await withDayFiles(root, day, async (opened) => {
      const kept = this.cache.rows(day, opened.key, columns);
      if (kept) return { rows: kept, owned: false };
      const expected = this.cache.summary(day, opened.key)?.rows ?? 0;
      const read = await readOpenedDay(opened, this.db, columns, expected);
      this.remember(day, opened.key, summaryOf(read.rows));
      if (whole && !read.parsed) return { rows: read.rows, owned: true };
      this.cache.keep(day, opened.key, columns, read.rows);
      return { rows: read.rows, owned: false };
    });
    return rows ?? { rows: new RowsBuilder(columns).build(0), owned: true };
  }

  private remember(day: string, key: string, summary: DaySummary): DaySummary {
    this.cache.rememberSummary(day, key, summary);
    return summary;
  }
}
