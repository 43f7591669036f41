/**
 * No HTTP answer names the project's absolute path (security review, finding 6): a server on a temp
 * project is walked through every GET route it documents and the error answers of POST /prediction,
 * in each state the project goes through (nothing yet; a model live, cycles recorded, a failed cycle,
 * timings measured, bad data files; the test data file gone). Files are named as config.json names
 * their folders.
 */
import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import { measureStepTimings } from '../../src/pipeline/steps/step-timings.ts';
import { latestRuns } from '../../src/dashboard/run-history.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/api-server.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';

const HEADER = 'corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited\n';
const UNKNOWN_RUN = '20260101T000000Z-000000';

let project: TempProject;
let api: TestServer;

before(async () => {
  project = makeTempProject();
  writeFileSync(join(project.dir, 'secret.csv'), `${HEADER}x,1,1,1,1\n`);
  symlinkSync(join(project.dir, 'secret.csv'), join(project.dir, 'testdata', 'link.csv'));
  mkdirSync(join(project.dir, 'testdata', 'folder.csv'));
  writeFileSync(join(project.dir, 'testdata', 'bad.csv'), `${HEADER}x,a,b,c,d\n`);
  writeFileSync(join(project.dir, 'testdata', 'rejects.csv'), `${HEADER}x,1,1,1,1\ny,a,b,c,d\n`);
  writeFileSync(join(project.dir, 'testdata', 'empty.csv'), '');
  api = await startTestServer(project.config);
});

after(async () => {
  await api.close();
  project.cleanup();
});

/** The project's folder as given and as the file system resolves it. */
function projectPaths(): string[] {
  return [...new Set([project.dir, realpathSync(project.dir)])];
}

/** Every GET path the server documents, `{name}` given a run id (one recorded, if any). */
async function getPaths(): Promise<string[]> {
  const document = (await getJson(`${api.url}/openapi.json`)).body as { paths: Record<string, object> };
  const [run] = await latestRuns(project.config, 1);
  const runId = run?.id ?? UNKNOWN_RUN;
  const paths = Object.entries(document.paths)
    .filter(([, operations]) => 'get' in operations)
    .flatMap(([path]) =>
      path.includes('{name}') ? [path.replace('{name}', runId), path.replace('{name}', `${runId}.json`)] : [path],
    );
  return [...paths, '/dashboard/fragment', `/runs?before=${UNKNOWN_RUN}`, '/nowhere'];
}

/** POST /prediction bodies: errors of every kind (and, once a model is live, predictions). */
const predictionBodies = () => [
  { dataset_path: 'testdata.csv' },
  { dataset_path: 'bad.csv' },
  { dataset_path: 'rejects.csv' },
  { dataset_path: 'empty.csv' },
  { dataset_path: 'missing.csv' },
  { dataset_path: 'link.csv' },
  { dataset_path: 'folder.csv' },
  { dataset_path: '../secret.csv' },
  { dataset_path: '/etc/secret.csv' },
  { records: [{ lastmonth_activity: 1, lastyear_activity: 2, number_of_employees: 3 }] },
  { records: [{}] },
];

/** Every answer of the walk, as `status route: text`. */
async function walk(): Promise<{ route: string; status: number; text: string }[]> {
  const answers = [];
  for (const path of await getPaths()) {
    const response = await fetch(`${api.url}${path}`, { redirect: 'manual' });
    answers.push({ route: `GET ${path}`, status: response.status, text: await response.text() });
  }
  for (const body of predictionBodies()) {
    const answer = await postJson(`${api.url}/prediction`, body);
    answers.push({ route: `POST /prediction ${JSON.stringify(body)}`, status: answer.status, text: answer.text });
  }
  return answers;
}

/** Asserts that no answer of the walk names the project's absolute path; returns the answers. */
async function assertNoAbsolutePath(): Promise<{ route: string; status: number; text: string }[]> {
  const answers = await walk();
  const paths = projectPaths();
  const leaks = answers
    .filter(({ text }) => paths.some((path) => text.includes(path)))
    .map(({ route, status, text }) => `${route} (${status}): ${text.slice(0, 300)}`);
  assert.deepEqual(leaks, []);
  return answers;
}

const statusOf = (answers: { route: string; status: number }[], route: string) =>
  answers.find((a) => a.route === route)?.status;

describe('no answer names an absolute path', () => {
  it('with nothing yet: no model, no data, no cycle', async () => {
    const answers = await assertNoAbsolutePath();
    assert.equal(statusOf(answers, 'GET /health'), 503);
    assert.equal(statusOf(answers, 'GET /summarystats'), 404);
    assert.equal(statusOf(answers, 'POST /prediction {"dataset_path":"testdata.csv"}'), 503);
    const health = await getJson(`${api.url}/health`);
    assert.match(health.body.reason, /^productiondeployment: no model is deployed/);
  });

  it('with a model live, cycles recorded (one without new data, one failed), timings measured', async () => {
    await runCycle(project.config);
    await runCycle(project.config);
    mkdirSync(join(project.dir, 'badinput'));
    writeFileSync(join(project.dir, 'badinput', 'batch.csv'), `${HEADER}x,a,b,c,d\n`);
    await runCycle({ ...project.config, input_folder_path: join(project.dir, 'badinput') });
    await measureStepTimings(project.config);
    const answers = await assertNoAbsolutePath();
    assert.equal(statusOf(answers, 'GET /health'), 200);
    assert.equal(statusOf(answers, 'POST /prediction {"dataset_path":"bad.csv"}'), 422);
    const outcomes = (await getJson(`${api.url}/runs`)).body.runs.map((run: { outcome: string }) => run.outcome);
    assert.deepEqual(outcomes, ['failed', 'no_new_data', 'bootstrap']);
    const diagnostics = await getJson(`${api.url}/diagnostics`);
    assert.equal(diagnostics.body.timings.input_folder, 'practicedata');
  });

  it('with the test data file gone', async () => {
    rmSync(join(project.dir, 'testdata', 'testdata.csv'));
    const answers = await assertNoAbsolutePath();
    assert.equal(statusOf(answers, 'GET /scoring'), 422);
  });
});
