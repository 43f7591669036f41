/**
 * The summary statistics ingestion computes while it still holds the rows, kept beside finaldata.csv
 * (summarystats.json) with the key of the finaldata.csv they describe. Readers use the file only while
 * that key still matches; otherwise (an older output folder, finaldata.csv replaced by hand, a crash
 * between the two writes) they compute the summary again from the CSV file.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../data/atomic-write.ts';
import { readJsonFile } from '../data/read-json-file.ts';
import { COLUMNS, NUMERIC_COLUMNS } from '../data/schema.ts';
import { CorruptFileError } from '../errors.ts';
import { log } from '../log.ts';
import type { DataSummary } from '../diagnostics/summary-stats.ts';
import { SUMMARY_STATS_JSON } from './output-layout.ts';

const statistic = z.number().nullable();
const columnSummarySchema = z
  .object({
    count: z.number().int().nonnegative(),
    mean: statistic,
    median: statistic,
    std: statistic,
    min: statistic,
    max: statistic,
    q25: statistic,
    q75: statistic,
  })
  .strict();
const summaryFileSchema = z
  .object({
    format_version: z.literal(1),
    /** fileKey() of the finaldata.csv summarised. */
    data_key: z.string().min(1),
    rows: z.number().int().nonnegative(),
    summary: z.object(Object.fromEntries(NUMERIC_COLUMNS.map((c) => [c, columnSummarySchema]))).strict(),
    missing_percent: z.object(Object.fromEntries(COLUMNS.map((c) => [c, z.number().min(0).max(100)]))).strict(),
  })
  .strict();

/** Stores `summary` as the summary of the data file whose key is `dataKey`. */
export async function writeSummaryFile(outputFolder: string, dataKey: string, summary: DataSummary): Promise<void> {
  await writeJsonAtomic(join(outputFolder, SUMMARY_STATS_JSON), { format_version: 1, data_key: dataKey, ...summary });
}

/** The stored summary when it describes the data file with key `dataKey`; null otherwise (also when corrupt). */
export async function readSummaryFile(outputFolder: string, dataKey: string): Promise<DataSummary | null> {
  const path = join(outputFolder, SUMMARY_STATS_JSON);
  try {
    const stored = await readJsonFile(path, summaryFileSchema, 'summary statistics');
    if (stored?.data_key !== dataKey) return null;
    const { rows, summary, missing_percent } = stored;
    return { rows, summary, missing_percent } as DataSummary;
  } catch (error) {
    if (!(error instanceof CorruptFileError)) throw error;
    log.warn({ file: path }, `${error.message}; computing the summary from the data instead`);
    return null;
  }
}
