import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/config.ts';
import { loadLiveDeployment } from '../../../src/deployment/live-deployment.ts';
import { readVersionReference } from '../../../src/deployment/version-reference.ts';
import { runCycle } from '../../../src/pipeline/cycle/fullprocess.ts';
import { ingest } from '../../../src/pipeline/steps/ingest.ts';
import { readLastRuns } from '../../../src/records/run-log.ts';
import { startTestServer } from '../../helpers/api-server.ts';
import { makeTempProject, seedReference, type TempProject } from '../../helpers/temp-project.ts';
import { PREVIOUS_DATA_CSV } from '../../../src/records/output-layout.ts';

const reference = seedReference();

/** Rewrites the project's config.json with `changes` and returns the parsed config. */
function reconfigure(project: TempProject, changes: Record<string, unknown>) {
  const raw = { ...JSON.parse(readFileSync(project.configFile, 'utf8')), ...changes };
  writeFileSync(project.configFile, JSON.stringify(raw));
  return parseConfig(raw, project.configFile);
}

/** An API target served in-process for the cycle's API calls. */
async function localApi(config: ReturnType<typeof reconfigure>) {
  const api = await startTestServer(config);
  return { url: `${api.url}/`, close: api.close };
}

function closeTo(actual: number | undefined, expected: number, tolerance = 1e-12): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} vs ${expected}`);
}

describe("fullprocess: the seed's scenario", () => {
  it('bootstraps from practicedata, redeploys on sourcedata drift, then finds no new data', async () => {
    const project = makeTempProject();
    try {
      let config = project.config;
      const runsPath = join(config.output_folder_path, 'runs.jsonl');

      const first = (await runCycle(config, { apiTarget: () => localApi(config) })).record;
      assert.equal(first.outcome, 'bootstrap', first.summary);
      const firstReference = await readVersionReference(config.prod_deployment_path, first.live_model_after!);
      assert.equal(firstReference?.rows, first.rows?.ingested, 'the bootstrap model keeps every training row');
      assert.equal(
        first.steps.find((s) => s.name === 'monitoring reference')?.detail,
        `${first.rows?.ingested} of ${first.rows?.ingested} rows, 5 folds`,
      );
      const bootstrapModel = await loadLiveDeployment(config.prod_deployment_path);
      bootstrapModel.model.coefficients.forEach((c, i) => {
        closeTo(
          c,
          reference.datasets.reference.coefficients[i],
          1e-4 * Math.abs(reference.datasets.reference.coefficients[i]),
        );
      });
      assert.equal(bootstrapModel.score.f1, reference.datasets.reference.test_scores.f1);

      config = reconfigure(project, { input_folder_path: 'sourcedata' });
      const second = (await runCycle(config, { apiTarget: () => localApi(config) })).record;
      assert.equal(second.outcome, 'deployed', second.summary);
      assert.deepEqual(second.new_files, ['dataset3.csv', 'dataset4.csv']);
      const drift = second.decisions.data_drift!;
      assert.equal(Object.values(drift.columns).filter((c) => c.drifted).length, 3);
      assert.equal(Object.keys(drift.columns).length, 4);
      assert.equal(drift.share_drifted, 0.75);
      assert.equal(drift.dataset_drift, true);
      for (const column of ['lastmonth_activity', 'lastyear_activity', 'number_of_employees'] as const) {
        assert.equal(drift.columns[column]!.test, 'ks');
        closeTo(drift.columns[column]!.score, reference.drift_reference_vs_current[column].ks_pvalue, 1e-9);
      }
      assert.equal(drift.columns.exited!.test, 'z');
      closeTo(drift.columns.exited!.score, reference.drift_reference_vs_current.exited.z_pvalue, 1e-9);
      const modelDrift = second.decisions.model_drift!;
      assert.equal(modelDrift.f1_new, reference.reference_model_on_current.f1);
      assert.equal(modelDrift.f1_recorded, reference.datasets.reference.test_scores.f1);
      assert.equal(modelDrift.drifted, false);
      assert.deepEqual(second.decisions.retrain, { retrain: true, because: ['data_drift'] });
      assert.equal(second.decisions.deploy!.deployed, true);
      assert.equal(second.decisions.deploy!.challenger_f1, reference.datasets.current.test_scores.f1);
      const live = await loadLiveDeployment(config.prod_deployment_path);
      assert.equal(live.modelId, second.live_model_after);
      assert.notEqual(live.modelId, first.live_model_after);
      live.model.coefficients.forEach((c, i) => {
        closeTo(
          c,
          reference.datasets.current.coefficients[i],
          1e-4 * Math.abs(reference.datasets.current.coefficients[i]),
        );
      });
      assert.ok(existsSync(join(config.output_model_path, 'confusionmatrix.png')));
      const apireturns = JSON.parse(readFileSync(join(config.output_model_path, 'apireturns.json'), 'utf8'));
      assert.equal(apireturns.calls.find((c: { path: string }) => c.path === '/health').body.model_id, live.modelId);
      const metrics: string = apireturns.calls.find((c: { path: string }) => c.path === '/metrics').body;
      assert.match(metrics, /attrition_last_run_success 1/, 'the last recorded cycle (the bootstrap) succeeded');
      assert.match(metrics, /attrition_drift_share 0\.75/);
      assert.ok(existsSync(join(config.output_folder_path, 'drift_report.html')));
      assert.deepEqual(
        second.steps.filter((s) => s.outcome !== 'ok').map((s) => s.name),
        [],
      );

      const third = (await runCycle(config)).record;
      assert.equal(third.outcome, 'no_new_data');
      const runs = (await readLastRuns(runsPath, 10)).reverse();
      assert.deepEqual(
        runs.map((r) => r.outcome),
        ['bootstrap', 'deployed', 'no_new_data'],
      );
      assert.equal(runs[1]?.decisions.model_drift?.f1_new, reference.reference_model_on_current.f1);
    } finally {
      project.cleanup();
    }
  });
});

describe('fullprocess decisions and failures', () => {
  it('refuses a worse challenger: the live model stays and the run says why', async () => {
    const project = makeTempProject();
    try {
      await runCycle(project.config);
      const before = await loadLiveDeployment(project.config.prod_deployment_path);
      // Test data on which the bootstrap model is perfect, so any other model can only tie or lose.
      const rows = ['corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited'];
      const probe = [
        [234, 3, 10],
        [14, 2145, 99],
        [34, 333, 1000],
        [101, 12346, 2],
        [0, 675, 25],
        [1090, 2452, 9],
        [9, 45, 1],
      ];
      const { predictRecords } = await import('../../../src/model/predict.ts');
      const labels = predictRecords(
        before.model,
        probe.map(([a, b, c]) => ({ lastmonth_activity: a!, lastyear_activity: b!, number_of_employees: c! })),
      ).classes;
      probe.forEach(([a, b, c], i) => {
        rows.push(`t${i},${a},${b},${c},${labels[i]}`);
      });
      writeFileSync(join(project.config.test_data_path, 'testdata.csv'), `${rows.join('\n')}\n`);
      const config = reconfigure(project, { input_folder_path: 'sourcedata' });
      const { record } = await runCycle(config);
      assert.equal(record.outcome, 'not_deployed', record.summary);
      assert.equal(record.decisions.deploy?.deployed, false);
      assert.equal(record.decisions.deploy?.champion_f1, 1);
      assert.ok((record.decisions.deploy?.challenger_f1 ?? 1) < 1);
      assert.match(record.decisions.deploy?.reason ?? '', /below champion F1 1/);
      assert.equal((await loadLiveDeployment(config.prod_deployment_path)).modelId, before.modelId);
      assert.equal(
        JSON.parse(readFileSync(join(config.output_model_path, 'trainedmodel.json'), 'utf8')).model_id,
        record.decisions.deploy?.challenger_id,
        'the challenger is kept under models/',
      );
      assert.equal((await runCycle(config)).record.outcome, 'no_new_data', 'the refused batch is not processed again');
    } finally {
      project.cleanup();
    }
  });

  it('deploys a model whose batch allows no monitoring reference without one, and the run says why', async () => {
    const project = makeTempProject({ seed: ['practicedata', 'testdata'], config: { monitoring: { folds: 20 } } });
    try {
      rmSync(join(project.dir, 'practicedata', 'dataset2.csv')); // dataset1.csv alone: 17 rows for 20 folds
      const { record } = await runCycle(project.config);
      assert.equal(record.outcome, 'bootstrap', record.summary);
      const step = record.steps.find((s) => s.name === 'monitoring reference');
      assert.equal(step?.outcome, 'ok');
      assert.match(step?.detail ?? '', /^none: cross-fitting 20 folds needs at least 20 rows, got 17$/);
      assert.equal(await readVersionReference(project.config.prod_deployment_path, record.live_model_after!), null);
      assert.ok(!existsSync(join(project.config.output_model_path, 'monitoring_reference.json')));
    } finally {
      project.cleanup();
    }
  });

  it('fails cleanly on a corrupted new file, leaving the live deployment untouched, and retries it next time', async () => {
    const project = makeTempProject();
    try {
      await runCycle(project.config);
      const before = await loadLiveDeployment(project.config.prod_deployment_path);
      const bytes = readFileSync(join(project.config.prod_deployment_path, 'trainedmodel.json'));
      writeFileSync(
        join(project.dir, 'practicedata', 'dataset9.csv'),
        Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0x14, 0x0a]),
      );
      writeFileSync(join(project.dir, 'practicedata', 'dataset1.csv'), 'garbage\n');
      writeFileSync(
        join(project.dir, 'practicedata', 'dataset2.csv'),
        'corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited\nx,-5,1,1,1\n',
      );
      const { record } = await runCycle(project.config);
      assert.equal(record.outcome, 'failed');
      assert.match(record.error ?? '', /no valid rows to ingest/);
      assert.equal(record.steps.at(-1)?.name, 'ingestion');
      assert.equal(record.steps.at(-1)?.outcome, 'failed');
      assert.equal((await loadLiveDeployment(project.config.prod_deployment_path)).modelId, before.modelId);
      assert.deepEqual(readFileSync(join(project.config.prod_deployment_path, 'trainedmodel.json')), bytes);
      assert.equal(
        (await runCycle(project.config)).record.outcome,
        'failed',
        'the bad batch is still new data next time',
      );
    } finally {
      project.cleanup();
    }
  });

  it('with model_drift test "parametric" and no history, falls back to the raw comparison and says so', async () => {
    const project = makeTempProject();
    try {
      await runCycle(project.config);
      const config = reconfigure(project, {
        input_folder_path: 'sourcedata',
        model_drift: { test: 'parametric' },
        retrain_on: ['model_drift'],
      });
      const { record } = await runCycle(config);
      assert.equal(record.outcome, 'no_drift', record.summary);
      assert.match(record.decisions.model_drift?.note ?? '', /only 1 recorded score/);
      assert.deepEqual(record.decisions.retrain, { retrain: false, because: [] });
    } finally {
      project.cleanup();
    }
  });

  it('after a cycle stopped between ingestion and its end, the next one still compares the batch with the data before it', async () => {
    const project = makeTempProject();
    try {
      const bootstrap = (await runCycle(project.config, { apiTarget: () => localApi(project.config) })).record;
      assert.equal(bootstrap.outcome, 'bootstrap');
      assert.ok(
        existsSync(join(project.config.output_folder_path, PREVIOUS_DATA_CSV)),
        'a completed cycle keeps its data as the next reference',
      );
      const config = reconfigure(project, { input_folder_path: 'sourcedata' });
      await ingest(config); // what a cycle killed right after its ingestion leaves: finaldata.csv holds the new batch
      const next = (await runCycle(config, { apiTarget: () => localApi(config) })).record;
      assert.deepEqual(next.new_files, ['dataset3.csv', 'dataset4.csv']);
      assert.equal(
        next.decisions.data_drift?.share_drifted,
        0.75,
        'practicedata vs sourcedata, not sourcedata vs itself',
      );
      assert.equal(next.outcome, 'deployed', next.summary);
    } finally {
      project.cleanup();
    }
  });
});
