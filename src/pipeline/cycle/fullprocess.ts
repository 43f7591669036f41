/**
 * One monitoring cycle (`npm run fullprocess`), under the run lock, as a flow of values: each input is
 * loaded once (the live deployment, the reference data, the new batch, the test data), the decisions
 * are pure functions of what was computed (model drift, retrain, deploy), and every file is written
 * from the values in hand (model, scores, reports, the deployed version). The run record is built at
 * the end from what the steps returned, and committed with the cycle state at one point (commit.ts).
 *   no deployment yet  -> bootstrap: ingest, train (with the monitoring reference), score, deploy,
 *                         report, API calls; then labels in and a production-monitoring pass;
 *   a model is live    -> labels in and a production-monitoring pass, and realized drift judged on
 *                         it (model_drift.source realized or both); then
 *   nothing new        -> a "no new data" record, done;
 *   otherwise          -> ingest; data drift (previous data vs new); the live model's F1 on the new
 *                         data (model drift, source batch or both); retrain when configured drift was
 *                         found; champion vs challenger on the test data; deploy when the challenger is
 *                         not worse (or always); after a deployment, the confusion matrix and the API
 *                         calls.
 * A failing step leaves the live deployment untouched and is recorded; the labels and monitoring steps
 * never fail the cycle. A step still running at its deadline (schedule.step_deadline_minutes) fails;
 * each step's start is written beside the lock for /health and /metrics (records/cycle-progress-file.ts).
 */
import { basename } from 'node:path';
import { cycleFindings } from '../../alerts/cycle-findings.ts';
import { raiseAlerts } from '../../alerts/raise.ts';
import type { Config } from '../../config.ts';
import { acquireLock, type HeldLock } from '../../data/file-lock.ts';
import { readDataset } from '../../data/read-dataset.ts';
import type { Dataset } from '../../data/schema.ts';
import { liveModelId, loadLiveDeployment, type LiveDeployment } from '../../deployment/live-deployment.ts';
import { computeDrift } from '../../drift/drift.ts';
import { describeError } from '../../errors.ts';
import { log } from '../../log.ts';
import type { IngestionRecord } from '../../records/ingestion-record.ts';
import { cycleProgressWriter } from '../../records/cycle-progress-file.ts';
import { outputLayout } from '../../records/output-layout.ts';
import { newRunId } from '../../records/run-id.ts';
import { readLastRuns } from '../../records/run-log.ts';
import type { RunDecisions, RunLabels, RunMonitoring, RunOutcome, RunRecord } from '../../records/run-record.ts';
import type { ScoreRecord } from '../../records/score-file.ts';
import { callApi, writeApiReturns } from '../steps/call-api.ts';
import { publish } from '../steps/deploy.ts';
import { ingest, type IngestionResult } from '../steps/ingest.ts';
import { writeConfusionMatrix } from '../steps/report.ts';
import { f1OnDataset, readScoringData, scoreRecord, writeLatestScore } from '../steps/score.ts';
import {
  fitModel,
  type LabelledProductionUse,
  type TrainingData,
  writeTrainedModel,
  type TrainedModel,
} from '../steps/train.ts';
import { trainingData } from '../steps/training-data.ts';
import { buildModelReference, writeModelReference, type ModelReference } from '../steps/train-reference.ts';
import { commitCycle } from './commit.ts';
import { newerRecord, readCycleState } from '../../records/cycle-state.ts';
import { decideDeploy, decideRetrain } from './decisions.ts';
import { archiveDriftReport } from './drift-archive.ts';
import { predictionsOf, renderDriftReport, writeDriftReports } from './drift-step.ts';
import { decideModelDrift } from './model-drift.ts';
import { checkForNewData } from './new-data.ts';
import { cleanUpAfterCrash, ensureWritableFolder } from './prepare-folders.ts';
import { referenceDataPath } from './reference-data.ts';
import { readLabelsStep } from './labels-step.ts';
import { monitoringSummary, monitorProduction } from './production-step.ts';
import { decideRealizedDrift, type RealizedDriftDecision } from './realized-drift.ts';
import type { MonitoringFile } from '../../records/monitoring-file.ts';
import { StepRunner, type StepEvent } from './step-runner.ts';

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

