/**
 * Calendar chunks of the prediction log: the UTC day, week (Monday to Monday, as pandas' weekly period
 * that NannyML's PeriodBasedChunker uses with freq 'W') or month holding a moment.
 */

/** How the log is cut: a UTC calendar period or a number of consecutive rows (config `monitoring.chunk`). */
export type ChunkSpec = { period: 'day' | 'week' | 'month' } | { size: number };

const DAY_MS = 86_400_000;

/** [start, end) in milliseconds of the UTC `period` holding the moment `time` (ms since the epoch). */
export function periodBounds(time: number, period: 'day' | 'week' | 'month'): { start: number; end: number } {
  const day = Math.floor(time / DAY_MS);
  if (period === 'day') return { start: day * DAY_MS, end: (day + 1) * DAY_MS };
  if (period === 'week') {
    const monday = day - ((day + 3) % 7); // 1970-01-01 was a Thursday: (day + 3) mod 7 counts days since Monday
    return { start: monday * DAY_MS, end: (monday + 7) * DAY_MS };
  }
  const date = new Date(time);
  return {
    start: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1),
    end: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1),
  };
}

/** The periods covering [first, last], in order. */
export function periodsBetween(
  first: number,
  last: number,
  period: 'day' | 'week' | 'month',
): { start: number; end: number }[] {
  const periods: { start: number; end: number }[] = [];
  for (let bounds = periodBounds(first, period); bounds.start <= last; bounds = periodBounds(bounds.end, period)) {
    periods.push(bounds);
  }
  return periods;
}
