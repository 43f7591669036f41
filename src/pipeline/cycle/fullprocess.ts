/**
 * One monitoring cycle (`npm run fullprocess`), under the run lock:
 *   no deployment yet  -> bootstrap: ingest, train, score, deploy, report, API calls;
 *   nothing new        -> a "no new data" record, done;
 *   otherwise          -> ingest; data drift (previous data vs new); the live model's F1 on the new
 *                         data (model drift); retrain when configured drift was found; champion vs
 *                         challenger on the test data; deploy when the challenger is not worse (or
 *                         always); after a deployment, the confusion matrix and the API calls.
 * Every cycle appends one record to runs.jsonl. A failing step leaves the live deployment untouched.
 */
import { basename, join } from 'node:path';
import type { Config } from '../../config.ts';
import { readDataset } from '../../data/read-dataset.ts';
import type { Dataset } from '../../data/schema.ts';
import { checkForNewData } from './new-data.ts';
import type { IngestionRecord } from '../../records/ingestion-record.ts';
import { liveModelId, loadLiveDeployment, type LiveDeployment } from '../../deployment/live-deployment.ts';
import { describeError } from '../../errors.ts';
import { log } from '../../log.ts';
import { appendRun, readLastRuns } from '../../records/run-log.ts';
import { callApi, writeApiReturns } from '../steps/call-api.ts';
import { readCycleState, newerRecord, writeCycleState } from './cycle-state.ts';
import { cleanUpAfterCrash, ensureWritableFolder } from './prepare-folders.ts';
import { archiveDriftReport } from './drift-archive.ts';
import { driftStep, predictionsOf } from './drift-step.ts';
import { referenceDataPath } from './reference-data.ts';
import { decideModelDrift } from './model-drift.ts';
import type { RunDecisions, RunOutcome, RunRecord } from '../../records/run-record.ts';
import { StepRunner, type StepEvent } from './step-runner.ts';
import { deploy } from '../steps/deploy.ts';
import { ingest } from '../steps/ingest.ts';
import { report } from '../steps/report.ts';
import { newRunId } from '../../records/run-id.ts';
import { acquireLock } from '../../data/file-lock.ts';
import { f1OnDataset, score, scoreOnData, testDataPath } from '../steps/score.ts';
import { train } from '../steps/train.ts';
import { CYCLE_LOCK, RUNS_JSONL } from '../../records/output-layout.ts';

/** A base URL of an API to call, and how to let go of it. */
export interface ApiTarget {
  url: string;
  close: () => Promise<void>;
}

/** How the cycle is run. */
export interface CycleOptions {
  trigger?: RunRecord['trigger'];
  /** Progress display (terminal). */
  onStep?: (event: StepEvent) => void;
  /** Finds an API to call after a deployment: the configured server if it answers, else a local one. */
  apiTarget?: () => Promise<ApiTarget | null>;
}

/** What a cycle did: its record (also appended to runs.jsonl). */
export interface CycleResult {
  record: RunRecord;
}

/** Scores recorded by earlier cycles (the live model's F1 on each new batch), oldest first. */
async function recordedScores(config: Config): Promise<number[]> {
  const runs = await readLastRuns<RunRecord>(join(config.output_folder_path, RUNS_JSONL), 200);
  return runs.flatMap((r) => (r.decisions?.model_drift ? [r.decisions.model_drift.f1_new] : [])).reverse();
}

