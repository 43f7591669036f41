import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readDataset } from '../../src/data/read-dataset.ts';
import { loadLiveDeployment, type LiveDeployment } from '../../src/deployment/live-deployment.ts';
import type { PredictionLogBatch, PredictionLogSink } from '../../src/prediction-log/entry.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/api-server.ts';
import { ingestTrainScoreDeploy } from '../helpers/pipeline-steps.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';

const HEADER = 'corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited\n';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const LONG_NAME = 'L'.repeat(300);

/** A sink that keeps every batch (or throws, when told to). */
class CollectingSink implements PredictionLogSink {
  batches: PredictionLogBatch[] = [];
  throwing = false;

  record(batch: PredictionLogBatch): void {
    if (this.throwing) throw new Error('the log is broken');
    this.batches.push(batch);
  }
}

let project: TempProject;
let api: TestServer;
let live: LiveDeployment;
const sink = new CollectingSink();

/** POSTs to /prediction through the fast path (plain JSON) or through Express (the same body gzipped). */
async function predict(body: unknown, path: 'fast' | 'express' = 'fast') {
  if (path === 'fast') return postJson(`${api.url}/prediction`, body);
  const response = await fetch(`${api.url}/prediction`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: gzipSync(JSON.stringify(body)),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text), text, headers: response.headers };
}

/** The one batch logged since the last reset. */
function onlyBatch(): PredictionLogBatch {
  assert.equal(sink.batches.length, 1, 'one batch per answered request');
  return sink.batches[0]!;
}

const plain = (values: ArrayLike<number>) => Array.from(values);

before(async () => {
  project = makeTempProject({ seed: ['practicedata', 'testdata'] });
  writeFileSync(join(project.config.test_data_path, 'long-ids.csv'), `${HEADER}${LONG_NAME},1,2,3,0\n,4,5,6,1\n`);
  writeFileSync(join(project.config.test_data_path, 'no-ids.csv'), `${HEADER},1,2,3,0\n,4,5,6,1\n`);
  await ingestTrainScoreDeploy(project.config);
  live = await loadLiveDeployment(project.config.prod_deployment_path);
  api = await startTestServer(project.config, { predictionLog: sink });
});

after(async () => {
  await api.close();
  project.cleanup();
});

beforeEach(() => {
  sink.batches = [];
  sink.throwing = false;
});

