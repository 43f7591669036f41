/**
 * Ingestion step: validates every *.csv of the input folder, merges the good rows, removes exact
 * duplicates and writes finaldata.csv, its summary statistics (summarystats.json), the ingestion
 * record (ingestedfiles.txt/json) and rejects.csv.
 * Every output is written to a temporary file and renamed into place.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import {
  commitTempFile,
  removeStaleTemps,
  tempPathFor,
  writeFileAtomic,
  writeJsonAtomic,
} from '../../data/atomic-write.ts';
import { collectRejects, writeRejectsCsv } from '../../data/rejects-csv.ts';
import { type FileReport, type Reject, readCsvFile, reportAs, skippedReport } from '../../data/csv-file.ts';
import { type OpenedFile, openRegularFile, RefusedFileError } from '../../data/open-regular-file.ts';
import { ingestedFilesText, type IngestedFile, type IngestionRecord } from '../../records/ingestion-record.ts';
import { listCsvFiles, totalBytes } from '../../data/list-csv-files.ts';
import { DEDUPLICATED, IngestTable } from '../../data/ingest-table.ts';
import { readHeaderFields } from '../../data/csv-scan.ts';
import { withDuckDB } from '../../data/duckdb.ts';
import { fileKey } from '../../data/file-key.ts';
import { sha256File } from '../../data/file-hash.ts';
import { writeSummaryFile } from '../../records/summary-file.ts';
import { summarizeDataset } from '../../diagnostics/summarize-values.ts';
import { missingValues, type DataSummary } from '../../diagnostics/summary-stats.ts';
import { readDataset } from '../../data/read-dataset.ts';
import { capacityForBytes, DatasetBuilder } from '../../data/column-builder.ts';
import { matchHeader, type ValidRecord } from '../../data/record-validate.ts';
import { COLUMNS, type Dataset } from '../../data/schema.ts';
import { StagingWriter } from '../../data/staging-writer.ts';
import { DataError, describeError } from '../../errors.ts';
import { log } from '../../log.ts';
import { FINAL_DATA_CSV, INGESTED_FILES_JSON, INGESTED_FILES_TXT, REJECTS_CSV } from '../../records/output-layout.ts';

/** What an ingestion did. */
export interface IngestionResult {
  record: IngestionRecord;
  finalDataPath: string;
  /** sha256 of finaldata.csv (what a model trained on it records). */
  finalDataSha256: string;
  /** Path of rejects.csv, or null when nothing was rejected. */
  rejectsPath: string | null;
  /** Every reject line written to rejects.csv (skipped files appear as line 1). */
  rejects: Reject[];
  /** The rows of finaldata.csv, in memory (the cycle uses them instead of reading the file). */
  dataset: Dataset;
}

/** Folders for one ingestion (the config's, or an isolated copy for timing runs). */
export interface IngestionPaths {
  inputFolder: string;
  outputFolder: string;
}

/** Ingests the config's input folder into its output folder. */
export async function ingest(config: Config): Promise<IngestionResult> {
  return ingestFolder({ inputFolder: config.input_folder_path, outputFolder: config.output_folder_path });
}

/** A report for a file that could not be read at all (vanished, unreadable, refused). */
function unreadable(path: string, error: unknown): FileReport {
  if (error instanceof RefusedFileError) return skippedReport(path, error.reason);
  return skippedReport(path, `could not be read: ${describeError(error)}`);
}

/**
 * Validates opened file `file` and loads its good rows into `table` as source `index` and into `rows`. Fast
 * path: DuckDB reads the file itself while our validator checks it, and the rows
 * are kept when the validator found nothing wrong and both counted the same rows. Otherwise the
 * validator's good rows go through a staging file, so DuckDB only ever sees rows we accepted.
 */
async function loadOpenedFile(
  table: IngestTable,
  index: number,
  file: OpenedFile,
  stagingPath: string,
  rows: DatasetBuilder,
): Promise<FileReport> {
  const { path, readPath } = file;
  const start = rows.rows;
  const collect = (record: ValidRecord) => rows.add(record);
  let header: string[] | null = null;
  try {
    header = await readHeaderFields(readPath);
  } catch (error) {
    return unreadable(path, error);
  }
  const usable = header !== null && 'positions' in matchHeader(header);
  const duckRead = usable ? table.insertCsv(index, readPath, header!) : Promise.resolve();
  let report: FileReport;
  try {
    report = reportAs(await readCsvFile(readPath, collect), path);
  } catch (error) {
    report = unreadable(path, error);
  } finally {
    await duckRead;
  }
  const fast =
    usable && report.skipped === null && report.rowsRejected === 0 && (await table.count(index)) === report.rowsValid;
  if (fast) return report;
  rows.truncate(start);
  if (usable) await table.remove(index);
  if (report.skipped !== null || report.rowsValid === 0) return report;
  const staging = new StagingWriter(stagingPath);
  try {
    report = reportAs(
      await readCsvFile(readPath, (record) => {
        staging.add(record);
        collect(record);
      }),
      path,
    );
    staging.close();
    await table.insertCsv(index, stagingPath, COLUMNS, false);
    const loaded = await table.count(index);
    if (loaded !== report.rowsValid)
      throw new Error(`${report.name}: ${report.rowsValid} valid rows but ${loaded} loaded`);
    return report;
  } catch (error) {
    rows.truncate(start);
    await table.remove(index);
    return unreadable(path, error);
  } finally {
    staging.close();
    await rm(stagingPath, { force: true });
  }
}

