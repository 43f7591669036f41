/**
 * The cycle's one commit point, at its end. A cycle that processed its batch to completion (bootstrap,
 * no drift, a challenger deployed or not) records the batch as processed (cycle_state.json), then
 * keeps its data as the next cycle's drift reference (previousdata.csv): in this order, so a crash in
 * between leaves an older reference, never the batch itself as its own reference. Every cycle, however
 * it ended, then appends its run record to runs.jsonl.
 */
import type { Config } from '../../config.ts';
import type { IngestionRecord } from '../../records/ingestion-record.ts';
import { outputFolderLayout } from '../../records/output-layout.ts';
import { appendRun } from '../../records/run-log.ts';
import type { RunRecord } from '../../records/run-record.ts';
import { writeCycleState } from '../../records/cycle-state.ts';
import { keepAsReference } from './reference-data.ts';

/** Commits a finished cycle: `processed` is the batch it completed, or null (no new data, failed). */
export async function commitCycle(config: Config, record: RunRecord, processed: IngestionRecord | null): Promise<void> {
  const output = outputFolderLayout(config.output_folder_path);
  if (processed) {
    await writeCycleState(output.folder, record.id, processed);
    await keepAsReference(output.folder);
  }
  await appendRun(output.runs, record);
}
