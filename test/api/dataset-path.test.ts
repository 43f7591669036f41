import assert from 'node:assert/strict';
import { readFileSync, realpathSync, renameSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDataFile } from '../../src/api/safe-data-path.ts';
import { readDataset } from '../../src/data/read-dataset.ts';
import { loadLiveDeployment, type LiveDeployment } from '../../src/deployment/live-deployment.ts';
import { predictDataset } from '../../src/model/predict.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/api-server.ts';
import { ingestTrainScoreDeploy } from '../helpers/pipeline-steps.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';

const HEADER = 'corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited\n';
const SOME_TIME = 1_700_000_000;

let project: TempProject;
let api: TestServer;
let live: LiveDeployment;
const dataFile = (name: string) => join(project.config.test_data_path, name);
const predict = (name: string) => postJson(`${api.url}/prediction`, { dataset_path: name });

/** The answer reading file `name` of the test data folder afresh gives. */
async function expected(name: string, config = project.config, model = live) {
  const { dataset } = await readDataset(join(config.test_data_path, name));
  return {
    model_id: model.modelId,
    predictions: Array.from(predictDataset(model.model, dataset).classes),
    probabilities: Array.from(predictDataset(model.model, dataset).probabilities),
  };
}

before(async () => {
  project = makeTempProject({ seed: ['practicedata', 'testdata'] });
  writeFileSync(join(project.dir, 'secret.csv'), `${HEADER}secret,1,1,1,1\n`);
  await ingestTrainScoreDeploy(project.config);
  live = await loadLiveDeployment(project.config.prod_deployment_path);
  api = await startTestServer(project.config);
});

after(async () => {
  await api.close();
  project.cleanup();
});

describe('POST /prediction with dataset_path serves the file as it is now', () => {
  it('an edited file is served fresh on the next request', async () => {
    writeFileSync(dataFile('edited.csv'), readFileSync(dataFile('testdata.csv')));
    const first = await predict('edited.csv');
    assert.deepEqual(first.body, await expected('testdata.csv'));
    assert.deepEqual((await predict('edited.csv')).body, first.body, 'the same answer from memory');
    writeFileSync(dataFile('edited.csv'), `${HEADER}a,0,0,0,0\nb,500,1,1,1\n`);
    const second = await predict('edited.csv');
    assert.equal(second.status, 200);
    assert.equal(second.body.predictions.length, 2);
    assert.deepEqual(second.body, await expected('edited.csv'));
  });

  it('a file replaced by another of the same size and modification time (another inode) is served fresh', async () => {
    writeFileSync(dataFile('replaced.csv'), `${HEADER}a,1,2,3,0\n`);
    utimesSync(dataFile('replaced.csv'), SOME_TIME, SOME_TIME);
    const first = await predict('replaced.csv');
    writeFileSync(dataFile('next.tmp'), `${HEADER}a,9,9,9,0\n`);
    utimesSync(dataFile('next.tmp'), SOME_TIME, SOME_TIME);
    renameSync(dataFile('next.tmp'), dataFile('replaced.csv'));
    const second = await predict('replaced.csv');
    assert.notDeepEqual(second.body.probabilities, first.body.probabilities);
    assert.deepEqual(second.body, await expected('replaced.csv'));
  });

  it('a symlink to a file outside swapped in for a served file is refused as a symlink always was', async () => {
    writeFileSync(dataFile('swapped.csv'), readFileSync(dataFile('testdata.csv')));
    assert.equal((await predict('swapped.csv')).status, 200);
    symlinkSync(join(project.dir, 'secret.csv'), dataFile('swap.tmp'));
    renameSync(dataFile('swap.tmp'), dataFile('swapped.csv'));
    const refused = await predict('swapped.csv');
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body, { error: 'dataset_path "swapped.csv" points outside the test data folder' });
  });

  it('a symlink to a file inside the folder is served, and follows its target', async () => {
    writeFileSync(dataFile('target.csv'), `${HEADER}a,1,2,3,0\n`);
    symlinkSync(dataFile('target.csv'), dataFile('alias.csv'));
    assert.deepEqual((await predict('alias.csv')).body, await expected('target.csv'));
    writeFileSync(dataFile('target.csv'), `${HEADER}a,1,2,3,0\nb,4,5,6,1\n`);
    assert.deepEqual((await predict('alias.csv')).body, await expected('target.csv'));
  });

  it('rejected rows and files without valid rows get the same errors on every request, until fixed', async () => {
    writeFileSync(dataFile('bad.csv'), `${HEADER}abc,1,2,3,1\nxyz,-1,2,3,0\n`);
    writeFileSync(dataFile('none.csv'), `${HEADER}xyz,-1,2,3,0\n`);
    for (let i = 0; i < 2; i++) {
      const bad = await predict('bad.csv');
      assert.equal(bad.status, 422);
      assert.equal(
        bad.text,
        JSON.stringify({
          error:
            'bad.csv: 1 rows rejected (first: line 3, column lastmonth_activity: negative count, expected a non-negative integer)',
        }),
      );
      const none = await predict('none.csv');
      assert.equal(none.status, 422);
      assert.deepEqual(none.body, {
        error: 'testdata/none.csv: no valid rows (none.csv: 1 of 1 rows rejected)',
      });
    }
    writeFileSync(dataFile('bad.csv'), `${HEADER}abc,1,2,3,1\nxyz,1,2,3,0\n`);
    assert.deepEqual((await predict('bad.csv')).body, await expected('bad.csv'));
  });

  it('with dataset_cache_bytes 0 nothing is kept and every answer is still right', async () => {
    const other = makeTempProject({
      seed: ['practicedata', 'testdata'],
      config: { server: { dataset_cache_bytes: 0 } },
    });
    await ingestTrainScoreDeploy(other.config);
    const otherLive = await loadLiveDeployment(other.config.prod_deployment_path);
    const server = await startTestServer(other.config);
    try {
      const ask = () => postJson(`${server.url}/prediction`, { dataset_path: 'testdata.csv' });
      assert.deepEqual((await ask()).body, await expected('testdata.csv', other.config, otherLive));
      assert.deepEqual((await ask()).body, await expected('testdata.csv', other.config, otherLive));
      writeFileSync(join(other.config.test_data_path, 'testdata.csv'), `${HEADER}a,0,0,0,0\n`);
      assert.deepEqual((await ask()).body, await expected('testdata.csv', other.config, otherLive));
    } finally {
      await server.close();
      other.cleanup();
    }
  });
});

describe('openDataFile', () => {
  it('reads the file it checked, even when a symlink to elsewhere replaces it afterwards', () => {
    writeFileSync(dataFile('held.csv'), `${HEADER}held,1,1,1,1\n`);
    const file = openDataFile(project.config.test_data_path, 'held.csv');
    try {
      symlinkSync(join(project.dir, 'secret.csv'), dataFile('held.tmp'));
      renameSync(dataFile('held.tmp'), dataFile('held.csv'));
      assert.equal(file.path, `${realpathSync(project.config.test_data_path)}/held.csv`);
      assert.equal(readFileSync(file.readPath, 'utf8'), `${HEADER}held,1,1,1,1\n`);
    } finally {
      file.close();
    }
  });
});
