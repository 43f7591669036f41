/**
 * The remaining kinds raised by real cycles: the live model serves a chunk it predicts no exit in
 * (estimated F1 0, below the chunk's lower threshold: `estimated_f1_out_of_thresholds`), and a batch
 * whose labels are flipped makes the retrained challenger worse than the champion
 * (`challenger_refused`).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import { FilePredictionLogStore } from '../../src/prediction-log/file-store.ts';
import { AlertOutbox } from '../../src/alerts/outbox.ts';
import { alertStateSchema } from '../../src/records/alert-files.ts';
import { outputFolderLayout } from '../../src/records/output-layout.ts';
import { makeTempProject } from '../helpers/temp-project.ts';
import { trainingCsv } from '../helpers/training-csv.ts';

const ROWS = 200;

describe('alerts raised by cycles: monitoring and champion/challenger', () => {
  it('a complete chunk the live model predicts no exit in raises estimated_f1_out_of_thresholds', async () => {
    const project = makeTempProject({
      seed: ['testdata'],
      files: { 'practicedata/training.csv': trainingCsv() },
      config: { monitoring: { chunk: { size: ROWS } } },
    });
    try {
      const bootstrap = (await runCycle(project.config)).record;
      const log = new FilePredictionLogStore(outputFolderLayout(project.config.output_folder_path).predictionLog);
      await log.append([
        {
          time: Date.now() - 3_600_000,
          requestId: 'quiet',
          modelId: bootstrap.live_model_after!,
          ids: null,
          features: {
            lastmonth_activity: new Float64Array(ROWS).fill(900),
            lastyear_activity: new Float64Array(ROWS).fill(10_000),
            number_of_employees: new Float64Array(ROWS).fill(50),
          },
          probabilities: new Float64Array(ROWS).fill(0.01),
          classes: new Float64Array(ROWS).fill(0),
        },
      ]);
      await log.close();
      const record = (await runCycle(project.config)).record;
      assert.equal(record.monitoring?.latest?.alert, true, JSON.stringify(record.monitoring));
      const state = alertStateSchema.parse(
        JSON.parse(readFileSync(outputFolderLayout(project.config.output_folder_path).alerts.state, 'utf8')),
      );
      const condition = state.active[`estimated_f1_out_of_thresholds|${bootstrap.live_model_after}`];
      assert.match(condition?.summary ?? '', /estimated F1 0 of the chunk from .* left its thresholds/);
    } finally {
      project.cleanup();
    }
  });

  it('a challenger trained on flipped labels, worse than the champion, raises challenger_refused', async () => {
    const flipped = readFileSync(join(import.meta.dirname, '../../sourcedata/dataset3.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line, i) => (i === 0 ? line : line.replace(/,([01])$/, (_, y) => `,${1 - Number(y)}`)))
      .join('\n');
    const project = makeTempProject({
      seed: ['practicedata', 'testdata'],
      files: { 'flipped/batch.csv': `${flipped}\n` },
      config: {
        retrain_on: ['model_drift'],
        alerts: { webhooks: [{ name: 'ops', url: 'http://127.0.0.1:9/', format: 'json', secret_env: 'UNUSED' }] },
      },
    });
    try {
      await runCycle(project.config);
      const record = (await runCycle({ ...project.config, input_folder_path: join(project.dir, 'flipped') })).record;
      assert.equal(record.outcome, 'not_deployed', record.summary);
      const entries = await new AlertOutbox(outputFolderLayout(project.config.output_folder_path).alerts).entries();
      const refused = entries.find(({ entry }) => entry.alert.kind === 'challenger_refused')?.entry.alert;
      assert.ok(refused, entries.map(({ entry }) => entry.alert.kind).join());
      assert.equal(refused.subject, record.decisions.deploy!.challenger_id);
      assert.equal(refused.status, 'event');
      assert.ok((refused.numbers.challenger_f1 as number) < (refused.numbers.champion_f1 as number));
    } finally {
      project.cleanup();
    }
  });
});
