/**
 * Scoring step. The cores: `readScoringData` reads a labelled CSV once (rejected rows are an error),
 * `scoreRecord` computes a model's metrics on it (F1 and more, with the model id and the data's file
 * name and hash). The shell, `score` (`npm run score`), scores the trained model on
 * `<test_data_path>/testdata.csv` and writes `latestscore.txt` (F1 only, the seed's format) and
 * `latestscore.json`. The API and the cycle call the cores.
 */
import { basename } from 'node:path';
import type { Config } from '../../config.ts';
import { readDataset } from '../../data/read-dataset.ts';
import { TARGET, type Dataset } from '../../data/schema.ts';
import { DataError } from '../../errors.ts';
import { log } from '../../log.ts';
import type { LinearModel } from '../../model/logistic-regression.ts';
import { confusionCounts, f1, scoreBinary } from '../../model/metrics.ts';
import { predictDataset, predictDatasetClasses } from '../../model/predict.ts';
import { readModelFile } from '../../records/model-io.ts';
import { outputLayout } from '../../records/output-layout.ts';
import { writeScoreFiles, type ScoreRecord } from '../../records/score-file.ts';

/** A labelled data set read for scoring, with the file it came from. */
export interface ScoringData {
  dataset: Dataset;
  /** The file's name (not its path). */
  file: string;
  sha256: string;
}

/** Metrics of `model` on `dataset`, with no side effects. */
export function scoreDataset(model: LinearModel, dataset: Dataset) {
  const { classes, probabilities } = predictDataset(model, dataset);
  return scoreBinary(dataset.columns[TARGET], classes, probabilities);
}

/**
 * F1 alone of `model` on `dataset` (no probabilities, no ROC AUC: one pass, for large batches);
 * `predictions`: its predictions, when already made.
 */
export function f1OnDataset(
  model: LinearModel,
  dataset: Dataset,
  predictions = predictDatasetClasses(model, dataset),
): number {
  return f1(confusionCounts(dataset.columns[TARGET], predictions));
}

/** Reads the labelled CSV at `dataPath` for scoring; rejected rows are an error here. */
export async function readScoringData(dataPath: string): Promise<ScoringData> {
  const { dataset, files } = await readDataset(dataPath);
  const bad = files.find((f) => f.skipped || f.rowsRejected > 0);
  if (bad) {
    const first = bad.rejects[0];
    throw new DataError(
      `${dataPath}: ${bad.skipped ?? `${bad.rowsRejected} rows rejected (first: line ${first?.line}, column ${first?.column}: ${first?.reason})`}`,
    );
  }
  return { dataset, file: basename(dataPath), sha256: files[0]?.sha256 ?? '' };
}

/** The score record of model `modelId` on `data` (scored now). */
export function scoreRecord(model: LinearModel, modelId: string, data: ScoringData): ScoreRecord {
  return {
    model_id: modelId,
    ...scoreDataset(model, data.dataset),
    data_file: data.file,
    data_sha256: data.sha256,
    scored_at: new Date().toISOString(),
  };
}

/** Reads the labelled CSV at `dataPath` and scores `model` on it. */
export async function scoreOnData(model: LinearModel, modelId: string, dataPath: string): Promise<ScoreRecord> {
  return scoreRecord(model, modelId, await readScoringData(dataPath));
}

/** Writes latestscore.{json,txt} of `record` into the config's model folder. */
export async function writeLatestScore(config: Config, record: ScoreRecord): Promise<void> {
  const { models } = outputLayout(config);
  await writeScoreFiles(models.latestScoreJson, models.latestScoreTxt, record);
  log
    .child({ step: 'scoring' })
    .info(
      { model_id: record.model_id, f1: record.f1 },
      `model ${record.model_id}: F1 ${record.f1} on ${record.rows} rows`,
    );
}

/** `npm run score`: scores the config's trained model on its test data and writes latestscore.{txt,json}. */
export async function score(config: Config): Promise<ScoreRecord> {
  const layout = outputLayout(config);
  const { model, file } = await readModelFile(layout.models.trainedModel);
  const record = await scoreOnData(model, file.model_id, layout.testData);
  await writeLatestScore(config, record);
  return record;
}