/**
 * What the cycle learned as it went, for its record: filled by the orchestration below from the
 * values the steps return (a failing step leaves what was known before it).
 */
interface CycleFacts {
  newFiles: string[];
  changedFiles: string[];
  ingestion: IngestionRecord | null;
  decisions: RunDecisions;
  driftReport: string | null;
  labels: RunLabels | null;
  monitoring: RunMonitoring | null;
  /** Whether labels were read and the production-monitoring pass ran (once per cycle). */
  watched: boolean;
  /** The labelled production rows the challenger was trained on, when it was trained with them. */
  labelledProduction: LabelledProductionUse | null;
  /** When new data last came in (this cycle's start when it found some), for the no-new-data alert. */
  lastNewDataAt: string | null;
}

/** How the cycle ended: its outcome and summary, and the batch it completed (null: none). */
interface CycleEnd {
  outcome: RunOutcome;
  summary: string;
  processed: IngestionRecord | null;
}

/** A cycle that holds the run lock and is running: its run id, and its result once it ends. */
export interface StartedCycle {
  id: string;
  finished: Promise<CycleResult>;
}

/** Runs one cycle. Throws LockedError when another cycle holds the lock; other failures are recorded. */
export async function runCycle(config: Config, options: CycleOptions = {}): Promise<CycleResult> {
  return (await startCycle(config, options)).finished;
}

/**
 * Takes the run lock and starts a cycle, answering as soon as it runs (POST /runs answers with its id).
 * Throws LockedError when another cycle holds the lock.
 */
export async function startCycle(config: Config, options: CycleOptions = {}): Promise<StartedCycle> {
  await ensureWritableFolder('output_folder_path', config.output_folder_path);
  const lock = await acquireLock(outputLayout(config).output.cycleLock);
  if (lock.tookOverFrom)
    log
      .child({ component: 'fullprocess' })
      .warn(
        { stale_pid: lock.tookOverFrom.pid },
        `took over a stale lock of process ${lock.tookOverFrom.pid} (started ${lock.tookOverFrom.started_at})`,
      );
  const started = new Date();
  const id = newRunId(started);
  return { id, finished: runLockedCycle(config, options, { lock, started, id }) };
}

/** The cycle proper, under the run lock `run.lock` (released at its end). */
async function runLockedCycle(
  config: Config,
  options: CycleOptions,
  run: { lock: HeldLock; started: Date; id: string },
): Promise<CycleResult> {
  const { lock, started, id } = run;
  const logger = log.child({ component: 'fullprocess' });
  const steps = new StepRunner({
    deadlineMs: config.schedule.step_deadline_minutes * 60_000,
    listener: options.onStep,
    onStepStart: cycleProgressWriter(outputLayout(config).output.cycleProgress, lock.owner),
  });
  const facts: CycleFacts = {
    newFiles: [],
    changedFiles: [],
    ingestion: null,
    decisions: {},
    driftReport: null,
    labels: null,
    monitoring: null,
    watched: false,
    labelledProduction: null,
    lastNewDataAt: null,
  };
  let end: CycleEnd;
  let error: string | null = null;
  let liveBefore: string | null = null;
  try {
    liveBefore = await liveModelId(config.prod_deployment_path);
    const cleaned = await cleanUpAfterCrash(config);
    if (cleaned.reconciliation.recordedSwitch)
      logger.warn(
        `recorded the switch to ${cleaned.reconciliation.recordedSwitch} that a crashed process left out of the deployment history`,
      );
    end =
      liveBefore === null
        ? await bootstrap(config, steps, facts, options)
        : await monitor(config, id, steps, facts, options);
  } catch (caught) {
    error = describeError(caught);
    end = { outcome: 'failed', summary: `failed: ${error}`, processed: null };
  }
  if (end.outcome !== 'failed' && !facts.watched) await watchProduction(config, steps, facts);
  const finished = new Date();
  const record = runRecord({
    id,
    started,
    finished,
    trigger: options.trigger ?? 'manual',
    liveBefore,
    liveAfter: await liveModelId(config.prod_deployment_path),
    steps,
    facts,
    end,
    error,
  });
  try {
    await commitCycle(config, record, end.processed);
    await raiseCycleAlerts(config, record, facts.lastNewDataAt, logger);
  } finally {
    await lock.release();
  }
  (record.outcome === 'failed' ? logger.error.bind(logger) : logger.info.bind(logger))(
    { run_id: id, outcome: record.outcome, duration_ms: record.duration_ms },
    `cycle ${id}: ${record.summary}`,
  );
  return { record };
}

