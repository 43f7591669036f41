/**
 * The one place that names the files of the output folder (`output_folder_path`), the model folder
 * (`output_model_path`) and the test data folder, as deployment/layout.ts does for the production
 * folder. Each name is defined once, here; `outputLayout(config)` gives the paths of one config.
 * Several names are also the seed's contract (finaldata.csv, ingestedfiles.txt, trainedmodel.json,
 * latestscore.txt, confusionmatrix.png, apireturns.txt) that other tools read.
 */
import { join } from 'node:path';
import type { Config } from '../config.ts';

/** The ingested data of the last ingestion (the seed's name). */
export const FINAL_DATA_CSV = 'finaldata.csv';
/** The last completed cycle's data: the next cycle's drift reference (a hard link). */
export const PREVIOUS_DATA_CSV = 'previousdata.csv';
/** Summary statistics of finaldata.csv, computed while ingesting. */
export const SUMMARY_STATS_JSON = 'summarystats.json';
/** The rows and files ingestion refused, with the reasons. */
export const REJECTS_CSV = 'rejects.csv';
/** The ingested file names, one per line (the seed's format), and the full ingestion record. */
export const INGESTED_FILES_TXT = 'ingestedfiles.txt';
export const INGESTED_FILES_JSON = 'ingestedfiles.json';
/** The latest drift report. */
export const DRIFT_REPORT_JSON = 'drift_report.json';
export const DRIFT_REPORT_HTML = 'drift_report.html';
/** The archive of past cycles' drift reports (a folder). */
export const DRIFT_REPORTS_DIR = 'drift_reports';
/** One JSON line per cycle. */
export const RUNS_JSONL = 'runs.jsonl';
/** What the last completed cycle processed. */
export const CYCLE_STATE_JSON = 'cycle_state.json';
/** The last measured step timings. */
export const TIMINGS_JSON = 'timings.json';
/** The cached dependency status (`npm outdated`). */
export const DEPENDENCIES_JSON = 'dependencies.json';
/** The lock of the monitoring cycle. */
export const CYCLE_LOCK = 'fullprocess.lock';
/** The running cycle's current step and its deadline, beside the lock (records/cycle-progress-file.ts). */
export const CYCLE_PROGRESS_JSON = 'fullprocess.progress.json';
/** The prediction log's folder: one folder per UTC day of segments and compacted files. */
export const PREDICTION_LOG_DIR = 'prediction_log';
/** The latest production-monitoring result (chunks, estimates, drift), written by `npm run monitor` and the cycle. */
export const MONITORING_JSON = 'monitoring.json';
/** A version's monitoring reference: a sample of its training data with out-of-fold probabilities. */
export const MONITORING_REFERENCE_JSON = 'monitoring_reference.json';
/** Each monitored version's CBPE calibrator, kept between monitoring passes (records/calibration-cache.ts). */
export const MONITORING_CALIBRATION_JSON = 'monitoring_calibration.json';
/** The lock of production monitoring (compaction, expiry and monitoring.json: one process at a time). */
export const MONITOR_LOCK = 'monitor.lock';
/** The stored labels (labels/labels.tsv) and their lock. */
export const LABELS_DIR = 'labels';
/** The labels files read from the labels folder, with what each held. */
export const LABELS_FILES_JSON = 'labels_files.json';
/** The rows and files of the labels folder refused by the last read, with the reasons. */
export const LABELS_REJECTS_CSV = 'labels_rejects.csv';
/** Alerts: the conditions that hold (alerts/state.json), the outbox of alerts to deliver and the log of delivery attempts, the delivery and state locks. */
export const ALERTS_DIR = 'alerts';
export const ALERT_STATE_JSON = 'state.json';
export const ALERT_OUTBOX_JSONL = 'outbox.jsonl';
export const ALERT_DELIVERIES_JSONL = 'deliveries.jsonl';
export const ALERT_DELIVERY_LOCK = 'deliver.lock';
export const ALERT_STATE_LOCK = 'state.lock';
/** The access tokens' hashes (unless server.tokens_file names another file). */
export const TOKENS_JSON = 'tokens.json';
/** Who did what through the API: admin actions and label uploads, one JSON line each. */
export const AUDIT_JSONL = 'audit.jsonl';
/** The trained model (the seed's name). */
export const TRAINED_MODEL_JSON = 'trainedmodel.json';
/** The trained model's F1 (the seed's one-number file) and all its metrics. */
export const LATEST_SCORE_TXT = 'latestscore.txt';
export const LATEST_SCORE_JSON = 'latestscore.json';
/** The live model's confusion matrix on the test data. */
export const CONFUSION_MATRIX_PNG = 'confusionmatrix.png';
/** What the API calls step recorded (the seed's text file) and the full record. */
export const API_RETURNS_TXT = 'apireturns.txt';
export const API_RETURNS_JSON = 'apireturns.json';
/** The scoring data set in the test data folder (the seed's name). */
export const TEST_DATA_CSV = 'testdata.csv';

