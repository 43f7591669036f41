import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { report } from '../../../src/pipeline/steps/report.ts';
import { ingestTrainScoreDeploy } from '../../helpers/pipeline-steps.ts';
import { makeTempProject, seedReference } from '../../helpers/temp-project.ts';
import { pngSize } from '../../report/png.ts';

describe('reporting', () => {
  it('writes the confusion matrix of the deployed model on the test data as a 480×400 PNG', async () => {
    const project = makeTempProject();
    try {
      await assert.rejects(report(project.config), /no model is deployed/);
      await ingestTrainScoreDeploy(project.config);
      const { path, score } = await report(project.config);
      assert.deepEqual(score.confusion_matrix, seedReference().datasets.reference.test_scores.confusion_matrix);
      assert.deepEqual(pngSize(readFileSync(path)), { width: 480, height: 400 });
    } finally {
      project.cleanup();
    }
  });
});
