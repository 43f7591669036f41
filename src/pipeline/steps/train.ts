/**
 * Training step. The core, `fitModel`, fits the logistic regression on rows in memory and describes
 * the result as a model file (coefficients, the fit's outcome, what it was trained on); its sibling
 * core, `buildModelReference` (train-reference.ts), builds the model's monitoring reference. The shell,
 * `train` (`npm run train`), reads `finaldata.csv` and the ingestion record from the output folder and
 * writes `<output_model_path>/trainedmodel.json` and `monitoring_reference.json`. The cycle calls the
 * cores with the batch it ingested.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { sha256File } from '../../data/file-hash.ts';
import { readDataset } from '../../data/read-dataset.ts';
import type { Dataset } from '../../data/schema.ts';
import { log } from '../../log.ts';
import { fitDataset, type LogisticModel } from '../../model/logistic-regression.ts';
import { modelToFile, type ModelFile } from '../../model/model-file.ts';
import { readIngestionRecord, type IngestionRecord } from '../../records/ingestion-record.ts';
import { writeModelFile } from '../../records/model-io.ts';
import { FINAL_DATA_CSV, INGESTED_FILES_JSON, TRAINED_MODEL_JSON } from '../../records/output-layout.ts';
import { buildModelReference, writeModelReference } from './train-reference.ts';

/** A fitted model and its model file. */
export interface TrainedModel {
  model: LogisticModel;
  file: ModelFile;
}

/**
 * What the training data was: finaldata.csv's hash and rows, and the ingestion that made it; with the
 * labelled production rows added to them, when the cycle adds them (config
 * training.include_labelled_production).
 */
export interface TrainingData {
  dataset: Dataset;
  /** sha256 of finaldata.csv, which holds `dataset` (all but the labelled production rows). */
  sha256: string;
  ingestion: IngestionRecord | null;
  labelledProduction?: LabelledProductionUse;
}

/** How many labelled production rows the training data holds, and the span of the log they come from. */
export type LabelledProductionUse = {
  /** Labelled production rows trained on (after the repeats were dropped). */
  rows: number;
  /** Rows of the batch (finaldata.csv). */
  batch_rows: number;
  /** Labelled production rows dropped as repeats of an earlier row (ingestion's rule). */
  duplicates_dropped: number;
  /** The span of the log they were looked for in (the horizon before the training). */
  from: string;
  to: string;
};

/** What training produced, and where the shell wrote it. */
export interface TrainingResult extends TrainedModel {
  modelPath: string;
  /** Where the monitoring reference was written; null when the training data allowed none. */
  referencePath: string | null;
}

/** The config sections training follows: the fit options, and the monitoring reference's size and folds. */
export type TrainingOptions = Pick<Config, 'model' | 'monitoring'>;

/** Where the shell reads the training data and writes the model (the config's folders, or isolated ones). */
export interface TrainingPaths {
  dataFolder: string;
  modelFolder: string;
}

/** Fits the model on `data` and describes it as a model file (trained now). */
export function fitModel(data: TrainingData, options: Config['model']): TrainedModel {
  const model = fitDataset(data.dataset, { C: options.C, tol: options.tol, maxIter: options.max_iter });
  const trainedOn = {
    data_file: FINAL_DATA_CSV,
    data_sha256: data.sha256,
    rows: data.dataset.rows,
    ingested_at: data.ingestion?.ingested_at ?? null,
    files:
      data.ingestion?.files.filter((f) => f.skipped === null).map((f) => ({ name: f.name, sha256: f.sha256 })) ?? [],
    ...(data.labelledProduction ? { labelled_production: data.labelledProduction } : {}),
  };
  const file = modelToFile(model, { trainedAt: new Date(), trainedOn });
  const logger = log.child({ step: 'training' });
  if (!model.converged)
    logger.warn({ model_id: file.model_id, iterations: model.iterations }, 'the solver stopped before converging');
  logger.info(
    { model_id: file.model_id, rows: data.dataset.rows, iterations: model.iterations },
    `trained model ${file.model_id} on ${data.dataset.rows} rows`,
  );
  return { model, file };
}

/** Writes `<modelFolder>/trainedmodel.json`; returns its path. */
export async function writeTrainedModel(modelFolder: string, trained: TrainedModel): Promise<string> {
  await mkdir(modelFolder, { recursive: true });
  const modelPath = join(modelFolder, TRAINED_MODEL_JSON);
  await writeModelFile(modelPath, trained.file);
  return modelPath;
}

/** Reads the training data of an output folder: finaldata.csv, its hash and the ingestion record. */
export async function readTrainingData(dataFolder: string): Promise<TrainingData> {
  const dataPath = join(dataFolder, FINAL_DATA_CSV);
  const [{ dataset }, sha256, ingestion] = await Promise.all([
    readDataset(dataPath),
    sha256File(dataPath),
    readIngestionRecord(join(dataFolder, INGESTED_FILES_JSON)),
  ]);
  return { dataset, sha256, ingestion };
}

/**
 * Fits on `<dataFolder>/finaldata.csv`, builds the model's monitoring reference, and writes
 * `<modelFolder>/trainedmodel.json` and `monitoring_reference.json` (removed when there is none).
 */
export async function trainModel(paths: TrainingPaths, options: TrainingOptions): Promise<TrainingResult> {
  const data = await readTrainingData(paths.dataFolder);
  const trained = fitModel(data, options.model);
  const { kept } = buildModelReference(trained, data.dataset, options);
  const modelPath = await writeTrainedModel(paths.modelFolder, trained);
  return { ...trained, modelPath, referencePath: await writeModelReference(paths.modelFolder, kept) };
}

/** `npm run train`: trains on the config's ingested data. */
export async function train(config: Config): Promise<TrainingResult> {
  return trainModel({ dataFolder: config.output_folder_path, modelFolder: config.output_model_path }, config);
}
