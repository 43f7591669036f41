/**
 * Reporting step: the confusion matrix of the deployed model on the test data, as
 * `<output_model_path>/confusionmatrix.png` (written atomically), with the metrics behind it.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { writeFileAtomic } from '../../data/atomic-write.ts';
import { loadLiveDeployment } from '../../deployment/live-deployment.ts';
import { log } from '../../log.ts';
import type { ScoreRecord } from '../../records/score-file.ts';
import { renderConfusionMatrixPng } from '../../report/confusion-matrix.ts';
import { scoreOnData, testDataPath } from './score.ts';
import { CONFUSION_MATRIX_PNG } from '../../records/output-layout.ts';


/** What the report shows and where it was written. */
export interface ReportingResult {
  path: string;
  score: ScoreRecord;
}

/** Scores the live model on the test data and writes the confusion-matrix PNG. */
export async function report(config: Config): Promise<ReportingResult> {
  const live = await loadLiveDeployment(config.prod_deployment_path);
  const score = await scoreOnData(live.model, live.modelId, testDataPath(config));
  const png = await renderConfusionMatrixPng(score.confusion_matrix, { modelId: live.modelId });
  await mkdir(config.output_model_path, { recursive: true });
  const path = join(config.output_model_path, CONFUSION_MATRIX_PNG);
  await writeFileAtomic(path, png);
  log.child({ step: 'reporting' }).info({ model_id: live.modelId, path }, `confusion matrix of ${live.modelId} written to ${path}`);
  return { path, score };
}
