/**
 * UTC days, the prediction log's unit of storage: each day's entries live in a folder named
 * `YYYY-MM-DD`, so a time range touches only the folders of the days it overlaps.
 */

/** Milliseconds in a UTC day. */
export const DAY_MS = 86_400_000;

/** The first millisecond after year 9999 (a four-digit year keeps day names and ISO times fixed-width). */
const END_OF_YEAR_9999 = 253_402_300_800_000;

const DAY_NAME = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `time` (ms since the epoch) is a time the log can store: an instant from 1970 to year 9999. */
export function isLoggableTime(time: number): boolean {
  return Number.isFinite(time) && time >= 0 && time < END_OF_YEAR_9999;
}

/** The UTC day of a loggable time, as `YYYY-MM-DD`. */
export function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The first millisecond of day `day`, or NaN when `day` is not a day name (a real date, `YYYY-MM-DD`). */
export function dayStart(day: string): number {
  if (!DAY_NAME.test(day)) return Number.NaN;
  const start = Date.parse(`${day}T00:00:00.000Z`);
  return Number.isFinite(start) && dayOf(start) === day ? start : Number.NaN;
}
