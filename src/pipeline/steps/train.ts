/**
 * Training step: fits the logistic regression on the ingested data (`finaldata.csv`) and writes
 * `<output_model_path>/trainedmodel.json` with the coefficients, the fit's outcome and the data it was
 * trained on (file hash, rows, and the ingestion record's files).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { sha256File } from '../../data/file-hash.ts';
import { readIngestionRecord } from '../../records/ingestion-record.ts';
import { readDataset } from '../../data/read-dataset.ts';
import type { Dataset } from '../../data/schema.ts';
import { fitDataset } from '../../model/logistic-regression.ts';
import { modelToFile, type ModelFile } from '../../model/model-file.ts';
import { log } from '../../log.ts';
import { writeModelFile } from '../../records/model-io.ts';
import { FINAL_DATA_CSV, INGESTED_FILES_JSON, TRAINED_MODEL_JSON } from '../../records/output-layout.ts';

/** What training produced. */
export interface TrainingResult {
  file: ModelFile;
  modelPath: string;
}

/** Where to read the training data and write the model (the config's folders, or isolated ones). */
export interface TrainingPaths {
  dataFolder: string;
  modelFolder: string;
}

/** Trains on the config's ingested data (`loaded`: that data, already in memory). */
export async function train(config: Config, loaded?: Dataset): Promise<TrainingResult> {
  return trainModel({ dataFolder: config.output_folder_path, modelFolder: config.output_model_path }, config.model, loaded);
}

/**
 * Fits on `<dataFolder>/finaldata.csv` and writes `<modelFolder>/trainedmodel.json`. `loaded` is that
 * file's content when the caller has it in memory already (the cycle), so it is not read twice.
 */
export async function trainModel(paths: TrainingPaths, options: Config['model'], loaded?: Dataset): Promise<TrainingResult> {
  const dataPath = join(paths.dataFolder, FINAL_DATA_CSV);
  const dataset = loaded ?? (await readDataset(dataPath)).dataset;
  const model = fitDataset(dataset, { C: options.C, tol: options.tol, maxIter: options.max_iter });
  const ingestion = await readIngestionRecord(join(paths.dataFolder, INGESTED_FILES_JSON));
  const trainedOn = {
    data_file: FINAL_DATA_CSV,
    data_sha256: await sha256File(dataPath),
    rows: dataset.rows,
    ingested_at: ingestion?.ingested_at ?? null,
    files: ingestion?.files.filter((f) => f.skipped === null).map((f) => ({ name: f.name, sha256: f.sha256 })) ?? [],
  };
  const file = modelToFile(model, { trainedAt: new Date(), trainedOn });
  await mkdir(paths.modelFolder, { recursive: true });
  const modelPath = join(paths.modelFolder, TRAINED_MODEL_JSON);
  await writeModelFile(modelPath, file);
  const logger = log.child({ step: 'training' });
  if (!model.converged) logger.warn({ model_id: file.model_id, iterations: model.iterations }, 'the solver stopped before converging');
  logger.info({ model_id: file.model_id, rows: dataset.rows, iterations: model.iterations }, `trained model ${file.model_id} on ${dataset.rows} rows`);
  return { file, modelPath };
}
