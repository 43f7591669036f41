/**
 * Reads one labels CSV file (`id,exited,observed_at`, other columns ignored, in any order): every row
 * validated, each good row kept as a label, each bad one reported by file, line, column and value, as
 * ingestion reports its rejects. The file is opened once, without following a link, and must be a
 * regular file.
 */
import { basename } from 'node:path';
import { emptyReport, type FileReport, MAX_REJECTS_KEPT, skippedReport } from '../data/csv-file.ts';
import { scanCsv, type CsvRecord } from '../data/csv-scan.ts';
import { openRegularFile, RefusedFileError } from '../data/open-regular-file.ts';
import { parseLabel } from '../data/record-validate.ts';
import { describeError } from '../errors.ts';
import { MAX_ID_LENGTH } from '../prediction-log/entry.ts';
import type { Label } from './label.ts';
import { parseObservedAt } from './observed-at.ts';

/** The columns a labels file must have. */
export const LABEL_COLUMNS = ['id', 'exited', 'observed_at'] as const;

/** A labels file read: its report (ingestion's shape) and its good rows. */
export interface LabelsFile {
  report: FileReport;
  labels: Label[];
}

/** Where each label column sits in `header`, or why the file cannot be used. */
function positionsOf(header: readonly string[]): number[] | string {
  const names = header.map((name) => name.trim());
  const missing = LABEL_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0)
    return `header lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected id,exited,observed_at)`;
  const twice = LABEL_COLUMNS.find((column) => names.indexOf(column) !== names.lastIndexOf(column));
  if (twice) return `column '${twice}' appears twice in the header`;
  return LABEL_COLUMNS.map((column) => names.indexOf(column));
}

/** The label of a row, or its problems. */
function validateRow(
  fields: readonly string[],
  positions: readonly number[],
): Label | { column: string; value: string; reason: string }[] {
  const [idAt, exitedAt, observedAt] = positions as [number, number, number];
  const problems: { column: string; value: string; reason: string }[] = [];
  const id = (fields[idAt] ?? '').trim();
  if (id === '') problems.push({ column: 'id', value: '', reason: 'missing value' });
  else if (id.length > MAX_ID_LENGTH)
    problems.push({ column: 'id', value: id.slice(0, 40), reason: `longer than ${MAX_ID_LENGTH} characters` });
  const exited = parseLabel(fields[exitedAt] ?? '');
  if (typeof exited === 'string') problems.push({ column: 'exited', value: fields[exitedAt] ?? '', reason: exited });
  const time = parseObservedAt(fields[observedAt] ?? '');
  if (typeof time === 'string') problems.push({ column: 'observed_at', value: fields[observedAt] ?? '', reason: time });
  if (problems.length > 0 || typeof exited === 'string' || typeof time === 'string') return problems;
  return { id, exited: exited as 0 | 1, observedAt: time };
}

/** Reads the labels file at `path` (see the module comment). */
export async function readLabelsFile(path: string): Promise<LabelsFile> {
  let file: Awaited<ReturnType<typeof openRegularFile>>;
  try {
    file = await openRegularFile(path);
  } catch (error) {
    const reason = error instanceof RefusedFileError ? error.reason : `could not be read: ${describeError(error)}`;
    return { report: skippedReport(path, reason), labels: [] };
  }
  const name = basename(path);
  const report = emptyReport(path);
  const labels: Label[] = [];
  let positions: number[] | null = null;
  let headerSeen = false;
  const onRecord = (record: CsvRecord): void => {
    if (!headerSeen) {
      headerSeen = true;
      const found = positionsOf(record.fields);
      if (typeof found === 'string') report.skipped = found;
      else positions = found;
      return;
    }
    if (positions === null) return;
    report.rowsRead++;
    const row = record.unterminated
      ? [{ column: '(row)', value: '', reason: 'unterminated quoted field (the file ends inside quotes)' }]
      : validateRow(record.fields, positions);
    if (Array.isArray(row)) {
      report.rowsRejected++;
      for (const problem of row)
        if (report.rejects.length < MAX_REJECTS_KEPT)
          report.rejects.push({ file: name, line: record.line, ...problem });
    } else {
      report.rowsValid++;
      labels.push(row);
    }
  };
  try {
    const summary = await scanCsv(file.readPath, onRecord);
    report.sha256 = summary.sha256;
    report.bytes = summary.bytes;
    if (summary.binary) report.skipped = 'binary content (NUL bytes), not a CSV text file';
    else if (!headerSeen) report.skipped = 'empty file (no header line)';
  } catch (error) {
    return { report: skippedReport(path, `could not be read: ${describeError(error)}`), labels: [] };
  } finally {
    await file.close();
  }
  if (report.skipped !== null)
    return { report: { ...report, rowsRead: 0, rowsValid: 0, rowsRejected: 0, rejects: [] }, labels: [] };
  return { report, labels };
}
