/**
 * The reference for data drift: the data the last completed cycle ingested, kept as previousdata.csv
 * (a hard link to that cycle's finaldata.csv: no copy). Ingestion replaces finaldata.csv at the start
 * of a cycle, so reading the reference from finaldata.csv would, after a cycle that stopped between
 * ingestion and its end (a crash), compare the batch about to be processed again with itself and miss
 * its drift. previousdata.csv changes only when a cycle completes.
 */
import { link, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { tempPathFor } from '../../data/atomic-write.ts';
import { FINAL_DATA_CSV, PREVIOUS_DATA_CSV } from '../../records/output-layout.ts';

/** Makes the current finaldata.csv the reference of the next cycle (atomically: link, then rename). */
export async function keepAsReference(outputFolder: string): Promise<void> {
  const target = join(outputFolder, PREVIOUS_DATA_CSV);
  const temp = tempPathFor(target);
  try {
    await link(join(outputFolder, FINAL_DATA_CSV), temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The file to read the reference from: previousdata.csv, or finaldata.csv for folders from before it existed. */
export async function referenceDataPath(outputFolder: string): Promise<string> {
  const previous = join(outputFolder, PREVIOUS_DATA_CSV);
  return stat(previous).then(
    () => previous,
    () => join(outputFolder, FINAL_DATA_CSV),
  );
}
