/**
 * Reads one CSV file against the record schema: the header is matched, every record validated, each
 * valid record handed to a callback, and every rejected one described by file, line, column and value.
 */
import { basename } from 'node:path';
import { scanCsv, type CsvRecord } from './csv-scan.ts';
import { fieldRoles, readPlainLine } from './plain-line.ts';
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
  /** Read at most this many bytes and one more: a report's `bytes` above it says the file is larger. */
  maxBytes?: number;
}

const LF = 10;

/**
 * Streams `path`, calling `onValid` for each valid record in file order. The record object is reused
 * for the next row: copy what you keep.
 */
export async function readCsvFile(
  path: string,
  onValid: (record: ValidRecord) => void,
  options: ReadCsvOptions = {},
): Promise<FileReport> {
  const name = basename(path);
  const report = emptyReport(path);
  let positions: ColumnPositions | null = null;
  let headerLength = 0;
  let headerSeen = false;
  /** Per field of a data line: what it fills (see fieldRoles). */
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
        if (report.rejects.length < MAX_REJECTS_KEPT)
          report.rejects.push({ file: name, line: record.line, ...problem });
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

  const summary = await scanCsv(path, onRecord, options.textOnly ? undefined : onPlainLines, options.maxBytes);
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

/** `report` naming `path` instead of the path the file was read through (/proc/self/fd/N). */
export function reportAs(report: FileReport, path: string): FileReport {
  if (report.path === path) return report;
  const name = basename(path);
  return { ...report, name, path, rejects: report.rejects.map((reject) => ({ ...reject, file: name })) };
}

/** The report of `path` before anything was read: no rows, no hash yet. */
export function emptyReport(path: string): FileReport {
  return {
    name: basename(path),
    path,
    sha256: '',
    bytes: 0,
    rowsRead: 0,
    rowsValid: 0,
    rowsRejected: 0,
    rejects: [],
    skipped: null,
  };
}

/** The report of a file that was not read at all, and why. */
export function skippedReport(path: string, skipped: string): FileReport {
  return { ...emptyReport(path), sha256: '0'.repeat(64), skipped };
}
