/**
 * The one loader of the deployed model, used by everything that serves or scores it: resolves
 * `current` once, reads every file from that version folder (a consistent snapshot even while another
 * process switches versions), validates each, and refuses a missing or corrupt deployment with an
 * error naming the file.
 */
import { join, resolve } from 'node:path';
import { readIngestionRecord, type IngestionRecord } from '../records/ingestion-record.ts';
import { CorruptFileError, NotFoundError } from '../errors.ts';
import type { LogisticModel } from '../model/logistic-regression.ts';
import type { ModelFile } from '../model/model-file.ts';
import { readModelFile } from '../records/model-io.ts';
import { readScoreRecord, type ScoreRecord } from '../records/score-file.ts';
import { readHistory, wentLiveAt } from './history.ts';
import { deploymentLayout } from './layout.ts';
import { readSymlink } from './symlink-switch.ts';
import { INGESTED_FILES_JSON, LATEST_SCORE_JSON, TRAINED_MODEL_JSON } from '../records/output-layout.ts';

/** Everything about the live version. */
export interface LiveDeployment {
  modelId: string;
  versionPath: string;
  model: LogisticModel;
  modelFile: ModelFile;
  score: ScoreRecord;
  ingestion: IngestionRecord | null;
  /** When this version went live (from the history), or null if unrecorded. */
  wentLiveAt: string | null;
}

/** The live version's model id, or null when nothing is deployed. */
export async function liveModelId(prodPath: string): Promise<string | null> {
  const target = await readSymlink(deploymentLayout(prodPath).current);
  return target === null ? null : (target.split('/').at(-1) ?? null);
}

/** Loads and validates the live deployment; NotFoundError when there is none. */
export async function loadLiveDeployment(prodPath: string): Promise<LiveDeployment> {
  const layout = deploymentLayout(prodPath);
  const target = await readSymlink(layout.current);
  if (target === null)
    throw new NotFoundError(`${prodPath}: no model is deployed (run \`npm run deploy\` or \`npm run fullprocess\`)`);
  const versionPath = resolve(prodPath, target);
  const modelId = versionPath.split('/').at(-1) ?? '';
  const { model, file: modelFile } = await readModelFile(
    join(versionPath, TRAINED_MODEL_JSON),
    'the deployment is incomplete',
  );
  if (modelFile.model_id !== modelId) {
    throw new CorruptFileError(
      `${join(versionPath, TRAINED_MODEL_JSON)}: holds model ${modelFile.model_id}, but the version folder is ${modelId}`,
    );
  }
  const score = await readScoreRecord(join(versionPath, LATEST_SCORE_JSON)).catch((error: unknown) => {
    if (error instanceof NotFoundError)
      throw new CorruptFileError(`${join(versionPath, LATEST_SCORE_JSON)}: missing from the deployment`);
    throw error;
  });
  const ingestion = await readIngestionRecord(join(versionPath, INGESTED_FILES_JSON));
  const history = await readHistory(layout.history);
  return { modelId, versionPath, model, modelFile, score, ingestion, wentLiveAt: wentLiveAt(history, modelId) };
}
