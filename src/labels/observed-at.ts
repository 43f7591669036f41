/**
 * When a label was observed, as both ways in accept it: an ISO 8601 date (`2027-03-01`, UTC midnight)
 * or date and time with a UTC offset (`2027-03-01T00:00:00Z`, `2027-03-01T09:30:00.5+01:00`). A time
 * without an offset is refused rather than read in the server's zone.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The latest time accepted: the end of the year 9999. */
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Milliseconds since the epoch of `text`, or the reason it is not an observation time. */
export function parseObservedAt(text: string): number | string {
  const value = text.trim();
  if (value === '') return 'missing value';
  let time = Number.NaN;
  const date = DATE.exec(value);
  if (date) {
    const [year, month, day] = date.slice(1).map(Number) as [number, number, number];
    time = Date.UTC(year, month - 1, day);
    const back = new Date(time);
    if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) time = Number.NaN; // 2027-02-30, 2027-13-01
  } else if (DATE_TIME.test(value)) {
    time = Date.parse(value);
  }
  if (Number.isNaN(time))
    return 'expected an ISO 8601 date (2027-03-01) or date-time with an offset (2027-03-01T00:00:00Z)';
  if (time < 0 || time > LATEST) return 'must lie between 1970 and 9999';
  return time;
}
