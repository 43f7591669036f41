/**
 * Reads one CSV file against the record schema: the header is matched, every record validated, each
 * valid record handed to a callback, and every rejected one described by file, line, column and value.
 */
import { basename } from 'node:path';
import { scanCsv, type CsvRecord } from './csv-scan.ts';
import { ID_COLUMN, NUMERIC_COLUMNS, TARGET } from './schema.ts';
import { matchHeader, RecordSlot, validateRecord, type ColumnPositions, type ValidRecord } from './record-validate.ts';

/** One rejected field of one record. */
export interface Reject {
  file: string;
  line: number;
  column: string;
  value: string;
  reason: string;
}

/** What reading one file found. `skipped` is set when the file could not be used at all. */
export interface FileReport {
  name: string;
  path: string;
  sha256: string;
  bytes: number;
  rowsRead: number;
  rowsValid: number;
  rowsRejected: number;
  /** The first MAX_REJECTS_KEPT rejects (rowsRejected counts them all). */
  rejects: Reject[];
  skipped: string | null;
}

/** How many reject lines are kept per file; the count covers the rest. */
export const MAX_REJECTS_KEPT = 1000;

/** How readCsvFile reads: by default plain lines go through the byte path (see scanCsv). */
export interface ReadCsvOptions {
  /** Parse every record as text (the byte path is checked against this). */
  textOnly?: boolean;
}

const COMMA = 44;
const LF = 10;
const ZERO = 48;
/** The longest digit string read as bytes (parseCount's fast path takes the same). */
const MAX_PLAIN_DIGITS = 15;

/**
 * Streams `path`, calling `onValid` for each valid record in file order. The record object is reused
 * for the next row: copy what you keep.
 */
export async function readCsvFile(path: string, onValid: (record: ValidRecord) => void, options: ReadCsvOptions = {}): Promise<FileReport> {
  const name = basename(path);
  const report: FileReport = { name, path, sha256: '', bytes: 0, rowsRead: 0, rowsValid: 0, rowsRejected: 0, rejects: [], skipped: null };
  let positions: ColumnPositions | null = null;
  let headerLength = 0;
  let headerSeen = false;
  /** Per field of a data line: the NUMERIC_COLUMNS index it fills, ID_FIELD, or OTHER_FIELD. */
  let roles: Int8Array = new Int8Array(0);
  const scratch = new RecordSlot();

  const onRecord = (record: CsvRecord): void => {
    if (!headerSeen) {
      headerSeen = true;
      const match = matchHeader(record.fields);
      if ('problem' in match) report.skipped = match.problem;
      else positions = match.positions;
      headerLength = record.fields.length;
      if (positions) roles = fieldRoles(positions, headerLength);
      return;
    }
    if (positions === null) return;
    report.rowsRead++;
    const result = validateRecord(record.fields, headerLength, positions, record.unterminated, scratch);
    if (Array.isArray(result)) {
      report.rowsRejected++;
      for (const problem of result) {
        if (report.rejects.length < MAX_REJECTS_KEPT) report.rejects.push({ file: name, line: record.line, ...problem });
      }
      return;
    }
    report.rowsValid++;
    onValid(result);
  };

  /**
   * The byte path: a line whose fields are where the header says, with plain digits for the counts
   * and 0 or 1 for the label, is taken without making strings; any other line is handed to
   * validateRecord as text, so both paths reject and accept exactly the same lines.
   */
  const slow: CsvRecord = { line: 0, fields: [], unterminated: false };
  const onPlainLines = (block: Buffer, firstLine: number): number => {
    const lineRoles = roles;
    let line = firstLine;
    let pos = 0;
    while (pos < block.length) {
      let end: number;
      if (block[pos] === LF) {
        end = pos; // a blank line
      } else if (positions === null) {
        end = block.indexOf(LF, pos);
      } else {
        const read = readPlainLine(block, pos, lineRoles, scratch);
        if (read >= 0) {
          end = read;
          report.rowsRead++;
          report.rowsValid++;
          onValid(scratch);
        } else {
          end = block.indexOf(LF, pos);
          slow.line = line;
          slow.fields = block.toString('utf8', pos, end).split(',');
          onRecord(slow);
        }
      }
      pos = end + 1;
      line++;
    }
    return line - firstLine;
  };

  const summary = await scanCsv(path, onRecord, options.textOnly ? undefined : onPlainLines);
  report.sha256 = summary.sha256;
  report.bytes = summary.bytes;
  if (summary.binary) report.skipped = 'binary content (NUL bytes), not a CSV text file';
  else if (!headerSeen) report.skipped = 'empty file (no header line)';
  if (report.skipped !== null) {
    report.rowsRead = 0;
    report.rowsValid = 0;
    report.rowsRejected = 0;
    report.rejects = [];
  }
  return report;
}

const ID_FIELD = -1;
const OTHER_FIELD = -2;
const TARGET_INDEX = NUMERIC_COLUMNS.indexOf(TARGET);

/** For each field of a line (the header's length), the NUMERIC_COLUMNS index it fills, ID_FIELD or OTHER_FIELD. */
function fieldRoles(positions: ColumnPositions, headerLength: number): Int8Array {
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
function readPlainLine(block: Buffer, start: number, roles: Int8Array, into: RecordSlot): number {
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
