/**
 * training.include_labelled_production: after a bootstrap, the live model serves predictions with ids
 * (some twice with the same features, some too old for the horizon, some never labelled) and labels
 * arrive; the next cycle's challenger is trained on the new batch plus the labelled production rows,
 * repeats dropped, and says how many in the run record and in its model file. Its coefficients are
 * those of a fit on the rows the test expects.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readDataset } from '../../../src/data/read-dataset.ts';
import type { NumericColumn } from '../../../src/data/schema.ts';
import { FileLabelStore } from '../../../src/labels/file-label-store.ts';
import { fitDataset } from '../../../src/model/logistic-regression.ts';
import { runCycle } from '../../../src/pipeline/cycle/fullprocess.ts';
import { DAY_MS } from '../../../src/prediction-log/day.ts';
import type { PredictionLogBatch } from '../../../src/prediction-log/entry.ts';
import { FilePredictionLogStore } from '../../../src/prediction-log/file-store.ts';
import { readModelFile } from '../../../src/records/model-io.ts';
import { FINAL_DATA_CSV, outputFolderLayout, TRAINED_MODEL_JSON } from '../../../src/records/output-layout.ts';
import { makeTempProject } from '../../helpers/temp-project.ts';

/** Features of caller `p<i>` (the same each time it is scored). */
const featuresOf = (i: number): [number, number, number] => [i * 10, i * 100 + 7, 5 + (i % 7)];

/** One request scoring the callers `ids` (null: no id) at `time`. */
function served(time: number, requestId: string, modelId: string, ids: (string | null)[]): PredictionLogBatch {
  const rows = ids.map((id, k) => featuresOf(id === null ? k : Number(id.slice(1))));
  return {
    time,
    requestId,
    modelId,
    ids,
    features: {
      lastmonth_activity: Float64Array.from(rows, (r) => r[0]),
      lastyear_activity: Float64Array.from(rows, (r) => r[1]),
      number_of_employees: Float64Array.from(rows, (r) => r[2]),
    },
    probabilities: ids.map(() => 0.5),
    classes: ids.map(() => 1),
  };
}

const range = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('fullprocess: training on labelled production rows', () => {
  it('adds the labelled rows of the horizon to the batch, repeats dropped, and records how many', async () => {
    const project = makeTempProject({ config: { training: { include_labelled_production: true } } });
    try {
      const bootstrap = (await runCycle(project.config)).record;
      assert.equal(bootstrap.outcome, 'bootstrap', bootstrap.summary);
      assert.equal(bootstrap.labelled_production?.rows, 0, 'nothing served yet: none used, and that is recorded');
      const layout = outputFolderLayout(project.config.output_folder_path);
      const model = bootstrap.live_model_after!;
      const now = Date.now();
      const log = new FilePredictionLogStore(layout.predictionLog);
      await log.append([
        served(now - 370 * DAY_MS, 'old', model, range(10, 'p')), // labelled, but before the horizon
        served(now - 2 * 3_600_000, 'first', model, range(20, 'p')),
        served(now - 3_600_000, 'again', model, [...range(100, 'p'), ...range(50, 'q'), null, null]),
      ]);
      await log.close();
      const labels = new FileLabelStore(layout.labels);
      const exited = (i: number): 0 | 1 => (i % 3 === 0 ? 1 : 0);
      await labels.add(
        [
          ...range(10, 'p').map((id) => ({ id, exited: 1 as const, observedAt: now - 10 * DAY_MS })),
          ...range(80, 'p').map((id, i) => ({ id, exited: exited(i), observedAt: now })),
        ],
        'test',
      );
      await labels.close();

      const config = { ...project.config, input_folder_path: join(project.dir, 'sourcedata') };
      const record = (await runCycle(config)).record;
      assert.ok(record.decisions.retrain?.retrain, record.summary);
      const batch = (await readDataset(join(config.output_folder_path, FINAL_DATA_CSV))).dataset;
      // p0..p79 labelled now: their rows of the last two hours; p0..p19 were scored twice alike
      assert.deepEqual(
        { ...record.labelled_production, from: undefined, to: undefined },
        { rows: 80, batch_rows: batch.rows, duplicates_dropped: 20, from: undefined, to: undefined },
      );
      const span = Date.parse(record.labelled_production!.to) - Date.parse(record.labelled_production!.from);
      assert.ok(Math.abs(span - 365 * DAY_MS) <= 1, `${span}`);
      assert.match(
        record.steps.find((s) => s.name === 'labelled production rows')!.detail!,
        /^80 labelled production rows/,
      );

      const trained = await readModelFile(join(config.output_model_path, TRAINED_MODEL_JSON));
      const trainedOn = trained.file.trained_on as Record<string, unknown>;
      assert.equal(trainedOn.rows, batch.rows + 80);
      assert.deepEqual(trainedOn.labelled_production, record.labelled_production);

      const production = range(80, 'p').map((_, i) => [...featuresOf(i), exited(i)]);
      const columns = ['lastmonth_activity', 'lastyear_activity', 'number_of_employees', 'exited'] as const;
      const expected = fitDataset(
        {
          rows: batch.rows + 80,
          columns: Object.fromEntries(
            columns.map((c, j) => [c, Float64Array.from([...batch.columns[c], ...production.map((row) => row[j]!)])]),
          ) as Record<NumericColumn, Float64Array>,
        },
        { C: config.model.C, tol: config.model.tol, maxIter: config.model.max_iter },
      );
      trained.model.coefficients.forEach((c, i) => {
        const want = expected.coefficients[i]!;
        assert.ok(Math.abs(c - want) <= 1e-9 * Math.max(1, Math.abs(want)), `coefficient ${i}: ${c} vs ${want}`);
      });
    } finally {
      project.cleanup();
    }
  });
});
