/**
 * What one store instance learned about its days, each fact kept against the key of the day's files
 * (day-files.ts), so a file that grows, is compacted or replaced makes it stale: every day's summary
 * (a few numbers), and the rows of the one day kept last (a day read in part, or parsed from segment
 * lines), for the reads that follow it into the same day.
 */
import type { DaySummary } from './day-read.ts';
import type { PredictionLogRows } from './entry.ts';
import { holds, type ReadColumns } from './rows-builder.ts';

/** Summaries of days and the rows of one day, by key. */
export class DayCache {
  private readonly summaries = new Map<string, { key: string; summary: DaySummary }>();
  private kept: { day: string; key: string; columns: ReadColumns; rows: PredictionLogRows } | null = null;

  /** The summary of `day` while its files have key `key`. */
  summary(day: string, key: string): DaySummary | undefined {
    const known = this.summaries.get(day);
    return known?.key === key ? known.summary : undefined;
  }

  /** Remembers the summary of `day` with files of key `key`. */
  rememberSummary(day: string, key: string, summary: DaySummary): void {
    this.summaries.set(day, { key, summary });
  }

  /** The rows kept of `day` while its files have key `key`, if they hold the columns `columns` asks for. */
  rows(day: string, key: string, columns: ReadColumns): PredictionLogRows | undefined {
    const kept = this.kept;
    return kept && kept.day === day && kept.key === key && holds(kept.columns, columns) ? kept.rows : undefined;
  }

  /** Keeps `rows` (every entry of `day`, read with `columns`), forgetting the day kept before. */
  keep(day: string, key: string, columns: ReadColumns, rows: PredictionLogRows): void {
    this.kept = { day, key, columns, rows };
  }
}