/** Opens file `path` once (checked: no symbolic link, a regular file) and loads it; see loadOpenedFile. */
async function loadFile(
  table: IngestTable,
  index: number,
  path: string,
  stagingPath: string,
  rows: DatasetBuilder,
): Promise<FileReport> {
  let file: OpenedFile;
  try {
    file = await openRegularFile(path);
  } catch (error) {
    return unreadable(path, error);
  }
  try {
    return await loadOpenedFile(table, index, file, stagingPath, rows);
  } finally {
    await file.close();
  }
}

/**
 * The collected rows without the duplicates DuckDB marked (`starts`: where each source's rows begin in
 * `rows`), compacted in place. Null when the positions cannot be told or the counts do not add up to
 * `expected`.
 */
async function keptRows(
  table: IngestTable,
  rows: DatasetBuilder,
  starts: ReadonlyMap<number, number>,
  expected: number,
): Promise<Dataset | null> {
  const duplicates = await table.duplicatePositions();
  if (!duplicates) return null;
  const positions: number[] = [];
  for (const [src, start] of [...starts].sort((a, b) => a[0] - b[0])) {
    for (const position of duplicates.get(src) ?? []) positions.push(start + position);
  }
  if ([...duplicates.keys()].some((src) => !starts.has(src))) return null;
  rows.removeRows(positions);
  return rows.rows === expected ? rows.build() : null;
}

/** Ingests `inputFolder` into `outputFolder`; throws DataError when no usable row was found. */
export async function ingestFolder({ inputFolder, outputFolder }: IngestionPaths): Promise<IngestionResult> {
  const logger = log.child({ step: 'ingestion' });
  await mkdir(outputFolder, { recursive: true });
  await removeStaleTemps(outputFolder);
  const paths = await listCsvFiles(inputFolder);
  if (paths.length === 0) throw new DataError(`${inputFolder}: no *.csv files to ingest`);

  const finalDataPath = join(outputFolder, FINAL_DATA_CSV);
  const tempFinal = tempPathFor(finalDataPath);
  const { reports, merged, kept, statistics, missing } = await withDuckDB(async (db) => {
    const table = await IngestTable.create(db);
    const reports: FileReport[] = [];
    const rows = new DatasetBuilder(capacityForBytes(await totalBytes(paths)));
    const starts = new Map<number, number>();
    for (const [index, path] of paths.entries()) {
      const start = rows.rows;
      const report = await loadFile(table, index, path, tempPathFor(join(outputFolder, 'staging.csv')), rows);
      reports.push(report);
      if (rows.rows > start) starts.set(index, start);
      if (report.skipped) logger.warn({ file: report.name }, `${report.name}: skipped: ${report.skipped}`);
      else if (report.rowsRejected > 0)
        logger.warn(
          { file: report.name, rejected: report.rowsRejected },
          `${report.name}: ${report.rowsRejected} of ${report.rowsRead} rows rejected`,
        );
    }
    if (reports.every((r) => r.rowsValid === 0)) {
      const why = reports.map((r) => `${r.name}: ${r.skipped ?? `all ${r.rowsRead} rows rejected`}`).join('; ');
      throw new DataError(`${inputFolder}: no valid rows to ingest (${why})`);
    }
    const merged = await table.deduplicate();
    const kept = await keptRows(table, rows, starts, merged.rows);
    try {
      // DuckDB writes the file on its threads while this thread summarises the rows
      const written = table.writeDeduplicated(tempFinal);
      let statistics: DataSummary['summary'] | null = null;
      try {
        statistics = kept && summarizeDataset(kept);
      } finally {
        await written;
      }
      return { reports, merged, kept, statistics, missing: await missingValues(db, DEDUPLICATED) };
    } catch (error) {
      await rm(tempFinal, { force: true });
      throw error;
    }
  });
  await commitTempFile(tempFinal, finalDataPath);
  const finalDataSha256 = await sha256File(finalDataPath);
  const dataset = kept ?? (await readDataset(finalDataPath)).dataset;
  await writeSummaryFile(outputFolder, await fileKey(finalDataPath), {
    ...missing,
    summary: statistics ?? summarizeDataset(dataset),
  });

  const now = new Date().toISOString();
  const files: IngestedFile[] = reports.map((r, index) => {
    const kept = merged.keptBySource.get(index) ?? 0;
    return {
      name: r.name,
      sha256: r.sha256,
      bytes: r.bytes,
      rows_read: r.rowsRead,
      rows_kept: kept,
      rows_rejected: r.rowsRejected,
      rows_duplicate: r.rowsValid - kept,
      skipped: r.skipped,
      ingested_at: now,
    };
  });
  const rowsValid = reports.reduce((sum, r) => sum + r.rowsValid, 0);
  const record: IngestionRecord = {
    format_version: 1,
    ingested_at: now,
    input_folder: inputFolder,
    files,
    rows_read: reports.reduce((sum, r) => sum + r.rowsRead, 0),
    rows_rejected: reports.reduce((sum, r) => sum + r.rowsRejected, 0),
    duplicates_removed: rowsValid - merged.rows,
    rows_final: merged.rows,
  };
  const rejects = collectRejects(reports);
  const rejectsPath = join(outputFolder, REJECTS_CSV);
  await writeRejectsCsv(rejectsPath, rejects);
  await writeJsonAtomic(join(outputFolder, INGESTED_FILES_JSON), record);
  await writeFileAtomic(join(outputFolder, INGESTED_FILES_TXT), ingestedFilesText(record));
  logger.info(
    {
      rows_read: record.rows_read,
      rows_final: record.rows_final,
      duplicates: record.duplicates_removed,
      rejected: record.rows_rejected,
    },
    `ingested ${record.rows_final} rows from ${files.length} files into ${finalDataPath}`,
  );
  return {
    record,
    finalDataPath,
    finalDataSha256,
    rejectsPath: rejects.length > 0 ? rejectsPath : null,
    rejects,
    dataset,
  };
}
