/**
 * The dashboard and its JSON before anything happened: no model deployed, no cycle recorded.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { deliverDue } from '../../src/alerts/deliver.ts';
import { raiseAlerts } from '../../src/alerts/raise.ts';
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
      'No alert condition holds.',
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

it('shows the alert conditions that hold at the top, most severe first, their text escaped, and failed deliveries', async () => {
  const project = makeTempProject({
    seed: [],
    config: {
      alerts: {
        webhooks: [{ name: 'ops', url: 'http://127.0.0.1:9/', format: 'json', secret_env: 'UNSET_DASHBOARD_SECRET' }],
        max_attempts: 1,
      },
    },
  });
  const server = await startTestServer(project.config);
  try {
    await raiseAlerts(project.config, {
      judged: new Set(['dataset_drift', 'cycle_failed']),
      holding: [
        { kind: 'dataset_drift', subject: 'input data', summary: '75% of columns drifted', numbers: {}, links: {} },
        {
          kind: 'cycle_failed',
          subject: 'cycle',
          summary: 'failed: <script>alert(1)</script>',
          numbers: {},
          links: {},
        },
      ],
      events: [],
      links: {},
    });
    await deliverDue(project.config, { env: {} }); // no secret: each delivery fails for good at once
    const html = await (await fetch(`${server.url}/dashboard`)).text();
    assert.match(html, /2 alert deliveries failed for good/);
    const section = html.slice(html.indexOf('id="alerts-title"'), html.indexOf('class="overview"'));
    assert.match(section, /Alerts that hold \(2\)/);
    assert.ok(section.indexOf('cycle failed') < section.indexOf('dataset drift'), 'critical first');
    assert.ok(section.includes('failed: &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(html.indexOf('id="alerts-title"') < html.indexOf('id="live-model"'), 'above the overview');
  } finally {
    await server.close();
    project.cleanup();
  }
});