/** The alerts the committed cycle `record` raises (put in the outbox; delivered by delivery rounds); never fails the cycle. */
async function raiseCycleAlerts(
  config: Config,
  record: RunRecord,
  lastNewDataAt: string | null,
  logger: typeof log,
): Promise<void> {
  try {
    await raiseAlerts(
      config,
      cycleFindings(record, {
        dashboard: config.alerts.dashboard_url,
        lastNewDataAt,
        staleAfterHours: config.alerts.stale_after_hours,
      }),
    );
  } catch (error) {
    logger.error({ err: error }, `alerts of cycle ${record.id} not raised: ${describeError(error)}`);
  }
}

/** The run record of a finished cycle. */
function runRecord(run: {
  id: string;
  started: Date;
  finished: Date;
  trigger: RunRecord['trigger'];
  liveBefore: string | null;
  liveAfter: string | null;
  steps: StepRunner;
  facts: CycleFacts;
  end: CycleEnd;
  error: string | null;
}): RunRecord {
  const { facts, end } = run;
  return {
    id: run.id,
    started_at: run.started.toISOString(),
    outcome: end.outcome,
    summary: end.summary,
    trigger: run.trigger,
    new_files: facts.newFiles,
    changed_files: facts.changedFiles,
    rows: facts.ingestion
      ? {
          read: facts.ingestion.rows_read,
          rejected: facts.ingestion.rows_rejected,
          ingested: facts.ingestion.rows_final,
        }
      : null,
    live_model_before: run.liveBefore,
    live_model_after: run.liveAfter,
    steps: run.steps.steps,
    decisions: facts.decisions,
    drift_report: facts.driftReport,
    ...(facts.labels ? { labels: facts.labels } : {}),
    ...(facts.monitoring ? { monitoring: facts.monitoring } : {}),
    ...(facts.labelledProduction ? { labelled_production: facts.labelledProduction } : {}),
    error: run.error,
    finished_at: run.finished.toISOString(),
    duration_ms: run.finished.getTime() - run.started.getTime(),
  };
}

function describeIngestion(result: IngestionResult): string {
  return `${result.record.rows_final} rows from ${result.record.files.length} files`;
}

/** Labels in, then a production-monitoring pass, kept in `facts`; the pass's result (null: it failed). */
async function watchProduction(config: Config, steps: StepRunner, facts: CycleFacts): Promise<MonitoringFile | null> {
  facts.watched = true;
  facts.labels = await readLabelsStep(config, steps);
  const pass = await monitorProduction(config, steps);
  facts.monitoring = pass && monitoringSummary(pass);
  return pass;
}

function describeRealizedDrift(d: RealizedDriftDecision): string {
  if (d.realized_f1 === null) return `not judged: ${d.note}`;
  return `realized F1 ${d.realized_f1.toFixed(4)} (${d.labelled_rows} labelled rows, chunk of ${d.chunk_start}) vs lower threshold ${d.f1_lower?.toFixed(4)} (${d.drifted ? 'drift' : 'no drift'})`;
}

