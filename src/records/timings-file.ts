/**
 * The step timings record (`timings.json` in the output folder): when ingestion and training were
 * last timed, on which input, and how long each took. Written by the diagnostics step, read by the API.
 */
import { z } from 'zod';
import { writeJsonAtomic } from '../data/atomic-write.ts';
import { readJsonFileOrNull } from '../data/read-json-file.ts';

export const stepTimingsSchema = z.object({
  measured_at: z.string(),
  input_folder: z.string(),
  rows: z.number().int().nonnegative(),
  ingestion_ms: z.number().nonnegative(),
  training_ms: z.number().nonnegative(),
});

export type StepTimings = z.infer<typeof stepTimingsSchema>;

/** Writes the record atomically. */
export async function writeStepTimings(path: string, timings: StepTimings): Promise<void> {
  await writeJsonAtomic(path, timings);
}

/** The record at `path`, or null when none was measured (or the file is unreadable). */
export function readStepTimingsFile(path: string): Promise<StepTimings | null> {
  return readJsonFileOrNull(path, stepTimingsSchema);
}
