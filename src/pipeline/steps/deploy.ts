/**
 * Deployment step. The core, `publish`, makes a release live: a trained model, its score on the test
 * data, the ingestion record it was trained on and its monitoring reference when it has one, written
 * from memory as `versions/<model id>/` and switched to atomically (the two-phase publish of
 * deployment/publish.ts), under the switch lock. The shell, `deploy` (`npm run deploy`), reads the
 * release from the model and output folders and checks that its parts belong together first.
 * `rollback` makes the previously live version live again.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { jsonText } from '../../data/atomic-write.ts';
import { readHistory, liveStack } from '../../deployment/history.ts';
import { deploymentLayout, MODEL_ID_PATTERN } from '../../deployment/layout.ts';
import { liveModelId, loadLiveDeployment, type LiveDeployment } from '../../deployment/live-deployment.ts';
import { listVersions, makeLive, stageVersion, type DeploymentContents } from '../../deployment/publish.ts';
import { withSwitchLock } from '../../deployment/switch-lock.ts';
import { reconcileDeployment } from '../../deployment/reconcile.ts';
import { AppError, describeError, NotFoundError } from '../../errors.ts';
import { log } from '../../log.ts';
import { ingestedFilesText, readIngestionRecord, type IngestionRecord } from '../../records/ingestion-record.ts';
import { readModelFile } from '../../records/model-io.ts';
import { parseMonitoringReference } from '../../records/monitoring-reference-file.ts';
import {
  INGESTED_FILES_JSON,
  INGESTED_FILES_TXT,
  LATEST_SCORE_JSON,
  LATEST_SCORE_TXT,
  MONITORING_REFERENCE_JSON,
  outputLayout,
  TRAINED_MODEL_JSON,
} from '../../records/output-layout.ts';
import { readScoreRecord, scoreText, type ScoreRecord } from '../../records/score-file.ts';
import type { TrainedModel } from './train.ts';
import type { ModelReference } from './train-reference.ts';

/** The outcome of a deploy or a rollback. */
export interface DeploymentResult {
  modelId: string;
  previous: string | null;
  at: string;
  live: LiveDeployment;
}

/** What one deployment makes live. */
export interface Release {
  trained: TrainedModel;
  /** The trained model's score on the test data. */
  score: ScoreRecord;
  /** The ingestion the model was trained on. */
  ingestion: IngestionRecord;
  /** The model's monitoring reference; null: the version has none. */
  monitoringReference: ModelReference | null;
}

/** A release's files as the steps write them into the model and output folders (the same bytes). */
export function releaseFiles(release: Release): DeploymentContents {
  return {
    [TRAINED_MODEL_JSON]: jsonText(release.trained.file),
    [LATEST_SCORE_TXT]: scoreText(release.score),
    [LATEST_SCORE_JSON]: jsonText(release.score),
    [INGESTED_FILES_TXT]: ingestedFilesText(release.ingestion),
    [INGESTED_FILES_JSON]: jsonText(release.ingestion),
    ...(release.monitoringReference ? { [MONITORING_REFERENCE_JSON]: release.monitoringReference.text } : {}),
  };
}

/**
 * Makes `release` live, its files holding `contents` (default: written from the release); publishing
 * the live version again is a no-op. The live deployment is described from memory, not read back.
 */
export async function publish(
  prod: string,
  release: Release,
  contents: DeploymentContents = releaseFiles(release),
): Promise<DeploymentResult> {
  const modelId = release.trained.file.model_id;
  const logger = log.child({ step: 'deployment' });
  return withSwitchLock(prod, async () => {
    if ((await liveModelId(prod)) === modelId) {
      const live = await loadLiveDeployment(prod);
      logger.info({ model_id: modelId }, `model ${modelId} is already live`);
      return { modelId, previous: modelId, at: live.wentLiveAt ?? new Date().toISOString(), live };
    }
    const versionPath = await stageVersion(prod, modelId, contents);
    const { previous, at } = await makeLive(prod, modelId, 'deploy');
    logger.info(
      { model_id: modelId, previous, monitoring_reference: release.monitoringReference !== null },
      `deployed model ${modelId}${previous ? ` (replacing ${previous})` : ''}${release.monitoringReference ? '' : ' without a monitoring reference'}`,
    );
    const live: LiveDeployment = {
      modelId,
      versionPath,
      model: release.trained.model,
      modelFile: release.trained.file,
      score: release.score,
      ingestion: release.ingestion,
      wentLiveAt: at,
    };
    return { modelId, previous, at, live };
  });
}

/**
 * `npm run deploy`: deploys the config's trained model with its score, ingestion record and monitoring
 * reference, after checking that they belong together (a valid model, its own score, an ingestion
 * record, its own reference: another model's is left out). The files are deployed as they are on disk.
 */
export async function deploy(config: Config): Promise<DeploymentResult> {
  const { output, models } = outputLayout(config);
  const trained = await readModelFile(models.trainedModel);
  const score = await readScoreRecord(models.latestScoreJson);
  if (score.model_id !== trained.file.model_id) {
    throw new AppError(
      409,
      `${models.latestScoreJson} scores model ${score.model_id}, not the trained model ${trained.file.model_id} (run \`npm run score\`)`,
    );
  }
  const ingestion = await readIngestionRecord(output.ingestedFilesJson);
  if (ingestion === null)
    throw new NotFoundError(`${output.ingestedFilesJson}: no ingestion record (run \`npm run ingest\`)`);
  const [model, scoreTxt, scoreJson, ingestedTxt, ingestedJson] = await Promise.all(
    [
      models.trainedModel,
      models.latestScoreTxt,
      models.latestScoreJson,
      output.ingestedFilesTxt,
      output.ingestedFilesJson,
    ].map((path) => readFile(path, 'utf8')),
  );
  const monitoringReference = await readModelFolderReference(models.monitoringReference, trained.file.model_id);
  return publish(
    config.prod_deployment_path,
    { trained, score, ingestion, monitoringReference },
    {
      [TRAINED_MODEL_JSON]: model!,
      [LATEST_SCORE_TXT]: scoreTxt!,
      [LATEST_SCORE_JSON]: scoreJson!,
      [INGESTED_FILES_TXT]: ingestedTxt!,
      [INGESTED_FILES_JSON]: ingestedJson!,
      ...(monitoringReference ? { [MONITORING_REFERENCE_JSON]: monitoringReference.text } : {}),
    },
  );
}

