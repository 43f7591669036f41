// Training keeps each model's monitoring reference beside it (monitoring_reference.json): the
// cross-fitted sample of its training data, capped by the config; when the data allow no
// cross-fitting, the model is still trained and kept, without a reference.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readDataset } from '../../../src/data/read-dataset.ts';
import { outOfFoldProbabilities } from '../../../src/model/cross-fit.ts';
import { sampleDataset } from '../../../src/monitoring/reference-sample.ts';
import { ingest } from '../../../src/pipeline/steps/ingest.ts';
import { fitModel, readTrainingData, train } from '../../../src/pipeline/steps/train.ts';
import { buildModelReference } from '../../../src/pipeline/steps/train-reference.ts';
import { readMonitoringReference } from '../../../src/records/monitoring-reference-file.ts';
import { outputLayout } from '../../../src/records/output-layout.ts';
import { batchCsv, CSV_HEADER } from '../../reliability/helpers/data-files.ts';
import { makeTempProject } from '../../helpers/temp-project.ts';

/** 20 rows whose label 1 sits in the last 4 only: fitting works, but with 5 folds the last fold's training rows are all 0. */
function lastFoldHoldsClassOne(): string {
  const rows = Array.from({ length: 20 }, (_, i) => `c${i},${10 + i},${100 + 7 * i},${1 + (i % 6)},${i >= 16 ? 1 : 0}`);
  return `${CSV_HEADER}${rows.join('\n')}\n`;
}

describe('training keeps the monitoring reference', () => {
  it('npm run train writes monitoring_reference.json next to trainedmodel.json: every row, out-of-fold', async () => {
    const project = makeTempProject({ seed: ['practicedata'], config: { model: { C: 0.5, tol: 1e-9, max_iter: 80 } } });
    try {
      const { config } = project;
      await ingest(config);
      const result = await train(config);
      const { models, output } = outputLayout(config);
      assert.equal(result.referencePath, models.monitoringReference);
      const stored = await readMonitoringReference(models.monitoringReference);
      assert.ok(stored);
      assert.equal(stored.modelId, result.file.model_id);
      assert.equal(stored.createdAt, result.file.trained_at);
      const { dataset } = await readDataset(output.finalData);
      assert.deepEqual([stored.rows, stored.sampledFrom, stored.folds], [dataset.rows, dataset.rows, 5]);
      assert.deepEqual(stored.columns, dataset.columns);
      assert.deepEqual(stored.probability, outOfFoldProbabilities(dataset, { C: 0.5, tol: 1e-9, maxIter: 80 }, 5));
    } finally {
      project.cleanup();
    }
  });

  it('keeps at most reference_rows rows, a sample of the training data, in the configured folds', async () => {
    const project = makeTempProject({
      seed: [],
      files: { 'practicedata/batch.csv': batchCsv(11, 400) },
      config: { monitoring: { reference_rows: 150, folds: 3 } },
    });
    try {
      const { config } = project;
      const { record } = await ingest(config);
      await train(config);
      const stored = await readMonitoringReference(outputLayout(config).models.monitoringReference);
      assert.ok(stored);
      assert.deepEqual([stored.rows, stored.sampledFrom, stored.folds], [150, record.rows_final, 3]);
      const sample = sampleDataset((await readTrainingData(config.output_folder_path)).dataset, 150);
      assert.deepEqual(stored.columns, sample.columns);
      assert.deepEqual(stored.probability, outOfFoldProbabilities(sample, { C: 1, tol: 1e-10, maxIter: 100 }, 3));
    } finally {
      project.cleanup();
    }
  });

  it('still trains when cross-fitting is impossible: no reference (and the previous one is removed), with the reason', async () => {
    const project = makeTempProject({ seed: ['practicedata'] });
    try {
      const { config } = project;
      const path = outputLayout(config).models.monitoringReference;
      await ingest(config);
      await train(config);
      assert.ok(existsSync(path), "the first model's reference");

      writeFileSync(join(project.dir, 'practicedata', 'dataset1.csv'), lastFoldHoldsClassOne());
      writeFileSync(join(project.dir, 'practicedata', 'dataset2.csv'), CSV_HEADER);
      await ingest(config);
      const result = await train(config);
      assert.equal(result.file.training_rows, 20);
      assert.equal(result.referencePath, null);
      assert.ok(!existsSync(path), "the previous model's reference is not left beside the new model");
      assert.equal(
        JSON.parse(readFileSync(outputLayout(config).models.trainedModel, 'utf8')).model_id,
        result.file.model_id,
      );

      const data = await readTrainingData(config.output_folder_path);
      const outcome = buildModelReference(fitModel(data, config.model), data.dataset, config);
      assert.equal(outcome.kept, null);
      assert.match(outcome.missing ?? '', /cross-fitting, fold 5 of 5: .*class/);
    } finally {
      project.cleanup();
    }
  });
});
