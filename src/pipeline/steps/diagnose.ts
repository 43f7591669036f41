/**
 * Diagnostics step: predictions of the deployed model, summary statistics and missing data of the
 * ingested data, step timings and dependency status. Each section is its own function (the API calls
 * them one by one); `diagnostics` gathers them, and a section that cannot be computed says why
 * instead of failing the others.
 */
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { readDataset } from '../../data/read-dataset.ts';
import { loadLiveDeployment } from '../../deployment/live-deployment.ts';
import {
  dependencyStatus,
  type DependencyCheckOptions,
  type DependencyStatus,
} from '../../diagnostics/dependency-status.ts';
import { measureStepTimings } from './step-timings.ts';
import type { StepTimings } from '../../records/timings-file.ts';
import { readSummaryFile } from '../../records/summary-file.ts';
import { summarizeCsv, type DataSummary } from '../../diagnostics/summary-stats.ts';
import { fileKey } from '../../data/file-key.ts';
import { describeError } from '../../errors.ts';
import { predictDataset } from '../../model/predict.ts';
import { DEPENDENCIES_JSON, FINAL_DATA_CSV, outputLayout } from '../../records/output-layout.ts';

/** Dependency-check options for a config: the shared cache file in the output folder, plus `extra`. */
export function dependencyOptionsFor(config: Config, extra: DependencyCheckOptions = {}): DependencyCheckOptions {
  return { cacheFile: join(config.output_folder_path, DEPENDENCIES_JSON), ...extra };
}

/** Predictions of one model on one data set. */
export interface Predictions {
  model_id: string;
  data_file: string;
  rows: number;
  predictions: number[];
  probabilities: number[];
}

/** Predictions of the live model on `dataPath` (default: the test data). */
export async function livePredictions(config: Config, dataPath = outputLayout(config).testData): Promise<Predictions> {
  const live = await loadLiveDeployment(config.prod_deployment_path);
  const { dataset } = await readDataset(dataPath);
  const { classes, probabilities } = predictDataset(live.model, dataset);
  return {
    model_id: live.modelId,
    data_file: dataPath,
    rows: dataset.rows,
    predictions: Array.from(classes),
    probabilities: Array.from(probabilities),
  };
}

/**
 * Summary statistics and missing data of the ingested data (finaldata.csv): the ones ingestion stored
 * when they still describe the file (`dataKey`: its fileKey, when the caller has it), else computed.
 */
export async function ingestedDataSummary(config: Config, dataKey?: string): Promise<DataSummary> {
  const path = join(config.output_folder_path, FINAL_DATA_CSV);
  const stored = await readSummaryFile(config.output_folder_path, dataKey ?? (await fileKey(path)));
  return stored ?? summarizeCsv(path);
}

/** A section's value, or the reason it is missing. */
export type Section<T> = T | { status: 'unavailable'; reason: string };

async function section<T>(compute: () => Promise<T>): Promise<Section<T>> {
  try {
    return await compute();
  } catch (error) {
    return { status: 'unavailable', reason: describeError(error) };
  }
}

/** All diagnostics. */
export interface DiagnosticsReport {
  predictions: Section<Predictions>;
  summary_statistics: Section<DataSummary['summary']>;
  missing_data: Section<DataSummary['missing_percent']>;
  timings: Section<StepTimings>;
  dependencies: DependencyStatus;
}

/** Computes every diagnostic; `projectDir` is where package.json lives (for the dependency check). */
export async function diagnostics(
  config: Config,
  projectDir: string,
  dependencyOptions: DependencyCheckOptions = {},
): Promise<DiagnosticsReport> {
  const summary = await section(() => ingestedDataSummary(config));
  return {
    predictions: await section(() => livePredictions(config)),
    summary_statistics: 'summary' in summary ? summary.summary : summary,
    missing_data: 'missing_percent' in summary ? summary.missing_percent : summary,
    timings: await section(() => measureStepTimings(config)),
    dependencies: await dependencyStatus(projectDir, dependencyOptionsFor(config, dependencyOptions)),
  };
}