describe('POST /prediction hands each answer to the prediction log', () => {
  const records = [
    { id: 'acme', corporation: 'Acme Corp', lastmonth_activity: 234, lastyear_activity: 3, number_of_employees: 10 },
    { corporation: 'Big Co', lastmonth_activity: 14, lastyear_activity: 2145, number_of_employees: 99 },
    { lastmonth_activity: 0, lastyear_activity: 675, number_of_employees: 25 },
    { id: '', corporation: 'fallback', lastmonth_activity: 1, lastyear_activity: 2, number_of_employees: 3 },
  ];

  for (const path of ['fast', 'express'] as const) {
    it(`records (${path} path): one batch with ids, model, features, and the answer's probabilities`, async () => {
      const started = Date.now();
      const answer = await predict({ records }, path);
      assert.equal(answer.status, 200, answer.text);
      const batch = onlyBatch();
      assert.equal(batch.requestId, answer.headers.get('x-request-id'));
      assert.match(batch.requestId, UUID);
      assert.equal(batch.modelId, live.modelId);
      assert.equal(batch.modelId, answer.body.model_id);
      assert.ok(batch.time >= started && batch.time <= Date.now());
      assert.deepEqual(batch.ids, ['acme', 'Big Co', null, 'fallback']);
      assert.deepEqual(Object.keys(batch.features).sort(), [
        'lastmonth_activity',
        'lastyear_activity',
        'number_of_employees',
      ]);
      assert.deepEqual(plain(batch.features.lastmonth_activity), [234, 14, 0, 1]);
      assert.deepEqual(plain(batch.features.lastyear_activity), [3, 2145, 675, 2]);
      assert.deepEqual(plain(batch.features.number_of_employees), [10, 99, 25, 3]);
      assert.deepEqual(plain(batch.probabilities), answer.body.probabilities);
      assert.deepEqual(plain(batch.classes), answer.body.predictions);
    });
  }

  it('records without any id: ids is null', async () => {
    const answer = await predict({
      records: [{ lastmonth_activity: 1, lastyear_activity: 2, number_of_employees: 3 }],
    });
    assert.equal(answer.status, 200);
    assert.equal(onlyBatch().ids, null);
  });

  it('a corporation longer than 200 characters is logged cut to 200', async () => {
    const long = { corporation: 'C'.repeat(1000), lastmonth_activity: 1, lastyear_activity: 2, number_of_employees: 3 };
    assert.equal((await predict({ records: [long] })).status, 200);
    assert.deepEqual(onlyBatch().ids, ['C'.repeat(200)]);
  });

  for (const path of ['fast', 'express'] as const) {
    it(`dataset_path (${path} path): the file's corporation column as ids, its rows as features`, async () => {
      const { dataset } = await readDataset(join(project.config.test_data_path, 'testdata.csv'));
      const answer = await predict({ dataset_path: 'testdata.csv' }, path);
      assert.equal(answer.status, 200, answer.text);
      const batch = onlyBatch();
      assert.equal(batch.requestId, answer.headers.get('x-request-id'));
      assert.equal(batch.modelId, live.modelId);
      assert.deepEqual(batch.ids, ['werf', 'sdfv', 'edcv', 'uhgr', 'okjh']);
      assert.deepEqual(Object.keys(batch.features).sort(), [
        'lastmonth_activity',
        'lastyear_activity',
        'number_of_employees',
      ]);
      for (const feature of ['lastmonth_activity', 'lastyear_activity', 'number_of_employees'] as const)
        assert.deepEqual(plain(batch.features[feature]), plain(dataset.columns[feature]));
      assert.deepEqual(plain(batch.probabilities), answer.body.probabilities);
      assert.deepEqual(plain(batch.classes), answer.body.predictions);
    });
  }

  it('dataset_path: long ids cut to 200 characters, empty ones null, a file without ids null', async () => {
    assert.equal((await predict({ dataset_path: 'long-ids.csv' })).status, 200);
    assert.deepEqual(onlyBatch().ids, ['L'.repeat(200), null]);
    sink.batches = [];
    assert.equal((await predict({ dataset_path: 'no-ids.csv' })).status, 200);
    assert.equal(onlyBatch().ids, null);
  });

  it('no batch for a refused request, and an id longer than 200 characters is refused naming the field', async () => {
    const tooLong = { id: 'x'.repeat(201), lastmonth_activity: 1, lastyear_activity: 2, number_of_employees: 3 };
    for (const path of ['fast', 'express'] as const) {
      const answer = await predict({ records: [tooLong] }, path);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.issues[0].path, 'records.0.id');
      assert.equal(answer.headers.get('x-request-id'), null);
    }
    assert.equal((await predict({ records: [{ ...tooLong, id: 7 }] })).status, 400);
    assert.equal((await predict({ dataset_path: 'missing.csv' })).status, 404);
    assert.equal((await predict({ dataset_path: '../secret.csv' })).status, 400);
    assert.equal(sink.batches.length, 0);
  });

  it('an id of exactly 200 characters is accepted and logged whole', async () => {
    const id = 'y'.repeat(200);
    const answer = await predict({
      records: [{ id, lastmonth_activity: 1, lastyear_activity: 2, number_of_employees: 3 }],
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(onlyBatch().ids, [id]);
  });

  it('x-request-id: a new UUID on every answer, on both paths', async () => {
    const body = { records: [{ lastmonth_activity: 1, lastyear_activity: 2, number_of_employees: 3 }] };
    const answers = [
      ...(await Promise.all(Array.from({ length: 5 }, () => predict(body)))),
      ...(await Promise.all(Array.from({ length: 5 }, () => predict(body, 'express')))),
    ];
    const ids = answers.map((answer) => answer.headers.get('x-request-id') ?? '');
    for (const id of ids) assert.match(id, UUID);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(new Set(sink.batches.map((batch) => batch.requestId)), new Set(ids));
  });

  it('a sink that throws does not fail the answer', async () => {
    sink.throwing = true;
    const answer = await predict({
      records: [{ lastmonth_activity: 1, lastyear_activity: 2, number_of_employees: 3 }],
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.predictions.length, 1);
  });

  it('the OpenAPI document lists the id field and the x-request-id header', async () => {
    const { body } = await getJson(`${api.url}/openapi.json`);
    const id = body.components.schemas.FeatureRecord.properties.id;
    assert.equal(id.type, 'string');
    assert.equal(id.maxLength, 200);
    assert.ok(id.description);
    assert.ok(id.example);
    const header = body.paths['/prediction'].post.responses['200'].headers['x-request-id'];
    assert.ok(header.description);
  });
});
