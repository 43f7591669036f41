/**
 * Reads one CSV file against the record schema: the header is matched, every record validated, each
 * valid record handed to a callback, and every rejected one described by file, line, column and value.
 */
import { basename } from 'node:path';
import { scanCsv } from './csv-scan.ts';
import { emptyRecord, matchHeader, validateRecord, type ColumnPositions, type ValidRecord } from './record-validate.ts';

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

/**
 * Streams `path`, calling `onValid` for each valid record in file order. The record object is reused
 * for the next row: copy what you keep.
 */
export async function readCsvFile(path: string, onValid: (record: ValidRecord) => void): Promise<FileReport> {
  const name = basename(path);
  const report: FileReport = { name, path, sha256: '', bytes: 0, rowsRead: 0, rowsValid: 0, rowsRejected: 0, rejects: [], skipped: null };
  let positions: ColumnPositions | null = null;
  let headerLength = 0;
  let headerSeen = false;
  const scratch = emptyRecord();
  const summary = await scanCsv(path, (record) => {
    if (!headerSeen) {
      headerSeen = true;
      const match = matchHeader(record.fields);
      if ('problem' in match) report.skipped = match.problem;
      else positions = match.positions;
      headerLength = record.fields.length;
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
  });
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
