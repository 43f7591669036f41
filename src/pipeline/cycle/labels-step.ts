/**
 * The cycle's labels step: the labels folder read into the label store (steps/read-labels.ts) before
 * production monitoring, so that labels that arrived since the last cycle count in its realized
 * metrics. What it did goes into the run record; a failure is recorded on the step and never fails the
 * cycle (the labels stay in their folder and are read by the next one).
 */
import type { Config } from '../../config.ts';
import { FileLabelStore } from '../../labels/file-label-store.ts';
import { outputLayout } from '../../records/output-layout.ts';
import type { RunLabels } from '../../records/run-record.ts';
import { readLabels } from '../steps/read-labels.ts';
import type { StepRunner } from './step-runner.ts';

function describe(summary: RunLabels): string {
  if (summary.files === 0) return 'no new labels files';
  return `${summary.files} labels files: ${summary.stored} labels stored, ${summary.duplicates} duplicates, ${summary.conflicts} conflicts, ${summary.rows_rejected} rows refused`;
}

/** Runs step "labels"; its summary, or null when it failed (recorded on the step). */
export async function readLabelsStep(config: Config, steps: StepRunner): Promise<RunLabels | null> {
  const store = new FileLabelStore(outputLayout(config).output.labels);
  try {
    return await steps.run(
      'labels',
      async () => {
        const result = await readLabels(config, store);
        return {
          files: result.files.length,
          stored: result.stored,
          duplicates: result.duplicates,
          conflicts: result.conflicts,
          rows_rejected: result.rowsRejected,
        };
      },
      describe,
    );
  } catch {
    return null;
  } finally {
    await store.close();
  }
}
