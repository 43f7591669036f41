/**
 * The archive of past cycles' drift reports: the cycle writes the reports it rendered (atomically) to
 * `drift_reports/<run id>.{html,json}` in the output folder too, and deletes the reports of all but the
 * newest `keep` cycles. Run ids start with their UTC time, so name order is time order.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { removeStaleTemps, writeFileAtomic } from '../../data/atomic-write.ts';
import { DRIFT_REPORTS_DIR } from '../../records/output-layout.ts';
import { RUN_ID_PATTERN } from '../../records/run-id.ts';
import type { DriftReportTexts } from './drift-step.ts';

const ARCHIVED_FILE = /^(\d{8}T\d{6}Z-[0-9a-f]{6})\.(html|json)$/;

/** The archived report of `runId` (`html` or `json`), relative to the output folder. */
export function archivedReportName(runId: string, kind: 'html' | 'json'): string {
  return `${DRIFT_REPORTS_DIR}/${runId}.${kind}`;
}

/**
 * Archives the reports `texts` of run `runId` in `outputFolder` (after removing copies that a crashed
 * cycle left half-done), then prunes the archive to the newest `keep` runs. Returns the archived HTML
 * report's name relative to `outputFolder`.
 */
export async function archiveDriftReport(
  outputFolder: string,
  runId: string,
  keep: number,
  texts: DriftReportTexts,
): Promise<string> {
  if (!RUN_ID_PATTERN.test(runId)) throw new Error(`'${runId}' is not a run id`);
  const folder = join(outputFolder, DRIFT_REPORTS_DIR);
  await mkdir(folder, { recursive: true });
  await removeStaleTemps(folder);
  await writeFileAtomic(join(outputFolder, archivedReportName(runId, 'json')), texts.json);
  await writeFileAtomic(join(outputFolder, archivedReportName(runId, 'html')), texts.html);
  await pruneDriftReports(folder, keep);
  return archivedReportName(runId, 'html');
}

/** Deletes the archived reports of all but the newest `keep` runs in `folder` (other files stay). */
async function pruneDriftReports(folder: string, keep: number): Promise<void> {
  const names = await readdir(folder);
  const ids = [...new Set(names.flatMap((name) => ARCHIVED_FILE.exec(name)?.[1] ?? []))].sort();
  const doomed = new Set(ids.slice(0, Math.max(0, ids.length - keep)));
  await Promise.all(
    names
      .filter((name) => doomed.has(ARCHIVED_FILE.exec(name)?.[1] ?? ''))
      .map((name) => rm(join(folder, name), { force: true })),
  );
}