/** Runs one cycle. Throws LockedError when another cycle holds the lock; other failures are recorded. */
export async function runCycle(config: Config, options: CycleOptions = {}): Promise<CycleResult> {
  await ensureWritableFolder('output_folder_path', config.output_folder_path);
  const lock = await acquireLock(join(config.output_folder_path, CYCLE_LOCK));
  const logger = log.child({ component: 'fullprocess' });
  if (lock.tookOverFrom) logger.warn({ stale_pid: lock.tookOverFrom.pid }, `took over a stale lock of process ${lock.tookOverFrom.pid} (started ${lock.tookOverFrom.started_at})`);
  const started = new Date();
  const id = newRunId(started);
  const steps = new StepRunner(options.onStep);
  const decisions: RunDecisions = {};
  const record: Omit<RunRecord, 'finished_at' | 'duration_ms'> = {
    id,
    started_at: started.toISOString(),
    outcome: 'failed',
    summary: '',
    trigger: options.trigger ?? 'manual',
    new_files: [],
    changed_files: [],
    rows: null,
    live_model_before: await liveModelId(config.prod_deployment_path),
    live_model_after: null,
    steps: steps.steps,
    decisions,
    drift_report: null,
    error: null,
  };
  let outcome: { outcome: RunOutcome; summary: string };
  try {
    const cleaned = await cleanUpAfterCrash(config);
    if (cleaned.reconciliation.recordedSwitch) logger.warn(`recorded the switch to ${cleaned.reconciliation.recordedSwitch} that a crashed process left out of the deployment history`);
    outcome = record.live_model_before === null
      ? await bootstrap(config, steps, record, options)
      : await monitor(config, steps, record, decisions, options);
  } catch (error) {
    outcome = { outcome: 'failed', summary: `failed: ${describeError(error)}` };
    record.error = describeError(error);
  }
  record.live_model_after = await liveModelId(config.prod_deployment_path);
  const finished = new Date();
  const full: RunRecord = { ...record, ...outcome, finished_at: finished.toISOString(), duration_ms: finished.getTime() - started.getTime() };
  try {
    await appendRun(join(config.output_folder_path, RUNS_JSONL), full);
  } finally {
    await lock.release();
  }
  (full.outcome === 'failed' ? logger.error.bind(logger) : logger.info.bind(logger))({ run_id: id, outcome: full.outcome, duration_ms: full.duration_ms }, `cycle ${id}: ${full.summary}`);
  return { record: full };
}

type Draft = Omit<RunRecord, 'finished_at' | 'duration_ms'>;

/** No deployment yet: ingest, train, score, deploy, report, API calls. */
async function bootstrap(config: Config, steps: StepRunner, record: Draft, options: CycleOptions): Promise<{ outcome: RunOutcome; summary: string }> {
  const ingestion = await steps.run('ingestion', () => ingest(config), (r) => `${r.record.rows_final} rows from ${r.record.files.length} files`);
  noteIngestion(record, ingestion.record, ingestion.record.files.map((f) => f.name), []);
  await steps.run('training', () => train(config), (r) => `model ${r.file.model_id}`);
  const scored = await steps.run('scoring', () => score(config), (r) => `F1 ${r.f1}`);
  await steps.run('deployment', () => deploy(config), (r) => `model ${r.modelId} live`);
  await afterDeployment(config, steps, options);
  await writeCycleState(config.output_folder_path, record.id, ingestion.record);
  return { outcome: 'bootstrap', summary: `bootstrap: no model was live; deployed ${scored.model_id} (F1 ${scored.f1.toFixed(4)} on the test data)` };
}

function noteIngestion(record: Draft, ingestion: IngestionRecord, newFiles: string[], changedFiles: string[]): void {
  record.new_files = newFiles;
  record.changed_files = changedFiles;
  record.rows = { read: ingestion.rows_read, rejected: ingestion.rows_rejected, ingested: ingestion.rows_final };
}

/** Confusion matrix and API calls after a deployment (their failure is recorded, not fatal). */
async function afterDeployment(config: Config, steps: StepRunner, options: CycleOptions): Promise<void> {
  await steps.run('reporting', () => report(config), (r) => r.path).catch(() => undefined);
  const findTarget = options.apiTarget;
  if (!findTarget) {
    steps.skip('apicalls', 'no API available to this run');
    return;
  }
  await steps
    .run('apicalls', async () => {
      const target = await findTarget();
      if (!target) throw new Error('no API could be reached or started');
      try {
        return await writeApiReturns(config.output_model_path, await callApi(target.url));
      } finally {
        await target.close();
      }
    }, (r) => r.txt)
    .catch(() => undefined);
}