/** A model trained by the cycle, with its monitoring reference (null: the batch allowed none). */
interface Challenger {
  trained: TrainedModel;
  monitoringReference: ModelReference | null;
}

function describeTrainingData({ labelledProduction: used }: TrainingData): string {
  return `${used!.rows} labelled production rows added to the ${used!.batch_rows} rows of the batch (${used!.duplicates_dropped} repeats dropped)`;
}

/**
 * Trains the challenger on the ingested batch (with the labelled production rows of the horizon when
 * training.include_labelled_production) and writes trainedmodel.json, then builds its monitoring
 * reference and writes monitoring_reference.json (a step of its own: its detail says why there is none).
 */
async function trainChallenger(
  config: Config,
  steps: StepRunner,
  facts: CycleFacts,
  ingestion: IngestionResult,
): Promise<Challenger> {
  const data = config.training.include_labelled_production
    ? await steps.run('labelled production rows', () => trainingData(config, ingestion), describeTrainingData)
    : await trainingData(config, ingestion);
  facts.labelledProduction = data.labelledProduction ?? null;
  const trained = await steps.run(
    'training',
    async () => {
      const trained = fitModel(data, config.model);
      await writeTrainedModel(config.output_model_path, trained);
      return trained;
    },
    (t) => `model ${t.file.model_id}`,
  );
  const { kept } = await steps.run(
    'monitoring reference',
    async () => {
      const outcome = buildModelReference(trained, data.dataset, config);
      await writeModelReference(config.output_model_path, outcome.kept);
      return outcome;
    },
    ({ kept, missing }) =>
      kept
        ? `${kept.reference.rows} of ${kept.reference.sampledFrom} rows, ${kept.reference.folds} folds`
        : `none: ${missing}`,
  );
  return { trained, monitoringReference: kept };
}

/** Reads the test data once, scores the challenger on it and writes latestscore.*; `label` heads the step's detail. */
function scoreChallenger(config: Config, steps: StepRunner, trained: TrainedModel, label: string) {
  return steps.run(
    'scoring',
    async () => {
      const testSet = await readScoringData(outputLayout(config).testData);
      const challenger = scoreRecord(trained.model, trained.file.model_id, testSet);
      await writeLatestScore(config, challenger);
      return { testSet, challenger };
    },
    (r) => `${label} ${r.challenger.f1}`,
  );
}

/** No deployment yet: ingest, train, score, deploy, report, API calls. */
async function bootstrap(
  config: Config,
  steps: StepRunner,
  facts: CycleFacts,
  options: CycleOptions,
): Promise<CycleEnd> {
  const ingestion = await steps.run('ingestion', () => ingest(config), describeIngestion);
  facts.newFiles = ingestion.record.files.map((f) => f.name);
  facts.ingestion = ingestion.record;
  const { trained, monitoringReference } = await trainChallenger(config, steps, facts, ingestion);
  const { challenger: score } = await scoreChallenger(config, steps, trained, 'F1');
  await steps.run(
    'deployment',
    () => publish(config.prod_deployment_path, { trained, score, ingestion: ingestion.record, monitoringReference }),
    (r) => `model ${r.modelId} live`,
  );
  await afterDeployment(config, steps, score, options);
  return {
    outcome: 'bootstrap',
    summary: `bootstrap: no model was live; deployed ${score.model_id} (F1 ${score.f1.toFixed(4)} on the test data)`,
    processed: ingestion.record,
  };
}

