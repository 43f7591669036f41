/**
 * What the routes call: the live model (through the one loader's cache) and the pipeline's functions,
 * with results derived from files cached until those files change (the data sets /prediction names
 * are kept within server.dataset_cache_bytes, see prediction-datasets.ts). Each answered prediction
 * is handed to the prediction log, when there is one (ServiceOptions.predictionLog), with the arrays
 * the answer was computed from. Files are named relative to the project, never by absolute paths
 * (project-paths.ts). No Express in here.
 */
import { AuditTrail } from './audit-trail.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { LiveModelCache } from '../deployment/live-model-cache.ts';
import type { LiveDeployment } from '../deployment/live-deployment.ts';
import {
  dependencyStatus,
  type DependencyCheckOptions,
  type DependencyStatus,
} from '../diagnostics/dependency-status.ts';
import type { DataSummary } from '../diagnostics/summary-stats.ts';
import { AppError, NotFoundError } from '../errors.ts';
import { log } from '../log.ts';
import { ingestedDataSummary } from '../pipeline/steps/diagnose.ts';
import {
  datasetFeatures,
  predictDataset,
  predictFeatures,
  recordFeatures,
  type Predictions,
} from '../model/predict.ts';
import type { PredictionLogBatch, PredictionLogSink } from '../prediction-log/entry.ts';
import { scoreOnData } from '../pipeline/steps/score.ts';
import { readStepTimings } from '../pipeline/steps/step-timings.ts';
import type { StepTimings } from '../records/timings-file.ts';
import type { ScoreRecord } from '../records/score-file.ts';
import { fileKey } from '../data/file-key.ts';
import { KeyedCache } from '../data/keyed-cache.ts';
import { recordLogIds } from './log-ids.ts';
import { MonitoringSource } from './monitoring-source.ts';
import { AlertsSource } from '../alerts/alert-view.ts';
import { PredictionDatasets } from './prediction-datasets.ts';
import type { LabelInput, LabelsAnswer, PredictionRecord } from './schemas.ts';
import { FileLabelStore } from '../labels/file-label-store.ts';
import type { LabelStore } from '../labels/label.ts';
import { parseObservedAt } from '../labels/observed-at.ts';
import { DRIFT_REPORT_HTML, DRIFT_REPORT_JSON, FINAL_DATA_CSV, outputLayout } from '../records/output-layout.ts';
import { ProjectPaths } from '../project-paths.ts';

/** A 503: no model is live (or the live one cannot be loaded). */
export class NoLiveModelError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(503, message, options);
  }
}

/** Settings of the services. */
export interface ServiceOptions {
  config: Config;
  /** Folder of the project's package.json (for the dependency check). */
  projectDir: string;
  dependencyOptions?: DependencyCheckOptions;
  /** Where each answered prediction is handed (the prediction log's writer); none: nothing is logged. */
  predictionLog?: PredictionLogSink;
  /** Where POST /labels stores labels (default: the files under the output folder). */
  labels?: LabelStore;
}

/** What a prediction answers: the live model's id, classes (0/1) and probabilities of class 1. */
export interface PredictionAnswer {
  model_id: string;
  predictions: number[];
  probabilities: number[];
}

/** Predictions as the API answers them: `predictions` (classes) and `probabilities`, plain arrays. */
function predictionLists({ classes, probabilities }: Predictions): { predictions: number[]; probabilities: number[] } {
  return { predictions: Array.from(classes), probabilities: Array.from(probabilities) };
}

/**
 * Hands one request's predictions to the log, timed now. A sink must not throw; if one does anyway, the
 * answer is still sent and the failure logged.
 */
function handOff(sink: PredictionLogSink, batch: Omit<PredictionLogBatch, 'time'>): void {
  try {
    sink.record({ time: Date.now(), ...batch });
  } catch (error) {
    log.error({ err: error, requestId: batch.requestId }, 'the prediction log refused a batch');
  }
}

/** The operations the API offers, over one config. */
export class ApiServices {
  readonly config: Config;
  /** How answers name the project's files. */
  readonly paths: ProjectPaths;
  readonly live: LiveModelCache;
  /** The latest production-monitoring pass (GET /monitoring). */
  readonly monitoring: MonitoringSource;
  /** The delayed labels (POST /labels). */
  readonly labels: LabelStore;
  /** The alert files (GET /alerts, /metrics, the dashboard). */
  readonly alerts: AlertsSource;
  /** The audit log of admin actions and label uploads. */
  readonly audit: AuditTrail;
  private readonly options: ServiceOptions;
  private readonly scoreCache = new KeyedCache<ScoreRecord>();
  private readonly summaryCache = new KeyedCache<DataSummary>();
  private readonly datasets: PredictionDatasets;

