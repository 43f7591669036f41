/**
 * The cycle's labels step: a labels file dropped into labels_folder_path is read by the next cycle
 * (also one that finds no new data), before its production-monitoring pass, whose summary in the run
 * record then names the newest labelled chunk and its realized F1.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCycle } from '../../../src/pipeline/cycle/fullprocess.ts';
import { FilePredictionLogStore } from '../../../src/prediction-log/file-store.ts';
import { outputFolderLayout } from '../../../src/records/output-layout.ts';
import { startTestServer } from '../../helpers/api-server.ts';
import { makeTempProject } from '../../helpers/temp-project.ts';

describe('the cycle reads delayed labels', () => {
  it('stores a new labels file, then its monitoring pass reports the realized F1 of the labelled chunk', async () => {
    const project = makeTempProject({ config: { monitoring: { chunk: { size: 200 } } } });
    try {
      const { config } = project;
      const apiTarget = async () => {
        const api = await startTestServer(config);
        return { url: `${api.url}/`, close: api.close };
      };
      const bootstrap = (await runCycle(config, { apiTarget })).record;
      assert.equal(bootstrap.outcome, 'bootstrap');

      const rows = 200;
      const classes = Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 1 : 0));
      const store = new FilePredictionLogStore(outputFolderLayout(config.output_folder_path).predictionLog);
      await store.append([
        {
          time: Date.now() - 3_600_000,
          requestId: 'r1',
          modelId: bootstrap.live_model_after!,
          ids: Array.from({ length: rows }, (_, i) => `c${i}`),
          features: {
            lastmonth_activity: new Float64Array(rows).fill(10),
            lastyear_activity: new Float64Array(rows).fill(100),
            number_of_employees: new Float64Array(rows).fill(5),
          },
          probabilities: classes.map((c) => (c ? 0.8 : 0.2)),
          classes,
        },
      ]);
      await store.close();
      const exited = (i: number) => (i % 3 === 0 ? i % 2 : i % 5 === 0 ? 1 : 0);
      const labelled = 150;
      const lines = Array.from({ length: labelled }, (_, i) => `c${i},${exited(i)},${new Date().toISOString()}`);
      mkdirSync(config.labels_folder_path);
      writeFileSync(
        join(config.labels_folder_path, 'march.csv'),
        `id,exited,observed_at\n${lines.join('\n')}\nc999,2,2027-01-01\n`,
      );

      const record = (await runCycle(config, { apiTarget })).record;
      assert.equal(record.outcome, 'no_new_data', record.summary);
      const names = record.steps.map((s) => s.name);
      assert.ok(
        names.indexOf('labels') >= 0 && names.indexOf('labels') < names.indexOf('production monitoring'),
        names.join(),
      );
      assert.deepEqual(record.labels, { files: 1, stored: labelled, duplicates: 0, conflicts: 0, rows_rejected: 1 });

      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (let i = 0; i < labelled; i++) {
        if (classes[i] === 1 && exited(i) === 1) tp++;
        else if (classes[i] === 1) fp++;
        else if (exited(i) === 1) fn++;
      }
      const latest = record.monitoring?.latest_realized;
      assert.ok(latest, JSON.stringify(record.monitoring));
      assert.equal(latest.labelled_rows, labelled);
      assert.ok(Math.abs(latest.realized_f1! - (2 * tp) / (2 * tp + fp + fn)) < 1e-12);

      const again = (await runCycle(config, { apiTarget })).record;
      assert.deepEqual(again.labels, { files: 0, stored: 0, duplicates: 0, conflicts: 0, rows_rejected: 0 });
    } finally {
      project.cleanup();
    }
  });
});