/** A live model exists: look for new data, drift, retrain and redeploy as configured. */
async function monitor(config: Config, steps: StepRunner, record: Draft, decisions: RunDecisions, options: CycleOptions): Promise<{ outcome: RunOutcome; summary: string }> {
  const live: LiveDeployment = await steps.run('load live model', () => loadLiveDeployment(config.prod_deployment_path), (l) => l.modelId);
  const base = newerRecord(live.ingestion, await readCycleState(config.output_folder_path));
  const check = await steps.run('check for new data', () => checkForNewData(config.input_folder_path, base), (c) => `${c.newFiles.length} new, ${c.changedFiles.length} changed`);
  record.new_files = check.newFiles;
  record.changed_files = check.changedFiles;
  if (!check.hasNewData) return { outcome: 'no_new_data', summary: `no new data in ${config.input_folder_path}; model ${live.modelId} stays live` };

  const referencePath = await referenceDataPath(config.output_folder_path);
  const reference = await steps.run('load previous data', () => readDataset(referencePath).then((d) => d.dataset, () => null), (d) => (d ? `${d.rows} rows from ${basename(referencePath)}` : 'none'));
  const ingestion = await steps.run('ingestion', () => ingest(config), (r) => `${r.record.rows_final} rows from ${r.record.files.length} files`);
  noteIngestion(record, ingestion.record, check.newFiles, check.changedFiles);
  const current: Dataset = ingestion.dataset;

  let datasetDrift = false;
  let livePredictions: Float64Array | undefined; // the live model's on the new data, for model drift too
  if (reference) {
    const drift = await steps.run('data drift', async () => {
      const predictions = predictionsOf(live.model, reference, current);
      livePredictions = predictions.current;
      const report = await driftStep(config, reference, current, predictions);
      record.drift_report = await archiveDriftReport(config.output_folder_path, record.id, config.drift_reports.keep);
      return report;
    }, (r) => `${Object.values(r.columns).filter((c) => c.drifted).length} of ${Object.keys(r.columns).length} columns drifted`);
    datasetDrift = drift.dataset_drift;
    decisions.data_drift = {
      share_drifted: drift.share_drifted,
      drift_share: drift.drift_share,
      dataset_drift: drift.dataset_drift,
      columns: Object.fromEntries(Object.entries(drift.columns).map(([name, c]) => [name, { test: c.test, score: c.score, threshold: c.threshold, drifted: c.drifted }])),
    };
  } else {
    steps.skip('data drift', `no previously ingested data (${basename(referencePath)}) to compare with`);
  }

  const onNew = await steps.run('model drift', async () => decideModelDrift(config.model_drift.test, f1OnDataset(live.model, current, livePredictions), live.score.f1, await recordedScores(config)), (d) => `F1 ${d.f1_new} on new data vs ${d.threshold} (${d.drifted ? 'drift' : 'no drift'})`);
  decisions.model_drift = onNew;

  const because = [...(onNew.drifted && config.retrain_on.includes('model_drift') ? ['model_drift'] : []), ...(datasetDrift && config.retrain_on.includes('data_drift') ? ['data_drift'] : [])];
  decisions.retrain = { retrain: because.length > 0, because };
  if (because.length === 0) {
    await writeCycleState(config.output_folder_path, record.id, ingestion.record);
    return { outcome: 'no_drift', summary: `no ${config.retrain_on.map((kind) => kind.replace('_', ' ')).join(' or ')} found (F1 on new data ${onNew.f1_new.toFixed(4)}, threshold ${onNew.threshold.toFixed(4)}${decisions.data_drift ? `, ${Math.round(decisions.data_drift.share_drifted * 100)}% of columns drifted` : ''}); model ${live.modelId} stays live` };
  }

  const trained = await steps.run('training', () => train(config, current), (r) => `model ${r.file.model_id}`);
  const challenger = await steps.run('scoring', () => score(config), (r) => `challenger F1 ${r.f1}`);
  const champion = await steps.run('scoring champion', () => scoreOnData(live.model, live.modelId, testDataPath(config)), (r) => `champion F1 ${r.f1}`);
  const notWorse = challenger.f1 >= champion.f1;
  const deployIt = config.deploy_policy === 'always' || notWorse;
  const reason = config.deploy_policy === 'always'
    ? 'deploy_policy is always'
    : `challenger F1 ${challenger.f1.toFixed(4)} is ${notWorse ? 'not below' : 'below'} champion F1 ${champion.f1.toFixed(4)}`;
  decisions.deploy = { policy: config.deploy_policy, challenger_id: trained.file.model_id, challenger_f1: challenger.f1, champion_id: live.modelId, champion_f1: champion.f1, deployed: deployIt, reason };
  if (!deployIt) {
    steps.skip('deployment', reason);
    await writeCycleState(config.output_folder_path, record.id, ingestion.record);
    return { outcome: 'not_deployed', summary: `retrained (${because.join(', ')}), but ${reason}: kept ${trained.file.model_id} under models/, ${live.modelId} stays live` };
  }
  await steps.run('deployment', () => deploy(config), (r) => `model ${r.modelId} live`);
  await afterDeployment(config, steps, options);
  await writeCycleState(config.output_folder_path, record.id, ingestion.record);
  return { outcome: 'deployed', summary: `retrained (${because.join(', ')}) and deployed ${trained.file.model_id}: ${reason}` };
}
