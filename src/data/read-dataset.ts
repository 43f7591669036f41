/**
 * Loads a data set (one CSV file, or every *.csv of a folder in name order) into typed columns, with
 * the same validation as ingestion. Used for training, scoring and drift.
 */
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
  const builder = new DatasetBuilder(capacityForBytes(await totalBytes(paths)));
  const files: FileReport[] = [];
  for (const file of paths) files.push(await readCsvFile(file, (record) => builder.add(record)));
  const dataset = builder.build();
  if (dataset.rows === 0) {
    const why = files.map((f) => `${f.name}: ${f.skipped ?? `${f.rowsRejected} of ${f.rowsRead} rows rejected`}`).join('; ');
    throw new DataError(`${path}: no valid rows${why ? ` (${why})` : ''}`);
  }
  return { dataset, files };
}