/** Paths inside an output folder. */
export function outputFolderLayout(folder: string) {
  return {
    folder,
    finalData: join(folder, FINAL_DATA_CSV),
    previousData: join(folder, PREVIOUS_DATA_CSV),
    summaryStats: join(folder, SUMMARY_STATS_JSON),
    rejects: join(folder, REJECTS_CSV),
    ingestedFilesTxt: join(folder, INGESTED_FILES_TXT),
    ingestedFilesJson: join(folder, INGESTED_FILES_JSON),
    driftReportJson: join(folder, DRIFT_REPORT_JSON),
    driftReportHtml: join(folder, DRIFT_REPORT_HTML),
    driftReports: join(folder, DRIFT_REPORTS_DIR),
    runs: join(folder, RUNS_JSONL),
    cycleState: join(folder, CYCLE_STATE_JSON),
    timings: join(folder, TIMINGS_JSON),
    dependencies: join(folder, DEPENDENCIES_JSON),
    cycleLock: join(folder, CYCLE_LOCK),
    cycleProgress: join(folder, CYCLE_PROGRESS_JSON),
    predictionLog: join(folder, PREDICTION_LOG_DIR),
    monitoring: join(folder, MONITORING_JSON),
    monitoringCalibration: join(folder, MONITORING_CALIBRATION_JSON),
    monitorLock: join(folder, MONITOR_LOCK),
    labels: join(folder, LABELS_DIR),
    labelsFiles: join(folder, LABELS_FILES_JSON),
    labelsRejects: join(folder, LABELS_REJECTS_CSV),
    tokens: join(folder, TOKENS_JSON),
    audit: join(folder, AUDIT_JSONL),
    alerts: {
      folder: join(folder, ALERTS_DIR),
      state: join(folder, ALERTS_DIR, ALERT_STATE_JSON),
      outbox: join(folder, ALERTS_DIR, ALERT_OUTBOX_JSONL),
      deliveries: join(folder, ALERTS_DIR, ALERT_DELIVERIES_JSONL),
      deliveryLock: join(folder, ALERTS_DIR, ALERT_DELIVERY_LOCK),
      stateLock: join(folder, ALERTS_DIR, ALERT_STATE_LOCK),
    },
  };
}

/** Paths inside a model folder. */
export function modelFolderLayout(folder: string) {
  return {
    folder,
    trainedModel: join(folder, TRAINED_MODEL_JSON),
    monitoringReference: join(folder, MONITORING_REFERENCE_JSON),
    latestScoreTxt: join(folder, LATEST_SCORE_TXT),
    latestScoreJson: join(folder, LATEST_SCORE_JSON),
    confusionMatrix: join(folder, CONFUSION_MATRIX_PNG),
    apiReturnsTxt: join(folder, API_RETURNS_TXT),
    apiReturnsJson: join(folder, API_RETURNS_JSON),
  };
}

/** Every path a config's output, model and test data folders hold. */
export function outputLayout(config: Pick<Config, 'output_folder_path' | 'output_model_path' | 'test_data_path'>) {
  return {
    output: outputFolderLayout(config.output_folder_path),
    models: modelFolderLayout(config.output_model_path),
    testData: join(config.test_data_path, TEST_DATA_CSV),
  };
}

export type OutputLayout = ReturnType<typeof outputLayout>;
