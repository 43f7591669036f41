/**
 * What the last completed cycle processed (`cycle_state.json` in the output folder): its ingestion
 * record. The next cycle compares the input folder with it (or with the live deployment's record,
 * whichever is newer), so a batch that caused no retraining is not processed again every 10 minutes,
 * while a cycle that failed half-way leaves the state alone and its batch is tried again. The cycle
 * writes it at its commit point (commit.ts).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../data/atomic-write.ts';
import { readJsonFileOrNull } from '../data/read-json-file.ts';
import { ingestionRecordSchema, type IngestionRecord } from './ingestion-record.ts';
import { CYCLE_STATE_JSON } from './output-layout.ts';

const cycleStateSchema = z.object({ run_id: z.string(), at: z.string(), ingestion: ingestionRecordSchema });

/** The last completed cycle's ingestion record, or null (absent or unreadable: treated as none). */
export async function readCycleState(outputFolder: string): Promise<IngestionRecord | null> {
  return (await readJsonFileOrNull(join(outputFolder, CYCLE_STATE_JSON), cycleStateSchema))?.ingestion ?? null;
}

/** Records that run `runId` completed with `ingestion` processed. */
export async function writeCycleState(outputFolder: string, runId: string, ingestion: IngestionRecord): Promise<void> {
  await writeJsonAtomic(join(outputFolder, CYCLE_STATE_JSON), {
    run_id: runId,
    at: new Date().toISOString(),
    ingestion,
  });
}

/** The newer of two ingestion records (by ingestion time); null when both are null. */
export function newerRecord(a: IngestionRecord | null, b: IngestionRecord | null): IngestionRecord | null {
  if (!a) return b;
  if (!b) return a;
  return a.ingested_at >= b.ingested_at ? a : b;
}
