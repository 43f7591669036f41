/**
 * Test helper: the deduplicated rows of a raw seed folder, as ingestion keeps them (it is run into a
 * temporary output folder); for tests that compare with references computed on deduplicated data.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '../../src/data/schema.ts';
import { ingestFolder } from '../../src/pipeline/steps/ingest.ts';

/** The rows of the CSV files in `inputFolder` without exact duplicates (first occurrences, in order). */
export async function ingestedRows(inputFolder: string): Promise<Dataset> {
  const outputFolder = await mkdtemp(join(tmpdir(), 'attrition-ingested-'));
  try {
    return (await ingestFolder({ inputFolder, outputFolder })).dataset;
  } finally {
    await rm(outputFolder, { recursive: true, force: true });
  }
}
