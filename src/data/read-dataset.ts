/**
 * Loads a data set (one CSV file, or every *.csv of a folder in name order) into typed columns, with
 * the same validation as ingestion. Used for training, scoring, drift and the API. The id column is
 * not kept, except by readDatasetFile when asked (the API logs each row's id with its prediction).
 */
import { DataError } from '../errors.ts';
import { capacityForBytes, DatasetBuilder } from './column-builder.ts';
import { type FileReport, readCsvFile, reportAs, skippedReport } from './csv-file.ts';
import { listCsvFiles, totalBytes } from './list-csv-files.ts';
import { type OpenedFile, openRegularFile, RefusedFileError } from './open-regular-file.ts';
import type { ValidRecord } from './record-validate.ts';
import type { Dataset } from './schema.ts';

/** A loaded data set and what reading each file found. */
export interface LoadedDataset {
  dataset: Dataset;
  files: FileReport[];
  /** Each row's id (the ID_COLUMN field, null when empty), when readDatasetFile was asked to keep them. */
  ids?: (string | null)[];
}

/** Options of readDatasetFile. */
export interface ReadDatasetFileOptions {
  /** Keep each row's id in `ids` (default false: ids cost a string per row, most readers never need them). */
  ids?: boolean;
  /** Read at most this many bytes and one more (the file's report says how many were read). */
  maxBytes?: number;
}

/**
 * Reads `path` (a CSV file or a folder of them), each file opened once and checked (no symbolic link
 * followed, nothing but a regular file read: open-regular-file.ts). Rejected rows are left out and
 * reported in `files`; a refused or unreadable file is reported skipped; throws DataError when no
 * valid row is found.
 */
export async function readDataset(path: string): Promise<LoadedDataset> {
  const paths = await listCsvFiles(path);
  const builder = new DatasetBuilder(capacityForBytes(await totalBytes(paths)));
  const files: FileReport[] = [];
  for (const file of paths) files.push(await readChecked(file, builder));
  return finish(path, builder, files);
}

/**
 * Reads the one CSV file at `path` through `readPath`, another name of the very same file (the API
 * passes /proc/self/fd/N of a handle it opened and checked); reports and errors name `path`, exactly
 * as readDataset(path) would.
 */
export async function readDatasetFile(
  path: string,
  readPath: string,
  options: ReadDatasetFileOptions = {},
): Promise<LoadedDataset> {
  const bytes = Math.min(await totalBytes([readPath]), options.maxBytes ?? Number.POSITIVE_INFINITY);
  const builder = new DatasetBuilder(capacityForBytes(bytes));
  const ids: (string | null)[] | null = options.ids ? [] : null;
  const onValid = ids
    ? (record: ValidRecord) => {
        builder.add(record);
        ids.push(record.id);
      }
    : (record: ValidRecord) => builder.add(record);
  const report = await readCsvFile(readPath, onValid, { maxBytes: options.maxBytes });
  const loaded = finish(path, builder, [reportAs(report, path)]);
  return ids ? { ...loaded, ids } : loaded;
}

/** Opens `path` (checked), reads its valid rows into `builder`; a refused file is reported skipped. */
async function readChecked(path: string, builder: DatasetBuilder): Promise<FileReport> {
  let file: OpenedFile;
  try {
    file = await openRegularFile(path);
  } catch (error) {
    if (error instanceof RefusedFileError) return skippedReport(path, error.reason);
    throw error;
  }
  try {
    return reportAs(await readCsvFile(file.readPath, (record) => builder.add(record)), path);
  } finally {
    await file.close();
  }
}

function finish(path: string, builder: DatasetBuilder, files: FileReport[]): LoadedDataset {
  const dataset = builder.build();
  if (dataset.rows === 0) {
    const why = files
      .map((f) => `${f.name}: ${f.skipped ?? `${f.rowsRejected} of ${f.rowsRead} rows rejected`}`)
      .join('; ');
    throw new DataError(`${path}: no valid rows${why ? ` (${why})` : ''}`);
  }
  return { dataset, files };
}
