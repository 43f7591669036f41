/**
 * model_drift.source `realized`: after a bootstrap, the live model serves 200 predictions with ids and
 * their labels arrive; the next cycle with a new batch judges model drift on the realized F1 of that
 * chunk (not on the batch): it retrains when the labels contradict the predictions (realized F1 0,
 * below the chunk's lower threshold) and keeps the model when they confirm them (realized F1 1).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/config.ts';
import { FileLabelStore } from '../../../src/labels/file-label-store.ts';
import { runCycle } from '../../../src/pipeline/cycle/fullprocess.ts';
import { FilePredictionLogStore } from '../../../src/prediction-log/file-store.ts';
import { alertStateSchema } from '../../../src/records/alert-files.ts';
import { outputFolderLayout } from '../../../src/records/output-layout.ts';
import { makeTempProject } from '../../helpers/temp-project.ts';
import { trainingCsv } from '../../helpers/training-csv.ts';

const ROWS = 200;

/** Bootstraps a project judging model drift on `source`, logs ROWS predictions of the live model and stores their labels. */
async function servedAndLabelled(source: string, labelsAgree: boolean) {
  const project = makeTempProject({
    seed: ['sourcedata', 'testdata'],
    files: { 'practicedata/training.csv': trainingCsv() },
    config: {
      monitoring: { chunk: { size: ROWS } },
      model_drift: { test: 'raw', source },
      retrain_on: ['model_drift'],
    },
  });
  const bootstrap = (await runCycle(project.config)).record;
  assert.equal(bootstrap.outcome, 'bootstrap', bootstrap.summary);
  const layout = outputFolderLayout(project.config.output_folder_path);
  const classes = Array.from({ length: ROWS }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const log = new FilePredictionLogStore(layout.predictionLog);
  await log.append([
    {
      time: Date.now() - 3_600_000,
      requestId: 'r1',
      modelId: bootstrap.live_model_after!,
      ids: Array.from({ length: ROWS }, (_, i) => `c${i}`),
      features: {
        lastmonth_activity: Float64Array.from(classes, (c, i) => (c ? 400 : 40) + i),
        lastyear_activity: Float64Array.from(classes, (c, i) => (c ? 4000 : 400) + i),
        number_of_employees: Float64Array.from(classes, (_, i) => 5 + (i % 50)),
      },
      probabilities: classes.map((c) => (c ? 0.8 : 0.2)),
      classes,
    },
  ]);
  await log.close();
  const labels = new FileLabelStore(layout.labels);
  await labels.add(
    classes.map((c, i) => ({ id: `c${i}`, exited: (labelsAgree ? c : 1 - c) as 0 | 1, observedAt: Date.now() })),
    'test',
  );
  await labels.close();
  // a new batch arrives
  const raw = { ...JSON.parse(readFileSync(project.configFile, 'utf8')), input_folder_path: 'sourcedata' };
  writeFileSync(project.configFile, JSON.stringify(raw));
  return { project, config: parseConfig(raw, project.configFile), liveModel: bootstrap.live_model_after! };
}

describe('fullprocess: model drift judged on realized performance', () => {
  it('retrains when the realized F1 of the live model’s newest labelled chunk is below its lower threshold', async () => {
    const { project, config, liveModel } = await servedAndLabelled('realized', false);
    try {
      const record = (await runCycle(config)).record;
      const realized = record.decisions.realized_drift;
      assert.ok(realized, JSON.stringify(record.decisions));
      assert.equal(realized.model_id, liveModel);
      assert.equal(realized.realized_f1, 0);
      assert.equal(realized.labelled_rows, ROWS);
      assert.ok(realized.f1_lower! > 0, `lower threshold ${realized.f1_lower}`);
      assert.equal(realized.drifted, true);
      assert.equal(record.decisions.model_drift, undefined, 'the batch is not judged');
      assert.deepEqual(record.decisions.retrain, { retrain: true, because: ['realized_model_drift'] });
      const names = record.steps.map((s) => s.name);
      assert.ok(names.indexOf('realized drift') > names.indexOf('production monitoring'), names.join());
      assert.ok(names.includes('training'), names.join());
      assert.ok(['deployed', 'not_deployed'].includes(record.outcome), record.summary);
      // and the alerts: the live model drifted, its realized F1 left the thresholds
      const state = alertStateSchema.parse(
        JSON.parse(readFileSync(outputFolderLayout(config.output_folder_path).alerts.state, 'utf8')),
      );
      assert.match(
        state.active[`model_drift|${liveModel}`]?.summary ?? '',
        /realized F1 0 on 200 labelled rows, below/,
      );
      assert.ok(state.active[`realized_f1_out_of_thresholds|${liveModel}`], Object.keys(state.active).join());
    } finally {
      project.cleanup();
    }
  });

  it('keeps the live model when the realized F1 holds, whatever the batch says', async () => {
    const { project, config } = await servedAndLabelled('realized', true);
    try {
      const record = (await runCycle(config)).record;
      assert.equal(record.decisions.realized_drift?.realized_f1, 1);
      assert.equal(record.decisions.realized_drift?.drifted, false);
      assert.equal(record.outcome, 'no_drift', record.summary);
      assert.match(record.summary, /realized F1 1\.0000, lower threshold/);
      assert.ok(!record.steps.some((s) => s.name === 'training'));
    } finally {
      project.cleanup();
    }
  });

  it('with source both, either kind of model drift retrains', async () => {
    const { project, config } = await servedAndLabelled('both', false);
    try {
      const record = (await runCycle(config)).record;
      assert.ok(record.decisions.model_drift, 'the batch is judged too');
      assert.equal(record.decisions.realized_drift?.drifted, true);
      assert.ok(record.decisions.retrain?.because.includes('realized_model_drift'), record.summary);
    } finally {
      project.cleanup();
    }
  });
});
