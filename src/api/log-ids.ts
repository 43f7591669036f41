/**
 * The ids the prediction log keeps for each predicted row: a record's `id`, else its `corporation`,
 * else null (an empty string counts as none, as an empty id field of a CSV file does). The API refuses
 * an `id` longer than MAX_ID_LENGTH, but a corporation name may be longer (the request schema takes up
 * to 1000 characters, a CSV file any length: valid data for ingestion), so ids are cut to their first
 * MAX_ID_LENGTH characters, never in the middle of a surrogate pair.
 */
import { ID_COLUMN } from '../data/schema.ts';
import { MAX_ID_LENGTH } from '../prediction-log/entry.ts';
import type { PredictionRecord } from './schemas.ts';

/** The row ids of one prediction, null when no row has one. */
export type LogIds = readonly (string | null)[] | null;

/** `id` cut to at most MAX_ID_LENGTH UTF-16 units (one less when the cut would split a surrogate pair). */
export function logId(id: string): string {
  if (id.length <= MAX_ID_LENGTH) return id;
  const last = id.charCodeAt(MAX_ID_LENGTH - 1);
  return id.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_ID_LENGTH - 1 : MAX_ID_LENGTH);
}

/** `ids` made what the log keeps, in place (empty ones null, long ones cut); null when none has one. */
export function logIds(ids: (string | null)[]): LogIds {
  let any = false;
  for (let row = 0; row < ids.length; row++) {
    const id = ids[row];
    if (!id) ids[row] = null;
    else {
      any = true;
      if (id.length > MAX_ID_LENGTH) ids[row] = logId(id);
    }
  }
  return any ? ids : null;
}

/** The log ids of client records: each one's `id`, else its `corporation`. */
export function recordLogIds(records: readonly PredictionRecord[]): LogIds {
  return logIds(records.map((record) => record.id || record[ID_COLUMN] || null));
}
