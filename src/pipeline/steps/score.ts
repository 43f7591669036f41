/**
 * Scoring step: the trained model's metrics (F1 and more) on `<test_data_path>/testdata.csv`, written to
 * `latestscore.txt` (F1 only, the seed's format) and `latestscore.json` (all metrics, model id, test
 * file hash, rows). `scoreOnData` is the side-effect-free core the API and the cycle use too.
 */
import { basename, join } from 'node:path';
import type { Config } from '../../config.ts';
import { readDataset } from '../../data/read-dataset.ts';
import { TARGET, type Dataset } from '../../data/schema.ts';
import { DataError } from '../../errors.ts';
import type { LinearModel } from '../../model/logistic-regression.ts';
import { predictDataset } from '../../model/predict.ts';
import { confusionCounts, f1, scoreBinary } from '../../model/metrics.ts';
import { log } from '../../log.ts';
import { readModelFile } from '../../records/model-io.ts';
import { writeScoreFiles, type ScoreRecord } from '../../records/score-file.ts';
import { LATEST_SCORE_JSON, LATEST_SCORE_TXT, TEST_DATA_CSV, TRAINED_MODEL_JSON } from '../../records/output-layout.ts';


/** The path of the scoring file. */
export function testDataPath(config: Config): string {
  return join(config.test_data_path, TEST_DATA_CSV);
}

/** Metrics of `model` on `dataset`, with no side effects. */
export function scoreDataset(model: LinearModel, dataset: Dataset) {
  const { classes, probabilities } = predictDataset(model, dataset);
  return scoreBinary(dataset.columns[TARGET], classes, probabilities);
}

/** F1 alone of `model` on `dataset` (no probabilities, no ROC AUC: one pass, for large batches; `predictions`: its predictions, when already made). */
export function f1OnDataset(model: LinearModel, dataset: Dataset, predictions = predictDataset(model, dataset).classes): number {
  return f1(confusionCounts(dataset.columns[TARGET], predictions));
}

/** Reads the labelled CSV at `dataPath` and scores `model` on it; rejected rows are an error here. */
export async function scoreOnData(model: LinearModel, modelId: string, dataPath: string): Promise<ScoreRecord> {
  const { dataset, files } = await readDataset(dataPath);
  const bad = files.find((f) => f.skipped || f.rowsRejected > 0);
  if (bad) {
    const first = bad.rejects[0];
    throw new DataError(`${dataPath}: ${bad.skipped ?? `${bad.rowsRejected} rows rejected (first: line ${first?.line}, column ${first?.column}: ${first?.reason})`}`);
  }
  return {
    model_id: modelId,
    ...scoreDataset(model, dataset),
    data_file: basename(dataPath),
    data_sha256: files[0]?.sha256 ?? '',
    scored_at: new Date().toISOString(),
  };
}

/** Scores the config's trained model on its test data and writes latestscore.{txt,json}. */
export async function score(config: Config): Promise<ScoreRecord> {
  const { model, file } = await readModelFile(join(config.output_model_path, TRAINED_MODEL_JSON));
  const record = await scoreOnData(model, file.model_id, testDataPath(config));
  await writeScoreFiles(join(config.output_model_path, LATEST_SCORE_JSON), join(config.output_model_path, LATEST_SCORE_TXT), record);
  log.child({ step: 'scoring' }).info({ model_id: record.model_id, f1: record.f1 }, `model ${record.model_id}: F1 ${record.f1} on ${record.rows} rows`);
  return record;
}
