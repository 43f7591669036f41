/**
 * The per-request limits on records (POST /prediction) and labels (POST /labels), applied before any
 * element costs anything: `refuseOverCountInBytes` looks at the raw body (both /prediction paths and
 * Express's parser call it) before it is parsed: JSON.parse of a 1 MB body of 340,000 empty records built
 * every one of them (~100 ms of the server's one thread) before the count was looked at, so 20
 * connections posting such bodies held /health for seconds (bench api-flood). One pass over the bytes
 * (strings skipped, escapes honoured) counts the elements of the arrays directly under the body's
 * keys and all values, and stops at the first past its limit; it allocates nothing but a key's name,
 * and a body too short to hold more elements than the limit is not scanned at all.
 */
import { MAX_LABELS_PER_REQUEST } from '../labels/label.ts';
import { MAX_RECORDS } from './schemas.ts';
import { ValidationError } from './validate.ts';

/** The array each limited route takes, and its limit. */
const LIMITS: Record<string, { field: string; max: number }> = {
  '/prediction': { field: 'records', max: MAX_RECORDS },
  '/labels': { field: 'labels', max: MAX_LABELS_PER_REQUEST },
};

function overCount(field: string, max: number, count: string): ValidationError {
  return new ValidationError(`invalid request body: ${field}: at most ${max} ${field} per request`, [
    { path: field, message: `${count} ${field}, at most ${max}` },
  ]);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** What a scan found past a limit: an array under a key of the top-level object, or values in all. */
export type PastLimit = { array: string } | { values: number } | null;

/** Separators (commas) a body may hold in all, per record or label allowed (a record has 3 to 4 fields). */
const SEPARATORS_PER_ELEMENT = 8;

/**
 * The first array directly under the top-level object holding more than `max` elements, or, failing
 * that, a body holding more than `max` × 8 values in all (an array body, arrays deeper down); null
 * when neither. Counts separators, so a body that is not valid JSON is left for JSON.parse to refuse.
 */
export function pastLimit(body: Buffer, max: number): PastLimit {
  const maxSeparators = max * SEPARATORS_PER_ELEMENT;
  if (body.length < 2 * max + 1) return null; // an element and its comma take 2 bytes at least
  let depth = 0;
  let inString = false;
  let escaped = false;
  let keyStart = -1;
  let keyEnd = -1;
  let key = '';
  let inArray = false; // whether the container at depth 2 is an array
  let separators = 0; // of the container at depth 2
  let allSeparators = 0;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) {
        inString = false;
        if (depth === 1) keyEnd = i;
      }
      continue;
    }
    switch (byte) {
      case QUOTE:
        inString = true;
        if (depth === 1) keyStart = i + 1;
        break;
      case COLON:
        if (depth === 1 && keyStart >= 0) key = body.toString('utf8', keyStart, keyEnd);
        break;
      case OPEN_BRACE:
      case OPEN_BRACKET:
        depth++;
        if (depth === 2) {
          inArray = byte === OPEN_BRACKET;
          separators = 0;
        }
        break;
      case CLOSE_BRACE:
      case CLOSE_BRACKET:
        depth--;
        break;
      case COMMA:
        if (depth === 2 && inArray && ++separators >= max) return { array: key };
        if (++allSeparators > maxSeparators) return { values: maxSeparators };
        break;
    }
  }
  return null;
}

/** A 400 when the raw body of a POST to `path` holds more records or labels (or values) than allowed. */
export function refuseOverCountInBytes(path: string, body: Buffer): void {
  const limit = LIMITS[path];
  if (!limit) return;
  const found = pastLimit(body, limit.max);
  if (found === null) return;
  if ('array' in found) throw overCount(found.array || '(root)', limit.max, `more than ${limit.max}`);
  throw new ValidationError(`invalid request body: more than ${found.values} values`, [
    { path: '(root)', message: `more than ${found.values} values; at most ${limit.max} ${limit.field} per request` },
  ]);
}