/**
 * The model folder's monitoring reference at `path` when it belongs to model `modelId`; null, with a
 * warning, when there is none or it is another model's (left by an earlier training). A corrupt file
 * is a CorruptFileError naming the file and the field.
 */
async function readModelFolderReference(path: string, modelId: string): Promise<ModelReference | null> {
  const logger = log.child({ step: 'deployment' });
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    logger.warn(
      { model_id: modelId, monitoring_reference: null },
      `${path}: no monitoring reference; model ${modelId} is deployed without one`,
    );
    return null;
  }
  const reference = parseMonitoringReference(text, path);
  if (reference.modelId !== modelId) {
    logger.warn(
      { model_id: modelId, monitoring_reference: null, reference_model_id: reference.modelId },
      `${path} belongs to model ${reference.modelId}, not ${modelId}: not published; model ${modelId} is deployed without a monitoring reference`,
    );
    return null;
  }
  return { modelId, reference, text };
}

/**
 * `POST /deployments/{model_id}`: makes version `modelId` live. A version stored in the production
 * folder is checked as a rollback checks its target (a readable model of that id and its own score);
 * the model folder's trained model, not stored yet, is deployed as `npm run deploy` does. Anything else
 * is a 404.
 */
export async function deployVersion(config: Config, modelId: string): Promise<DeploymentResult> {
  const prod = config.prod_deployment_path;
  if (!MODEL_ID_PATTERN.test(modelId)) throw new NotFoundError(`'${modelId}' is not a model id`);
  if (!(await listVersions(prod)).includes(modelId)) {
    const trained = await readModelFile(outputLayout(config).models.trainedModel).catch(() => null);
    if (trained?.file.model_id === modelId) return deploy(config);
    throw new NotFoundError(
      `no version ${modelId} is stored, and it is not the trained model (GET /models lists them)`,
    );
  }
  return withSwitchLock(prod, async () => {
    const live = await liveModelId(prod);
    if (live === modelId) {
      const deployment = await loadLiveDeployment(prod);
      return { modelId, previous: modelId, at: deployment.wentLiveAt ?? new Date().toISOString(), live: deployment };
    }
    await checkStoredVersion(prod, modelId);
    const { previous, at } = await makeLive(prod, modelId, 'deploy');
    log.child({ step: 'deployment' }).info({ model_id: modelId, previous }, `made stored version ${modelId} live`);
    return { modelId, previous, at, live: await loadLiveDeployment(prod) };
  });
}

/** Refuses (409) a stored version whose model or score is missing, unreadable or another model's. */
async function checkStoredVersion(prod: string, modelId: string): Promise<void> {
  const folder = deploymentLayout(prod).version(modelId);
  const incomplete = (why: string) => new AppError(409, `version ${modelId} cannot be made live: ${why}`);
  const model = await readModelFile(join(folder, TRAINED_MODEL_JSON)).catch((error: unknown) => {
    throw incomplete(`its model file is missing or unreadable (${describeError(error).split(': ').at(-1)})`);
  });
  if (model.file.model_id !== modelId) throw incomplete(`its model file holds model ${model.file.model_id}`);
  const score = await readScoreRecord(join(folder, LATEST_SCORE_JSON)).catch(() => {
    throw incomplete('its score is missing or unreadable');
  });
  if (score.model_id !== modelId) throw incomplete(`its score is model ${score.model_id}'s`);
}

/** Makes the version that was live before the current one live again. */
export async function rollback(config: Config): Promise<DeploymentResult> {
  const prod = config.prod_deployment_path;
  if ((await liveModelId(prod)) === null)
    throw new NotFoundError(`${prod}: nothing is deployed, so there is nothing to roll back`);
  return withSwitchLock(prod, () => rollbackLocked(prod));
}

/** The rollback proper, under the switch lock. */
async function rollbackLocked(prod: string): Promise<DeploymentResult> {
  await reconcileDeployment(prod);
  const live = (await liveModelId(prod))!;
  const stack = liveStack(await readHistory(deploymentLayout(prod).history));
  if (stack.at(-1) !== live)
    throw new AppError(
      409,
      `${prod}: the deployment history does not end with the live version ${live}; cannot tell what was live before it`,
    );
  const target = stack.at(-2);
  if (target === undefined)
    throw new AppError(
      409,
      `${prod}: ${live} is the first deployed version; there is no earlier version to roll back to`,
    );
  await readModelFile(
    join(deploymentLayout(prod).version(target), TRAINED_MODEL_JSON),
    'the version folder is incomplete',
  );
  const { previous, at } = await makeLive(prod, target, 'rollback');
  log.child({ step: 'deployment' }).info({ model_id: target, previous }, `rolled back from ${previous} to ${target}`);
  return { modelId: target, previous, at, live: await loadLiveDeployment(prod) };
}
