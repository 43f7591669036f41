import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seededRandom } from '../../bench/lib-generate.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/api-server.ts';
import { ingestTrainScoreDeploy } from '../helpers/pipeline-steps.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';

let project: TempProject;
let api: TestServer;

before(async () => {
  project = makeTempProject();
  await ingestTrainScoreDeploy(project.config);
  api = await startTestServer(project.config);
});

after(async () => {
  await api.close();
  project.cleanup();
});

/** A random JSON value, biased towards the shapes /prediction expects. */
function randomValue(random: () => number, depth: number): unknown {
  const pick = Math.floor(random() * 12);
  const keys = [
    'records',
    'dataset_path',
    'lastmonth_activity',
    'lastyear_activity',
    'number_of_employees',
    'exited',
    'corporation',
    '__proto__',
    'constructor',
    '',
  ];
  const strings = ['testdata.csv', '../x.csv', '', 'é✓\u0000', '1', 'NaN', '-1', '1e309', 'x'.repeat(300)];
  const numbers = [0, 1, -1, 0.5, 1e308, -0, 2 ** 53, 2 ** 53 + 2, 12345, Number.MAX_SAFE_INTEGER];
  if (depth > 4) return numbers[Math.floor(random() * numbers.length)];
  switch (pick) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
    case 3:
      return numbers[Math.floor(random() * numbers.length)];
    case 4:
      return strings[Math.floor(random() * strings.length)];
    case 5:
    case 6:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      const n = Math.floor(random() * 5);
      for (let i = 0; i < n; i++) object[keys[Math.floor(random() * keys.length)]!] = randomValue(random, depth + 1);
      return object;
    }
  }
}

describe('fuzzing POST /prediction', () => {
  it('answers 3,000 random JSON bodies without a single 5xx', async () => {
    const random = seededRandom(20261126);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      let body = randomValue(random, 0);
      if (i % 3 === 0) body = { records: randomValue(random, 1) };
      if (i % 7 === 0) body = { records: [randomValue(random, 2)] };
      const raw = i % 50 === 0 ? JSON.stringify(body).slice(0, -1) : (JSON.stringify(body) ?? 'null');
      const { status, text } = await postJson(`${api.url}/prediction`, raw);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      assert.ok(status < 500, `body ${raw.slice(0, 200)} gave ${status}: ${text.slice(0, 200)}`);
    }
    assert.ok((statuses.get(400) ?? 0) > 1000, `mostly 400s: ${JSON.stringify([...statuses])}`);
  });
});
