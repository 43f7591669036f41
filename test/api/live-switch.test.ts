import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rollback } from '../../src/pipeline/steps/deploy.ts';
import { getJson, postJson, startTestServer } from '../helpers/api-server.ts';
import { ingestTrainScoreDeploy, withInput } from '../helpers/pipeline-steps.ts';
import { makeTempProject } from '../helpers/temp-project.ts';

describe('the API serves whatever model is live', () => {
  it('answers 503 while no model is live, then switches on deploy and rollback without a restart', async () => {
    const project = makeTempProject();
    const api = await startTestServer(project.config);
    try {
      const none = await getJson(`${api.url}/health`);
      assert.equal(none.status, 503);
      assert.equal(none.body.ready, false);
      assert.equal((await postJson(`${api.url}/prediction`, { dataset_path: 'testdata.csv' })).status, 503);
      assert.equal((await getJson(`${api.url}/scoring`)).status, 503);

      const first = await ingestTrainScoreDeploy(project.config);
      assert.equal((await getJson(`${api.url}/health`)).body.model_id, first.modelId);
      const firstPrediction = await postJson(`${api.url}/prediction`, { dataset_path: 'testdata.csv' });
      assert.deepEqual(firstPrediction.body.predictions, [0, 1, 1, 1, 1]);

      const second = await ingestTrainScoreDeploy(withInput(project.config, 'sourcedata'));
      assert.equal((await getJson(`${api.url}/health`)).body.model_id, second.modelId);
      const secondPrediction = await postJson(`${api.url}/prediction`, { dataset_path: 'testdata.csv' });
      assert.equal(secondPrediction.body.model_id, second.modelId);
      assert.deepEqual(secondPrediction.body.predictions, [1, 1, 1, 0, 1], 'the sourcedata model predicts differently');
      assert.equal((await getJson(`${api.url}/scoring`)).body.model_id, second.modelId);

      await rollback(project.config);
      assert.equal((await getJson(`${api.url}/health`)).body.model_id, first.modelId);
      assert.equal(
        (await postJson(`${api.url}/prediction`, { dataset_path: 'testdata.csv' })).body.model_id,
        first.modelId,
      );
    } finally {
      await api.close();
      project.cleanup();
    }
  });
});
