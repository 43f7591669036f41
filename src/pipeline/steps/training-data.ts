/**
 * What a cycle trains a challenger on: the batch it ingested, plus, with
 * training.include_labelled_production, the labelled production rows of the horizon
 * (labelled-production.ts), merged with ingestion's rule for repeats (data/merge-deduplicated.ts):
 * a production row equal to a batch row, or to an earlier production row, in every column is dropped.
 */
import type { Config } from '../../config.ts';
import { unguardFormula } from '../../data/formula-cells.ts';
import { openRegularFile } from '../../data/open-regular-file.ts';
import { readDatasetFile } from '../../data/read-dataset.ts';
import { mergeDeduplicated } from '../../data/merge-deduplicated.ts';
import type { IngestionResult } from './ingest.ts';
import { labelledProductionRows } from './labelled-production.ts';
import type { TrainingData } from './train.ts';

/**
 * The ids of finaldata.csv's rows (the corporation column), which must be the `rows` rows ingested, as
 * they were read (ingestion stores an id that could run as a formula with a leading ': formula-cells.ts).
 */
export async function finalDataIds(path: string, rows: number): Promise<(string | null)[]> {
  const file = await openRegularFile(path);
  try {
    const { ids, dataset } = await readDatasetFile(path, file.readPath, { ids: true });
    if (!ids || dataset.rows !== rows) throw new Error(`${path}: ${dataset.rows} rows, ingested ${rows}`);
    return ids.map((id) => id && unguardFormula(id));
  } finally {
    await file.close();
  }
}

/** The batch of `ingestion` as training data, with the labelled production rows when `config` asks for them. */
export async function trainingData(
  config: Config,
  ingestion: IngestionResult,
  now = Date.now(),
): Promise<TrainingData> {
  const batch = { dataset: ingestion.dataset, sha256: ingestion.finalDataSha256, ingestion: ingestion.record };
  if (!config.training.include_labelled_production) return batch;
  const production = await labelledProductionRows(config, now);
  const ids = await finalDataIds(ingestion.finalDataPath, ingestion.dataset.rows);
  const merged = mergeDeduplicated({ dataset: ingestion.dataset, ids }, production);
  // the batch was deduplicated by ingestion: every repeat dropped is a production row
  return {
    ...batch,
    dataset: merged.dataset,
    labelledProduction: {
      rows: production.dataset.rows - merged.dropped,
      batch_rows: ingestion.dataset.rows,
      duplicates_dropped: merged.dropped,
      from: new Date(production.from).toISOString(),
      to: new Date(production.to).toISOString(),
    },
  };
}