/** The confusion matrix of the deployed model (its `score` on the test data) and the API calls; their failure is recorded, not fatal. */
async function afterDeployment(
  config: Config,
  steps: StepRunner,
  score: ScoreRecord,
  options: CycleOptions,
): Promise<void> {
  await steps
    .run(
      'reporting',
      () => writeConfusionMatrix(config, score),
      (r) => r.path,
    )
    .catch(() => undefined);
  const findTarget = options.apiTarget;
  if (!findTarget) {
    steps.skip('apicalls', 'no API available to this run');
    return;
  }
  await steps
    .run(
      'apicalls',
      async () => {
        const target = await findTarget();
        if (!target) throw new Error('no API could be reached or started');
        try {
          return await writeApiReturns(config.output_model_path, await callApi(target.url));
        } finally {
          await target.close();
        }
      },
      (r) => r.txt,
    )
    .catch(() => undefined);
}

/** Scores recorded by earlier cycles (the live model's F1 on each new batch), oldest first. */
async function recordedScores(config: Config): Promise<number[]> {
  const runs = await readLastRuns(outputLayout(config).output.runs, 200);
  return runs.flatMap((r) => (r.decisions.model_drift ? [r.decisions.model_drift.f1_new] : [])).reverse();
}

/** The data drift of the new batch against the reference, with the reports written and archived. */
async function dataDrift(config: Config, runId: string, live: LiveDeployment, reference: Dataset, current: Dataset) {
  const predictions = predictionsOf(live.model, reference, current);
  const report = computeDrift(reference, current, { ...config.drift, predictions });
  const texts = await renderDriftReport(report, { referenceName: 'previously ingested data', currentName: 'new data' });
  await writeDriftReports(config.output_folder_path, texts);
  const archived = await archiveDriftReport(config.output_folder_path, runId, config.drift_reports.keep, texts);
  return { report, archived, livePredictions: predictions.current };
}

