/**
 * Deployment steps. `deploy` makes the trained model live: it checks that the model file, its score and
 * the ingestion record belong together, stages them as `versions/<model id>/` and switches `current` to
 * it atomically. `rollback` makes the previously live version live again.
 */
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { readIngestionRecord } from '../../records/ingestion-record.ts';
import { readHistory, liveStack } from '../../deployment/history.ts';
import { deploymentLayout } from '../../deployment/layout.ts';
import { liveModelId, loadLiveDeployment, type LiveDeployment } from '../../deployment/live-deployment.ts';
import { makeLive, stageVersion, type DeploymentSources } from '../../deployment/publish.ts';
import { withSwitchLock } from '../../deployment/switch-lock.ts';
import { reconcileDeployment } from '../../deployment/reconcile.ts';
import { AppError, NotFoundError } from '../../errors.ts';
import { log } from '../../log.ts';
import { readModelFile } from '../../records/model-io.ts';
import { readScoreRecord } from '../../records/score-file.ts';
import { INGESTED_FILES_JSON, INGESTED_FILES_TXT, LATEST_SCORE_JSON, LATEST_SCORE_TXT, TRAINED_MODEL_JSON } from '../../records/output-layout.ts';

/** The outcome of a deploy or a rollback. */
export interface DeploymentResult {
  modelId: string;
  previous: string | null;
  at: string;
  live: LiveDeployment;
}

/** The files a deployment copies, from the config's model and output folders. */
function sourcesFor(config: Config): DeploymentSources {
  return {
    [TRAINED_MODEL_JSON]: join(config.output_model_path, TRAINED_MODEL_JSON),
    [LATEST_SCORE_TXT]: join(config.output_model_path, LATEST_SCORE_TXT),
    [LATEST_SCORE_JSON]: join(config.output_model_path, LATEST_SCORE_JSON),
    [INGESTED_FILES_TXT]: join(config.output_folder_path, INGESTED_FILES_TXT),
    [INGESTED_FILES_JSON]: join(config.output_folder_path, INGESTED_FILES_JSON),
  };
}

/** Checks the sources before anything is copied: a valid model, its own score, an ingestion record. */
async function checkSources(sources: DeploymentSources): Promise<string> {
  const { file } = await readModelFile(sources[TRAINED_MODEL_JSON]);
  const score = await readScoreRecord(sources[LATEST_SCORE_JSON]);
  if (score.model_id !== file.model_id) {
    throw new AppError(409, `${sources[LATEST_SCORE_JSON]} scores model ${score.model_id}, not the trained model ${file.model_id} (run \`npm run score\`)`);
  }
  if ((await readIngestionRecord(sources[INGESTED_FILES_JSON])) === null) {
    throw new NotFoundError(`${sources[INGESTED_FILES_JSON]}: no ingestion record (run \`npm run ingest\`)`);
  }
  return file.model_id;
}

/** Deploys the config's trained model (atomic switch); deploying the live version again is a no-op. */
export async function deploy(config: Config): Promise<DeploymentResult> {
  const sources = sourcesFor(config);
  const modelId = await checkSources(sources);
  const prod = config.prod_deployment_path;
  const logger = log.child({ step: 'deployment' });
  return withSwitchLock(prod, async () => {
    if ((await liveModelId(prod)) === modelId) {
      const live = await loadLiveDeployment(prod);
      logger.info({ model_id: modelId }, `model ${modelId} is already live`);
      return { modelId, previous: modelId, at: live.wentLiveAt ?? new Date().toISOString(), live };
    }
    await stageVersion(prod, modelId, sources);
    const { previous, at } = await makeLive(prod, modelId, 'deploy');
    logger.info({ model_id: modelId, previous }, `deployed model ${modelId}${previous ? ` (replacing ${previous})` : ''}`);
    return { modelId, previous, at, live: await loadLiveDeployment(prod) };
  });
}

/** Makes the version that was live before the current one live again. */
export async function rollback(config: Config): Promise<DeploymentResult> {
  const prod = config.prod_deployment_path;
  if ((await liveModelId(prod)) === null) throw new NotFoundError(`${prod}: nothing is deployed, so there is nothing to roll back`);
  return withSwitchLock(prod, () => rollbackLocked(prod));
}

/** The rollback proper, under the switch lock. */
async function rollbackLocked(prod: string): Promise<DeploymentResult> {
  await reconcileDeployment(prod);
  const live = (await liveModelId(prod))!;
  const stack = liveStack(await readHistory(deploymentLayout(prod).history));
  if (stack.at(-1) !== live) throw new AppError(409, `${prod}: the deployment history does not end with the live version ${live}; cannot tell what was live before it`);
  const target = stack.at(-2);
  if (target === undefined) throw new AppError(409, `${prod}: ${live} is the first deployed version; there is no earlier version to roll back to`);
  await readModelFile(join(deploymentLayout(prod).version(target), TRAINED_MODEL_JSON), 'the version folder is incomplete');
  const { previous, at } = await makeLive(prod, target, 'rollback');
  log.child({ step: 'deployment' }).info({ model_id: target, previous }, `rolled back from ${previous} to ${target}`);
  return { modelId: target, previous, at, live: await loadLiveDeployment(prod) };
}
