/**
 * Execution time of ingestion and training, measured by running both on the current input folder in
 * an isolated temporary folder (nothing live is overwritten). The last measurement is kept in
 * `timings.json` so readers (the API) can show it without re-running the pipeline.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { ingestFolder } from './ingest.ts';
import { trainModel } from './train.ts';
import { outputFolderLayout } from '../../records/output-layout.ts';
import { readStepTimingsFile, writeStepTimings, type StepTimings } from '../../records/timings-file.ts';

/** Runs ingestion then training in a temporary folder, records and returns their durations. */
export async function measureStepTimings(config: Config): Promise<StepTimings> {
  const scratch = await mkdtemp(join(tmpdir(), 'attrition-timing-'));
  try {
    let start = performance.now();
    const { record } = await ingestFolder({ inputFolder: config.input_folder_path, outputFolder: scratch });
    const ingestion_ms = performance.now() - start;
    start = performance.now();
    await trainModel({ dataFolder: scratch, modelFolder: scratch }, config);
    const training_ms = performance.now() - start;
    const timings: StepTimings = {
      measured_at: new Date().toISOString(),
      input_folder: config.input_folder_path,
      rows: record.rows_final,
      ingestion_ms: Math.round(ingestion_ms * 10) / 10,
      training_ms: Math.round(training_ms * 10) / 10,
    };
    await writeStepTimings(outputFolderLayout(config.output_folder_path).timings, timings);
    return timings;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The last recorded timings, or null when none were measured (or the file is unreadable). */
export function readStepTimings(config: Config): Promise<StepTimings | null> {
  return readStepTimingsFile(outputFolderLayout(config.output_folder_path).timings);
}
