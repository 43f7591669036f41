/**
 * The running cycle as /health and /metrics report it (records/cycle-status.ts), read at most once a
 * second per config: a probe or a scrape costs two small file reads at most.
 */
import type { Config } from '../config.ts';
import { type CycleStatus, readCycleStatus } from '../records/cycle-status.ts';
import { outputFolderLayout } from '../records/output-layout.ts';

/** How long one reading is answered again. */
const FRESH_FOR_MS = 1000;

const readings = new WeakMap<Config, { at: number; status: Promise<CycleStatus> }>();

/** The status of the cycle running on `config`'s output folder, at most a second old. */
export function cycleStatus(config: Config): Promise<CycleStatus> {
  const now = Date.now();
  const last = readings.get(config);
  if (last && now - last.at < FRESH_FOR_MS) return last.status;
  const output = outputFolderLayout(config.output_folder_path);
  const status = readCycleStatus({ lock: output.cycleLock, progress: output.cycleProgress }, now);
  readings.set(config, { at: now, status });
  return status;
}
