import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readDataset } from '../../src/data/read-dataset.ts';
import { loadLiveDeployment } from '../../src/deployment/live-deployment.ts';
import { predictDataset } from '../../src/model/predict.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/api-server.ts';
import { ingestTrainScoreDeploy } from '../helpers/pipeline-steps.ts';
import { makeTempProject, seedReference, type TempProject } from '../helpers/temp-project.ts';

let project: TempProject;
let api: TestServer;
const reference = seedReference();

before(async () => {
  project = makeTempProject();
  // a file outside the test data folder, and a symlink to it from inside
  writeFileSync(
    join(project.dir, 'secret.csv'),
    'corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited\nx,1,1,1,1\n',
  );
  symlinkSync(join(project.dir, 'secret.csv'), join(project.dir, 'testdata', 'link.csv'));
  mkdirSync(join(project.dir, 'testdata', 'sub.csv'));
  await ingestTrainScoreDeploy(project.config);
  api = await startTestServer(project.config);
});

after(async () => {
  await api.close();
  project.cleanup();
});

describe('API endpoints', () => {
  it('GET /health: ready with the live model id', async () => {
    const live = await loadLiveDeployment(project.config.prod_deployment_path);
    const { status, body } = await getJson(`${api.url}/health`);
    assert.equal(status, 200);
    assert.deepEqual(body, {
      status: 'ok',
      live: true,
      ready: true,
      model_id: live.modelId,
      cycle: { running: false, overdue: false },
    });
  });

  it('POST /prediction with dataset_path: the reference predictions, equal to the model module', async () => {
    const live = await loadLiveDeployment(project.config.prod_deployment_path);
    const { dataset } = await readDataset(join(project.config.test_data_path, 'testdata.csv'));
    const { status, body } = await postJson(`${api.url}/prediction`, { dataset_path: 'testdata.csv' });
    assert.equal(status, 200);
    assert.equal(body.model_id, live.modelId);
    assert.deepEqual(body.predictions, reference.datasets.reference.test_predictions);
    assert.deepEqual(body.predictions, Array.from(predictDataset(live.model, dataset).classes));
    assert.deepEqual(body.probabilities, Array.from(predictDataset(live.model, dataset).probabilities));
  });

  it('POST /prediction with records: the same answers as the model module for the same rows', async () => {
    const live = await loadLiveDeployment(project.config.prod_deployment_path);
    const { dataset } = await readDataset(join(project.config.test_data_path, 'testdata.csv'));
    const records = Array.from({ length: dataset.rows }, (_, i) => ({
      lastmonth_activity: dataset.columns.lastmonth_activity[i]!,
      lastyear_activity: dataset.columns.lastyear_activity[i]!,
      number_of_employees: dataset.columns.number_of_employees[i]!,
    }));
    const { status, body } = await postJson(`${api.url}/prediction`, { records });
    assert.equal(status, 200);
    assert.deepEqual(body.probabilities, Array.from(predictDataset(live.model, dataset).probabilities));
    assert.deepEqual(body.predictions, Array.from(predictDataset(live.model, dataset).classes));
  });

  it('POST /prediction answers the same through Express (a URL with a query string) as on the fast path', async () => {
    const body = { records: [{ lastmonth_activity: 1, lastyear_activity: 2, number_of_employees: 3 }] };
    const fast = await postJson(`${api.url}/prediction`, body);
    const viaExpress = await postJson(`${api.url}/prediction?via=express`, body);
    assert.equal(viaExpress.status, 200);
    assert.deepEqual(viaExpress.body, fast.body);
    const bad = await postJson(`${api.url}/prediction?via=express`, { records: [] });
    assert.deepEqual(bad, await postJson(`${api.url}/prediction`, { records: [] }));
  });

  it('GET /scoring: the reference metrics, and no side effect on latestscore', async () => {
    const { status, body } = await getJson(`${api.url}/scoring`);
    assert.equal(status, 200);
    const expected = reference.datasets.reference.test_scores;
    assert.equal(body.f1, expected.f1);
    assert.equal(body.precision, expected.precision);
    assert.equal(body.recall, expected.recall);
    assert.equal(body.accuracy, expected.accuracy);
    assert.equal(body.roc_auc, expected.roc_auc);
    assert.deepEqual(body.confusion_matrix, expected.confusion_matrix);
    assert.equal(body.rows, 5);
  });

  it('GET /summarystats: pandas statistics of the ingested data', async () => {
    const { status, body } = await getJson(`${api.url}/summarystats`);
    assert.equal(status, 200);
    assert.equal(body.rows, 26);
    for (const [column, stats] of Object.entries(reference.datasets.reference.summary) as [
      string,
      { mean: number; median: number; std: number },
    ][]) {
      assert.ok(Math.abs(body.columns[column].mean - stats.mean) < 1e-9);
      assert.equal(body.columns[column].median, stats.median);
      assert.ok(Math.abs(body.columns[column].std - stats.std) < 1e-9);
    }
  });

  it('GET /diagnostics: missing data, timings not measured yet, dependencies unavailable without a registry', async () => {
    const { status, body } = await getJson(`${api.url}/diagnostics`);
    assert.equal(status, 200);
    assert.deepEqual(body.missing_data, reference.datasets.reference.missing_percent);
    assert.equal(body.timings.status, 'unavailable');
    assert.equal(body.dependencies.status, 'unavailable');
  });

  it('GET /drift and /drift/report: 404 before a report exists, the files after', async () => {
    assert.equal((await getJson(`${api.url}/drift`)).status, 404);
    writeFileSync(
      join(project.config.output_folder_path, 'drift_report.json'),
      JSON.stringify({ reference_rows: 1, current_rows: 1, share_drifted: 0.75, dataset_drift: true, columns: {} }),
    );
    writeFileSync(join(project.config.output_folder_path, 'drift_report.html'), '<!doctype html><title>drift</title>');
    const json = await getJson(`${api.url}/drift`);
    assert.equal(json.status, 200);
    assert.equal(json.body.share_drifted, 0.75);
    const html = await fetch(`${api.url}/drift/report`);
    assert.equal(html.status, 200);
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
  });

  it('GET /metrics: request counters, latency histograms, live model and drift gauges', async () => {
    const { status, text } = await getJson(`${api.url}/metrics`);
    assert.equal(status, 200);
    assert.match(text, /http_requests_total\{route="\/prediction",method="POST",status="200"\} \d+/);
    assert.match(text, /http_request_duration_seconds_bucket\{le="0.005",route="\/health",method="GET",status="200"\}/);
    assert.match(text, /attrition_live_model_info\{model_id="[^"]+"\} 1/);
    assert.match(text, /attrition_live_model_f1 0\.571428571428571/);
    assert.match(text, /attrition_drift_share 0\.75/);
  });

  it('GET /openapi.json: an OpenAPI 3 document with every route', async () => {
    const { status, body } = await getJson(`${api.url}/openapi.json`);
    assert.equal(status, 200);
    assert.match(body.openapi, /^3\./);
    for (const path of [
      '/prediction',
      '/scoring',
      '/summarystats',
      '/diagnostics',
      '/drift',
      '/drift/report',
      '/health',
      '/metrics',
    ])
      assert.ok(body.paths[path], path);
    assert.ok(body.components.schemas.FeatureRecord);
  });
});

describe('API refuses bad input with a 4xx and a message', () => {
  const traversal = [
    '../config.json',
    '/etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e/secret.csv',
    'link.csv',
    '../secret.csv',
    'testdata.csv/../../secret.csv',
    'config.json',
    'sub.csv',
    'nul\u0000.csv',
    '',
  ];
  for (const name of traversal) {
    it(`dataset_path ${JSON.stringify(name)} is a 400 that reads nothing`, async () => {
      const { status, body } = await postJson(`${api.url}/prediction`, { dataset_path: name });
      assert.equal(status, 400, JSON.stringify(body));
      assert.equal(typeof body.error, 'string');
      assert.doesNotMatch(JSON.stringify(body), /predictions|x,1,1,1,1/);
    });
  }

  it('a dataset_path that names no file is a 404', async () => {
    const { status, body } = await postJson(`${api.url}/prediction`, { dataset_path: 'missing.csv' });
    assert.equal(status, 404);
    assert.match(body.error, /no such file/);
  });

  const cases: [string, unknown, number, RegExp][] = [
    ['malformed JSON', '{"records": [', 400, /not valid JSON/],
    ['a JSON array', '[1,2]', 400, /expected a JSON object/],
    ['neither key', { foo: 1 }, 400, /dataset_path.*records/],
    ['both keys', { dataset_path: 'testdata.csv', records: [] }, 400, /Unrecognized key/],
    [
      'a string count',
      { records: [{ lastmonth_activity: '1', lastyear_activity: 2, number_of_employees: 3 }] },
      400,
      /records\.0\.lastmonth_activity/,
    ],
    ['a missing field', { records: [{ lastmonth_activity: 1, lastyear_activity: 2 }] }, 400, /number_of_employees/],
    [
      'a negative count',
      { records: [{ lastmonth_activity: -1, lastyear_activity: 2, number_of_employees: 3 }] },
      400,
      /lastmonth_activity/,
    ],
    [
      'a fraction',
      { records: [{ lastmonth_activity: 1.5, lastyear_activity: 2, number_of_employees: 3 }] },
      400,
      /expected int/,
    ],
    [
      'an unknown field',
      { records: [{ lastmonth_activity: 1, lastyear_activity: 2, number_of_employees: 3, salary: 9 }] },
      400,
      /salary/,
    ],
    ['no records', { records: [] }, 400, />=1/],
    [
      '10,001 records',
      {
        records: Array.from({ length: 10_001 }, () => ({
          lastmonth_activity: 1,
          lastyear_activity: 2,
          number_of_employees: 3,
        })),
      },
      400,
      /at most 10000 records per request/,
    ],
    // refused by its count before any of its elements is validated (the review's cheap CPU attack)
    [
      '340,000 empty records',
      { records: Array.from({ length: 340_000 }, () => ({})) },
      400,
      /^invalid request body: records: at most 10000 records per request$/,
    ],
  ];
  for (const [what, body, expected, pattern] of cases) {
    it(`${what}: ${expected}`, async () => {
      const response = await postJson(`${api.url}/prediction`, body);
      assert.equal(response.status, expected, response.text);
      assert.match(response.body.error, pattern);
      assert.doesNotMatch(response.text, /at .*\.ts:\d+/, 'no stack trace');
    });
  }

  it('a 2 MB body is a 413', async () => {
    const big = JSON.stringify({
      records: [
        {
          lastmonth_activity: 1,
          lastyear_activity: 2,
          number_of_employees: 3,
          corporation: 'x'.repeat(2 * 1024 * 1024),
        },
      ],
    });
    const { status, body } = await postJson(`${api.url}/prediction`, big);
    assert.equal(status, 413);
    assert.match(body.error, /too large/);
  });

  it('a body that is not JSON is a 415', async () => {
    const { status, body } = await postJson(`${api.url}/prediction`, 'dataset_path=testdata.csv', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    assert.equal(status, 415);
    assert.match(body.error, /application\/json/);
  });

  it('an unknown route is a 404, and x-powered-by is off', async () => {
    const { status, body, headers } = await getJson(`${api.url}/admin`);
    assert.equal(status, 404);
    assert.match(body.error, /no route GET \/admin/);
    assert.equal(headers.get('x-powered-by'), null);
  });
});