/** A live model exists: look for new data, drift, retrain and redeploy as configured. */
async function monitor(
  config: Config,
  runId: string,
  steps: StepRunner,
  facts: CycleFacts,
  options: CycleOptions,
): Promise<CycleEnd> {
  const live = await steps.run(
    'load live model',
    () => loadLiveDeployment(config.prod_deployment_path),
    (l) => l.modelId,
  );
  const pass = await watchProduction(config, steps, facts);
  const realizedDrift =
    config.model_drift.source === 'batch'
      ? null
      : await steps.run('realized drift', async () => decideRealizedDrift(pass, live.modelId), describeRealizedDrift);
  if (realizedDrift) facts.decisions.realized_drift = realizedDrift;
  const base = newerRecord(live.ingestion, await readCycleState(config.output_folder_path));
  const check = await steps.run(
    'check for new data',
    () => checkForNewData(config.input_folder_path, base),
    (c) => `${c.newFiles.length} new, ${c.changedFiles.length} changed`,
  );
  facts.newFiles = check.newFiles;
  facts.changedFiles = check.changedFiles;
  facts.lastNewDataAt = check.hasNewData ? new Date().toISOString() : (base?.ingested_at ?? null);
  if (!check.hasNewData)
    return {
      outcome: 'no_new_data',
      summary: realizedDrift?.drifted
        ? `realized F1 ${realizedDrift.realized_f1!.toFixed(4)} is below its lower threshold ${realizedDrift.f1_lower!.toFixed(4)}, but there is no new data in ${config.input_folder_path} to train a challenger on; model ${live.modelId} stays live`
        : `no new data in ${config.input_folder_path}; model ${live.modelId} stays live`,
      processed: null,
    };

  const referencePath = await referenceDataPath(config.output_folder_path);
  const reference = await steps.run(
    'load previous data',
    () =>
      readDataset(referencePath).then(
        (d) => d.dataset,
        () => null,
      ),
    (d) => (d ? `${d.rows} rows from ${basename(referencePath)}` : 'none'),
  );
  const ingestion = await steps.run('ingestion', () => ingest(config), describeIngestion);
  facts.ingestion = ingestion.record;
  const current = ingestion.dataset;

  let drift: Awaited<ReturnType<typeof dataDrift>> | null = null;
  if (reference) {
    drift = await steps.run(
      'data drift',
      () => dataDrift(config, runId, live, reference, current),
      (d) =>
        `${Object.values(d.report.columns).filter((c) => c.drifted).length} of ${Object.keys(d.report.columns).length} columns drifted`,
    );
    facts.driftReport = drift.archived;
    const { share_drifted, drift_share, dataset_drift, columns } = drift.report;
    facts.decisions.data_drift = {
      share_drifted,
      drift_share,
      dataset_drift,
      columns: Object.fromEntries(
        Object.entries(columns).map(([name, c]) => [
          name,
          { test: c.test, score: c.score, threshold: c.threshold, drifted: c.drifted },
        ]),
      ),
    };
  } else {
    steps.skip('data drift', `no previously ingested data (${basename(referencePath)}) to compare with`);
  }

  const modelDrift =
    config.model_drift.source === 'realized'
      ? null
      : await steps.run(
          'model drift',
          async () =>
            decideModelDrift(
              config.model_drift.test,
              f1OnDataset(live.model, current, drift?.livePredictions),
              live.score.f1,
              await recordedScores(config),
            ),
          (d) => `F1 ${d.f1_new} on new data vs ${d.threshold} (${d.drifted ? 'drift' : 'no drift'})`,
        );
  if (modelDrift) facts.decisions.model_drift = modelDrift;
  const retrain = decideRetrain(config.retrain_on, modelDrift, realizedDrift, drift?.report.dataset_drift ?? false);
  facts.decisions.retrain = retrain;
  if (!retrain.retrain) {
    const dataDriftNote = facts.decisions.data_drift
      ? `, ${Math.round(facts.decisions.data_drift.share_drifted * 100)}% of columns drifted`
      : '';
    const kinds = config.retrain_on.map((kind) => kind.replace('_', ' ')).join(' or ');
    const numbers = [
      modelDrift && `F1 on new data ${modelDrift.f1_new.toFixed(4)}, threshold ${modelDrift.threshold.toFixed(4)}`,
      realizedDrift &&
        (realizedDrift.realized_f1 === null
          ? 'realized F1 not judged'
          : `realized F1 ${realizedDrift.realized_f1.toFixed(4)}, lower threshold ${realizedDrift.f1_lower!.toFixed(4)}`),
    ]
      .filter(Boolean)
      .join('; ');
    return {
      outcome: 'no_drift',
      summary: `no ${kinds} found (${numbers}${dataDriftNote}); model ${live.modelId} stays live`,
      processed: ingestion.record,
    };
  }

  const { trained, monitoringReference } = await trainChallenger(config, steps, facts, ingestion);
  const { testSet, challenger } = await scoreChallenger(config, steps, trained, 'challenger F1');
  const champion = await steps.run(
    'scoring champion',
    async () => scoreRecord(live.model, live.modelId, testSet),
    (r) => `champion F1 ${r.f1}`,
  );
  const deploy = decideDeploy(
    config.deploy_policy,
    { id: trained.file.model_id, f1: challenger.f1 },
    { id: live.modelId, f1: champion.f1 },
  );
  facts.decisions.deploy = deploy;
  const because = retrain.because.join(', ');
  if (!deploy.deployed) {
    steps.skip('deployment', deploy.reason);
    return {
      outcome: 'not_deployed',
      summary: `retrained (${because}), but ${deploy.reason}: kept ${trained.file.model_id} under models/, ${live.modelId} stays live`,
      processed: ingestion.record,
    };
  }
  await steps.run(
    'deployment',
    () =>
      publish(config.prod_deployment_path, {
        trained,
        score: challenger,
        ingestion: ingestion.record,
        monitoringReference,
      }),
    (r) => `model ${r.modelId} live`,
  );
  await afterDeployment(config, steps, challenger, options);
  return {
    outcome: 'deployed',
    summary: `retrained (${because}) and deployed ${trained.file.model_id}: ${deploy.reason}`,
    processed: ingestion.record,
  };
}
