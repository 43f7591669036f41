/**
 * The dashboard and its JSON before anything happened: no model deployed, no cycle recorded.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { getJson, startTestServer } from '../helpers/api-server.ts';
import { makeTempProject } from '../helpers/temp-project.ts';

it('a fresh project shows an empty dashboard, no runs and no models, without errors', async () => {
  const project = makeTempProject({ seed: [] });
  const server = await startTestServer(project.config);
  try {
    const page = await fetch(`${server.url}/dashboard`);
    assert.equal(page.status, 200);
    const html = await page.text();
    for (const text of [
      'no model is deployed',
      'No cycle has been recorded yet',
      'No cycle has compared new data yet.',
      'No model has been deployed yet.',
    ])
      assert.ok(html.includes(text), text);
    assert.deepEqual((await getJson(`${server.url}/runs`)).body, { runs: [], next_before: null });
    assert.deepEqual((await getJson(`${server.url}/models`)).body, { live_model_id: null, versions: [] });
    assert.equal((await getJson(`${server.url}/runs?before=20260101T000000Z-000000`)).status, 404);
  } finally {
    await server.close();
    project.cleanup();
  }
});
