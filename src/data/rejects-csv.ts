/**
 * The rejects files (ingestion's rejects.csv, the labels' labels_rejects.csv): one line per refused
 * field or file, `file,line,column,value,reason`; a file skipped whole is line 1, column `(file)`.
 */
import { rm } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.ts';
import type { FileReport, Reject } from './csv-file.ts';
import { csvLine } from './csv-format.ts';

/** Every reject of `reports`, a skipped file as one line. */
export function collectRejects(reports: readonly FileReport[]): Reject[] {
  return reports.flatMap((r): Reject[] =>
    r.skipped
      ? [{ file: r.name, line: 1, column: '(file)', value: '', reason: `file skipped: ${r.skipped}` }]
      : r.rejects,
  );
}

/** Writes `rejects` to `path` atomically, or removes `path` when there are none. */
export async function writeRejectsCsv(path: string, rejects: readonly Reject[]): Promise<void> {
  if (rejects.length === 0) {
    await rm(path, { force: true });
    return;
  }
  await writeFileAtomic(
    path,
    csvLine(['file', 'line', 'column', 'value', 'reason']) +
      rejects.map((r) => csvLine([r.file, r.line, r.column, r.value, r.reason])).join(''),
  );
}
