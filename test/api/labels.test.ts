import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getJson, postJson, startTestServer, type TestServer } from '../helpers/api-server.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';

describe('POST /labels', () => {
  let project: TempProject;
  let server: TestServer;

  before(async () => {
    project = makeTempProject({ seed: [] });
    server = await startTestServer(project.config);
  });
  after(async () => {
    await server?.close();
    project?.cleanup();
  });

  it('answers how many labels were stored, were duplicates and conflicted', async () => {
    const labels = [
      { id: 'acme', exited: 1, observed_at: '2027-03-01T00:00:00Z' },
      { id: 'globex', exited: 0, observed_at: '2027-03-01' },
      { id: 'acme', exited: 1, observed_at: '2027-03-01T01:00:00+01:00' },
    ];
    const first = await postJson(`${server.url}/labels`, { labels });
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, { received: 3, stored: 2, duplicates: 1, conflicts: 0, conflicted: [] });
    const second = await postJson(`${server.url}/labels`, {
      labels: [
        { id: 'globex', exited: 1, observed_at: '2027-03-01T00:00:00.000Z' },
        { id: 'initech', exited: 0 },
      ],
    });
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, {
      received: 2,
      stored: 1,
      duplicates: 0,
      conflicts: 1,
      conflicted: [{ id: 'globex', observed_at: '2027-03-01T00:00:00.000Z', stored: 0, given: 1 }],
    });
    assert.equal((await server.services.labels.read()).count, 3);
  });

  it('refuses malformed labels with a 400 naming the field, and stores none of the request', async () => {
    const before = (await server.services.labels.read()).count;
    const cases: [unknown, RegExp][] = [
      [{ labels: [] }, /labels/],
      [{ labels: [{ id: 'a', exited: 2 }] }, /labels\.0\.exited/],
      [{ labels: [{ id: '', exited: 1 }] }, /labels\.0\.id/],
      [{ labels: [{ id: 'x'.repeat(201), exited: 1 }] }, /labels\.0\.id/],
      [
        {
          labels: [
            { id: 'a', exited: 1 },
            { id: 'b', exited: 1, observed_at: '2027-03-01T00:00:00' },
          ],
        },
        /labels\.1\.observed_at/,
      ],
      [{ labels: [{ id: 'a', exited: '1' }] }, /labels\.0\.exited/],
      [{ labels: [{ id: 'a', exited: 1, extra: true }] }, /labels\.0/],
      [{ labels: [{ id: 'a', exited: 1 }], more: 1 }, /more|unrecognized/i],
      [[{ id: 'a', exited: 1 }], /expected/],
    ];
    for (const [body, message] of cases) {
      const answer = await postJson(`${server.url}/labels`, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.match(JSON.stringify(answer.body), message, JSON.stringify(body));
      assert.doesNotMatch(answer.text, /at .*\.ts:\d+/);
    }
    assert.equal((await server.services.labels.read()).count, before);
  });

  it('refuses more than 10,000 labels before validating them one by one', async () => {
    const answer = await postJson(`${server.url}/labels`, `{"labels":[${'{},'.repeat(10_000)}{}]}`);
    assert.equal(answer.status, 400);
    assert.match(answer.body.error, /at most 10000 labels/);
  });

  it('refuses a body that is not JSON with a 415, and is in the OpenAPI document', async () => {
    const answer = await postJson(`${server.url}/labels`, 'id,exited\n', { 'content-type': 'text/csv' });
    assert.equal(answer.status, 415);
    const openapi = await getJson(`${server.url}/openapi.json`);
    assert.ok(openapi.body.paths['/labels'].post);
    assert.ok(openapi.body.components.schemas.LabelsRequest);
  });
});
