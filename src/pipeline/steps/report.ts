/**
 * Reporting step: the confusion matrix of a model on the test data, as
 * `<output_model_path>/confusionmatrix.png` (written atomically). The core draws it from a score record
 * (the cycle passes the deployed model's score it just computed); the shell, `report` (`npm run
 * report`), scores the live model on the test data first.
 */
import { mkdir } from 'node:fs/promises';
import type { Config } from '../../config.ts';
import { writeFileAtomic } from '../../data/atomic-write.ts';
import { loadLiveDeployment } from '../../deployment/live-deployment.ts';
import { log } from '../../log.ts';
import { outputLayout } from '../../records/output-layout.ts';
import type { ScoreRecord } from '../../records/score-file.ts';
import { renderConfusionMatrixPng } from '../../report/confusion-matrix.ts';
import { scoreOnData } from './score.ts';

/** What the report shows and where it was written. */
export interface ReportingResult {
  path: string;
  score: ScoreRecord;
}

/** Draws the confusion matrix of `score` (a model's score on the test data) into the config's model folder. */
export async function writeConfusionMatrix(config: Config, score: ScoreRecord): Promise<ReportingResult> {
  const png = await renderConfusionMatrixPng(score.confusion_matrix, { modelId: score.model_id });
  const { models } = outputLayout(config);
  await mkdir(models.folder, { recursive: true });
  await writeFileAtomic(models.confusionMatrix, png);
  log
    .child({ step: 'reporting' })
    .info(
      { model_id: score.model_id, path: models.confusionMatrix },
      `confusion matrix of ${score.model_id} written to ${models.confusionMatrix}`,
    );
  return { path: models.confusionMatrix, score };
}

/** `npm run report`: scores the live model on the test data and writes the confusion-matrix PNG. */
export async function report(config: Config): Promise<ReportingResult> {
  const live = await loadLiveDeployment(config.prod_deployment_path);
  return writeConfusionMatrix(config, await scoreOnData(live.model, live.modelId, outputLayout(config).testData));
}