  constructor(options: ServiceOptions) {
    this.options = options;
    this.config = options.config;
    this.paths = new ProjectPaths(options.config);
    this.live = new LiveModelCache(options.config.prod_deployment_path, (error) => this.paths.inError(error));
    this.monitoring = new MonitoringSource(options.config);
    this.alerts = new AlertsSource(options.config, this.paths);
    this.audit = new AuditTrail(outputLayout(options.config).output.audit, this.paths);
    this.labels = options.labels ?? new FileLabelStore(outputLayout(options.config).output.labels);
    this.datasets = new PredictionDatasets({
      folder: options.config.test_data_path,
      folderName: this.paths.folder('test_data_path'),
      cacheBytes: options.config.server.dataset_cache_bytes,
      maxFileBytes: options.config.server.dataset_max_bytes,
      keepIds: options.predictionLog !== undefined,
    });
  }

  /** The live deployment, or a 503 saying why there is none. */
  async liveDeployment(): Promise<LiveDeployment> {
    try {
      return await this.live.get();
    } catch (error) {
      if (error instanceof AppError) throw new NoLiveModelError(`no model is live: ${error.message}`, { cause: error });
      throw error;
    }
  }

  /** Predictions of the live model for client records, logged under `requestId`. */
  async predictRecords(records: readonly PredictionRecord[], requestId: string): Promise<PredictionAnswer> {
    const live = await this.liveDeployment();
    const features = recordFeatures(records);
    const predictions = predictFeatures(live.model, features);
    const sink = this.options.predictionLog;
    if (sink) handOff(sink, { requestId, modelId: live.modelId, ids: recordLogIds(records), features, ...predictions });
    return { model_id: live.modelId, ...predictionLists(predictions) };
  }

  /** Predictions of the live model for a CSV file inside the test data folder, logged under `requestId`. */
  async predictDataset(name: string, requestId: string): Promise<PredictionAnswer> {
    const source = this.datasets.source(name);
    try {
      const live = await this.liveDeployment();
      const { dataset, ids } = await source.rows();
      const predictions = predictDataset(live.model, dataset);
      const sink = this.options.predictionLog;
      if (sink)
        handOff(sink, { requestId, modelId: live.modelId, ids, features: datasetFeatures(dataset), ...predictions });
      return { model_id: live.modelId, ...predictionLists(predictions) };
    } finally {
      source.close();
    }
  }

  /** Stores `labels` (observed now where they name no time); answers what became of them. */
  async addLabels(labels: readonly LabelInput[]): Promise<LabelsAnswer> {
    const now = Date.now();
    const parsed = labels.map(({ id, exited, observed_at }) => ({
      id,
      exited,
      observedAt: observed_at === undefined ? now : (parseObservedAt(observed_at) as number),
    }));
    return { received: labels.length, ...(await this.labels.add(parsed, 'api')) };
  }

  /** Metrics of the live model on the test data (cached until the model or the file changes). */
  async scoring(): Promise<ScoreRecord> {
    const live = await this.liveDeployment();
    const path = outputLayout(this.config).testData;
    const key = `${live.modelId}:${await fileKey(path)}`;
    return this.namingFilesAsAnswers(this.scoreCache.get(key, () => scoreOnData(live.model, live.modelId, path)));
  }

  /** Summary statistics of the ingested data (cached until finaldata.csv changes). */
  async summaryStatistics(): Promise<DataSummary> {
    const path = join(this.config.output_folder_path, FINAL_DATA_CSV);
    const key = await fileKey(path);
    if (key === '')
      throw new NotFoundError(
        `${this.paths.file('output_folder_path', FINAL_DATA_CSV)}: no ingested data yet (run \`npm run ingest\`)`,
      );
    return this.namingFilesAsAnswers(this.summaryCache.get(key, () => ingestedDataSummary(this.config, key)));
  }

  /** `work`, its errors (from modules the CLI shares, naming absolute paths) naming files as answers do. */
  private namingFilesAsAnswers<T>(work: Promise<T>): Promise<T> {
    return work.catch((error: unknown) => {
      throw this.paths.inError(error);
    });
  }

  /** The last measured step timings (the input folder named relative to the project), or null. */
  async timings(): Promise<StepTimings | null> {
    const timings = await readStepTimings(this.config);
    return timings && { ...timings, input_folder: this.paths.inText(timings.input_folder) };
  }

  /** Installed vs wanted vs latest dependencies (bounded in time, cached). */
  dependencies(): Promise<DependencyStatus> {
    return dependencyStatus(this.options.projectDir, this.options.dependencyOptions);
  }

  /** The text of the latest drift report file (`json` or `html`); NotFoundError when none exists. */
  async driftReport(kind: 'json' | 'html'): Promise<string> {
    const path = join(this.config.output_folder_path, kind === 'json' ? DRIFT_REPORT_JSON : DRIFT_REPORT_HTML);
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new NotFoundError('no drift report yet (it is written by `npm run fullprocess` or `npm run drift`)');
      throw error;
    }
  }
}
