/**
 * The labels step: reads the CSV files of `labels_folder_path` that are new or changed since they were
 * last read (labels_files.json), adds their good rows to the label store, writes the refused rows and
 * files to labels_rejects.csv and records what each file held. A folder that does not exist holds no
 * labels. `npm run labels` and every cycle run it; `POST /labels` adds labels without it.
 */
import { mkdir } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Config } from '../../config.ts';
import { writeJsonAtomic } from '../../data/atomic-write.ts';
import { fileKey } from '../../data/file-key.ts';
import { listCsvFiles } from '../../data/list-csv-files.ts';
import { collectRejects, writeRejectsCsv } from '../../data/rejects-csv.ts';
import { DataError } from '../../errors.ts';
import type { LabelStore } from '../../labels/label.ts';
import { readLabelsFile } from '../../labels/labels-csv.ts';
import { type LabelsFileEntry, readLabelsFilesRecord } from '../../records/labels-files.ts';
import { outputLayout } from '../../records/output-layout.ts';

/** What one labels step did. */
export interface LabelsStepResult {
  /** The files read this time (new or changed), with what each held. */
  files: LabelsFileEntry[];
  /** Files left alone because they were read before, unchanged. */
  unchanged: number;
  stored: number;
  duplicates: number;
  conflicts: number;
  rowsRejected: number;
}

/** Reads the labels folder of `config` into `store` (see the module comment). */
export async function readLabels(config: Config, store: LabelStore): Promise<LabelsStepResult> {
  const layout = outputLayout(config).output;
  const result: LabelsStepResult = { files: [], unchanged: 0, stored: 0, duplicates: 0, conflicts: 0, rowsRejected: 0 };
  let paths: string[];
  try {
    paths = await listCsvFiles(config.labels_folder_path);
  } catch (error) {
    if (error instanceof DataError) return result; // no labels folder: no labels
    throw error;
  }
  const record = await readLabelsFilesRecord(layout.labelsFiles);
  const known = new Map(record.files.map((entry) => [entry.name, entry]));
  const reports = [];
  for (const path of paths) {
    const name = basename(path);
    const key = await fileKey(path);
    const before = known.get(name);
    if (before !== undefined && key !== '' && before.key === key) {
      result.unchanged++;
      continue;
    }
    const { report, labels } = await readLabelsFile(path);
    reports.push(report);
    const added = before?.sha256 === report.sha256 ? null : await store.add(labels, name);
    const entry: LabelsFileEntry = {
      name,
      sha256: report.sha256,
      key,
      bytes: report.bytes,
      read_at: new Date().toISOString(),
      rows_read: report.rowsRead,
      rows_valid: report.rowsValid,
      rows_rejected: report.rowsRejected,
      stored: added?.stored ?? before?.stored ?? 0,
      duplicates: added?.duplicates ?? before?.duplicates ?? 0,
      conflicts: added?.conflicts ?? before?.conflicts ?? 0,
      skipped: report.skipped,
    };
    known.set(name, entry);
    result.files.push(entry);
    if (added) {
      result.stored += added.stored;
      result.duplicates += added.duplicates;
      result.conflicts += added.conflicts;
    }
    result.rowsRejected += report.rowsRejected;
  }
  if (result.files.length > 0) {
    await mkdir(layout.folder, { recursive: true });
    await writeRejectsCsv(layout.labelsRejects, collectRejects(reports));
    await writeJsonAtomic(layout.labelsFiles, { format_version: 1, files: [...known.values()] });
  }
  return result;
}
