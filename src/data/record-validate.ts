/**
 * Validation of CSV headers and records against the record schema. Stricter than DuckDB's casts on
 * purpose: DuckDB turns '1.5' into 2 and '0x10' into 16 without a word, and we reject both.
 */
import {
  COLUMNS,
  FEATURES,
  ID_COLUMN,
  MAX_COUNT,
  NUMERIC_COLUMNS,
  TARGET,
  TARGET_INDEX,
  type Column,
} from './schema.ts';

/** Why a record (or one of its fields) was refused. */
export interface FieldProblem {
  column: string;
  value: string;
  reason: string;
}

/** Where each schema column sits in a file's header. */
export type ColumnPositions = Record<Column, number>;

/** Matches a header to the schema: the positions of its columns, or why the file cannot be used. */
export function matchHeader(header: string[]): { positions: ColumnPositions } | { problem: string } {
  const names = header.map((name) => name.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name) && (COLUMNS as readonly string[]).includes(name))
      return { problem: `column '${name}' appears twice in the header` };
    seen.add(name);
  }
  const missing = COLUMNS.filter((column) => !seen.has(column));
  if (missing.length > 0) {
    const shown = names
      .slice(0, 8)
      .map((n) => `'${n.slice(0, 40)}'`)
      .join(', ');
    return {
      problem: `header lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found ${shown}${names.length > 8 ? ', …' : ''})`,
    };
  }
  const positions = {} as ColumnPositions;
  for (const column of COLUMNS) positions[column] = names.indexOf(column);
  return { positions };
}

/** Digits, optionally with a zero fraction ('12', '12.0'): exports from spreadsheets write counts so. */
const WHOLE_NUMBER = /^([0-9]+)(\.0*)?$/;

/** Parses a non-negative integer count; returns a number or the reason it is not one. */
export function parseCount(raw: string): number | string {
  // Fast path for the common case, plain digits: no trimming, no regular expression.
  const length = raw.length;
  if (length > 0 && length < 16) {
    let value = 0;
    let i = 0;
    for (; i < length; i++) {
      const digit = raw.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    if (i === length) return value;
  }
  const text = raw.trim();
  if (text === '') return 'missing value';
  const whole = WHOLE_NUMBER.exec(text);
  if (whole) {
    const value = Number(whole[1]);
    return value <= MAX_COUNT ? value : `larger than ${MAX_COUNT}`;
  }
  if (/^-[0-9]+(\.[0-9]*)?$/.test(text)) return 'negative count, expected a non-negative integer';
  if (/^[0-9]*\.[0-9]+$|^[0-9]+\.$/.test(text)) return 'not a whole number, expected a non-negative integer';
  return 'expected a non-negative integer';
}

/** Parses the 0/1 label. */
export function parseLabel(raw: string): number | string {
  if (raw === '0') return 0;
  if (raw === '1') return 1;
  const text = raw.trim();
  if (text === '0') return 0;
  if (text === '1') return 1;
  if (text === '') return 'missing value';
  return 'label must be 0 or 1';
}

/** A valid record: its numbers in NUMERIC_COLUMNS order, and its id (null when empty). */
export interface ValidRecord {
  readonly values: Float64Array;
  readonly id: string | null;
}

/**
 * A ValidRecord to fill again and again (readers hand it to a callback that must not keep it). The
 * id is held as text, or as a byte range of a buffer decoded only when asked for: most readers never
 * ask.
 */
export class RecordSlot implements ValidRecord {
  readonly values = new Float64Array(NUMERIC_COLUMNS.length);
  #text: string | null = null;
  #bytes: Buffer | null = null;
  #start = 0;
  #end = 0;

  get id(): string | null {
    if (this.#bytes === null) return this.#text;
    return this.#end > this.#start ? this.#bytes.toString('utf8', this.#start, this.#end) : null;
  }

  /** Sets the id from text ('' is no id). */
  setIdText(text: string): void {
    this.#bytes = null;
    this.#text = text === '' ? null : text;
  }

  /** Sets the id to the UTF-8 bytes [start, end) of `bytes` (valid until the buffer is reused). */
  setIdBytes(bytes: Buffer, start: number, end: number): void {
    this.#bytes = bytes;
    this.#start = start;
    this.#end = end;
  }
}

/**
 * Validates one record's fields against the header positions. Fills `into` and returns it, or returns
 * every problem found in the record (one per offending column).
 */
export function validateRecord(
  fields: string[],
  headerLength: number,
  positions: ColumnPositions,
  unterminated: boolean,
  into: RecordSlot = new RecordSlot(),
): ValidRecord | FieldProblem[] {
  if (unterminated) {
    return [
      {
        column: COLUMNS[Math.min(fields.length, COLUMNS.length) - 1] ?? ID_COLUMN,
        value: preview(fields.join(',')),
        reason: 'unterminated quoted field',
      },
    ];
  }
  if (fields.length !== headerLength) {
    const reason =
      fields.length < headerLength
        ? `missing field: expected ${headerLength} fields, found ${fields.length}`
        : `too many fields: expected ${headerLength}, found ${fields.length}`;
    const firstMissing = COLUMNS.find((column) => positions[column] >= fields.length);
    return [{ column: firstMissing ?? '(extra)', value: preview(fields.join(',')), reason }];
  }
  let problems: FieldProblem[] | null = null;
  const values = into.values;
  for (const [k, column] of FEATURES.entries()) {
    const raw = fields[positions[column]] ?? '';
    const parsed = parseCount(raw);
    if (typeof parsed === 'string') {
      problems ??= [];
      problems.push({ column, value: preview(raw), reason: parsed });
    } else values[k] = parsed; // the features come first in NUMERIC_COLUMNS
  }
  const rawLabel = fields[positions[TARGET]] ?? '';
  const label = parseLabel(rawLabel);
  if (typeof label === 'string') {
    problems ??= [];
    problems.push({ column: TARGET, value: preview(rawLabel), reason: label });
  } else values[TARGET_INDEX] = label;
  if (problems) return problems;
  into.setIdText(fields[positions[ID_COLUMN]] ?? '');
  return into;
}

/** Shortens a value for a report line. */
function preview(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
