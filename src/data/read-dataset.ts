/**
 * Loads a data set (one CSV file, or every *.csv of a folder in name order) into typed columns, with
 * the same validation as ingestion. Used for training, scoring, drift and the API.
 */
import { basename } from 'node:path';
import { DataError } from '../errors.ts';
import { capacityForBytes, DatasetBuilder } from './column-builder.ts';
import { readCsvFile, type FileReport } from './csv-file.ts';
import { listCsvFiles, totalBytes } from './list-csv-files.ts';
import type { Dataset } from './schema.ts';

/** A loaded data set and what reading each file found. */
export interface LoadedDataset {
  dataset: Dataset;
  files: FileReport[];
}

/**
 * Reads `path` (a CSV file or a folder of them). Rejected rows are left out and reported in `files`;
 * throws DataError when no valid row is found.
 */
export async function readDataset(path: string): Promise<LoadedDataset> {
  const paths = await listCsvFiles(path);
  return readFiles(
    path,
    paths.map((file) => ({ path: file, readPath: file })),
  );
}

/**
 * Reads the one CSV file at `path` through `readPath`, another name of the very same file (the API
 * passes /proc/self/fd/N of a handle it opened and checked); reports and errors name `path`, exactly
 * as readDataset(path) would.
 */
export function readDatasetFile(path: string, readPath: string): Promise<LoadedDataset> {
  return readFiles(path, [{ path, readPath }]);
}

async function readFiles(path: string, sources: { path: string; readPath: string }[]): Promise<LoadedDataset> {
  const builder = new DatasetBuilder(capacityForBytes(await totalBytes(sources.map((source) => source.readPath))));
  const files: FileReport[] = [];
  for (const source of sources)
    files.push(named(await readCsvFile(source.readPath, (record) => builder.add(record)), source.path));
  const dataset = builder.build();
  if (dataset.rows === 0) {
    const why = files
      .map((f) => `${f.name}: ${f.skipped ?? `${f.rowsRejected} of ${f.rowsRead} rows rejected`}`)
      .join('; ');
    throw new DataError(`${path}: no valid rows${why ? ` (${why})` : ''}`);
  }
  return { dataset, files };
}

/** `report` naming `path` (it names the path the file was read through). */
function named(report: FileReport, path: string): FileReport {
  if (report.path === path) return report;
  const name = basename(path);
  return { ...report, name, path, rejects: report.rejects.map((reject) => ({ ...reject, file: name })) };
}
