/**
 * One CSV line read straight from bytes: for a line with no quote and no CR, each field is the text
 * between commas, so a line whose counts are plain digits and whose label is 0 or 1 can be taken
 * without making a string per field. Anything else is left to the text parser (readCsvFile).
 */
import type { ColumnPositions, RecordSlot } from './record-validate.ts';
import { ID_COLUMN, NUMERIC_COLUMNS, TARGET_INDEX } from './schema.ts';

const COMMA = 44;
const LF = 10;
const ZERO = 48;
/** The longest digit string read as bytes (parseCount's fast path takes the same). */
const MAX_PLAIN_DIGITS = 15;

/** Roles of fields that are not counts: the id, and a column the schema does not know. */
const ID_FIELD = -1;
const OTHER_FIELD = -2;

/** For each field of a line (the header's length), the NUMERIC_COLUMNS index it fills, ID_FIELD or OTHER_FIELD. */
export function fieldRoles(positions: ColumnPositions, headerLength: number): Int8Array {
  const roles = new Int8Array(headerLength).fill(OTHER_FIELD);
  roles[positions[ID_COLUMN]] = ID_FIELD;
  NUMERIC_COLUMNS.forEach((column, k) => {
    roles[positions[column]] = k;
  });
  return roles;
}

/**
 * Reads the line of `block` (no quote, no CR) that starts at `start` into `into` when it has exactly
 * roles.length fields, 1 to MAX_PLAIN_DIGITS digits in each count and 0 or 1 as the label: what
 * parseCount and parseLabel take without further ado. Returns the index of the line's LF, or -1 for
 * any other line (left to the text path).
 */
export function readPlainLine(block: Buffer, start: number, roles: Int8Array, into: RecordSlot): number {
  const values = into.values;
  let field = 0;
  let fieldStart = start;
  let value = 0;
  let digits = 0;
  let role = roles[0]!;
  for (let i = start; ; i++) {
    const c = block[i]!;
    if (c !== COMMA && c !== LF) {
      if (role >= 0) {
        const digit = c - ZERO;
        if (digit < 0 || digit > 9) return -1;
        value = value * 10 + digit;
        digits++;
      }
      continue;
    }
    if (role >= 0) {
      if (digits === 0 || digits > MAX_PLAIN_DIGITS || (role === TARGET_INDEX && (digits > 1 || value > 1))) return -1;
      values[role] = value;
    } else if (role === ID_FIELD) {
      into.setIdBytes(block, fieldStart, i);
    }
    field++;
    if (c === LF) return field === roles.length ? i : -1;
    if (field >= roles.length) return -1;
    role = roles[field]!;
    fieldStart = i + 1;
    value = 0;
    digits = 0;
  }
}
