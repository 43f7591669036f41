/**
 * GET /alerts and the alert gauges of /metrics, over alert files made by raiseAlerts and a delivery
 * round to a receiver on loopback.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import type { AlertsView } from '../../src/alerts/alert-view.ts';
import { deliverDue } from '../../src/alerts/deliver.ts';
import { raiseAlerts } from '../../src/alerts/raise.ts';
import { startTestServer } from '../helpers/api-server.ts';
import { makeTempProject } from '../helpers/temp-project.ts';

describe('GET /alerts', () => {
  it('answers the conditions that hold and the recent alerts with their attempts; /metrics counts them', async () => {
    const receiver = createServer((_req, res) => res.writeHead(200).end());
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
    const project = makeTempProject({
      seed: ['testdata'],
      config: { alerts: { webhooks: [{ name: 'team', url, format: 'json', secret_env: 'TEAM_SECRET' }] } },
    });
    const api = await startTestServer(project.config);
    try {
      const empty = await (await fetch(`${api.url}/alerts`)).json();
      assert.deepEqual(empty, { active: [], recent: [], attempts: [] });

      await raiseAlerts(project.config, {
        judged: new Set(['dataset_drift', 'cycle_failed']),
        holding: [
          {
            kind: 'dataset_drift',
            subject: 'input data',
            summary: 'drift',
            numbers: { share_drifted: 0.75 },
            links: {},
          },
          { kind: 'cycle_failed', subject: 'cycle', summary: 'failed', numbers: {}, links: { run_id: 'r1' } },
        ],
        events: [],
        links: {},
      });
      await deliverDue(project.config, { env: { TEAM_SECRET: 's3cret-value' } });
      const answer = (await (await fetch(`${api.url}/alerts?limit=1`)).json()) as AlertsView;
      assert.deepEqual(
        answer.active.map((c) => c.kind),
        ['cycle_failed', 'dataset_drift'],
        'most severe first',
      );
      assert.equal(answer.recent.length, 1);
      assert.equal(answer.recent[0]!.kind, 'cycle_failed', 'newest first');
      assert.equal(answer.recent[0]!.deliveries[0]!.state, 'delivered');
      assert.equal(answer.recent[0]!.deliveries[0]!.attempts[0]!.status, 200);
      assert.deepEqual(answer.attempts, [{ channel: 'team', outcome: 'delivered', count: 2 }]);
      assert.ok(!JSON.stringify(answer).includes('s3cret-value') && !JSON.stringify(answer).includes(url));

      const bad = await fetch(`${api.url}/alerts?limit=0`);
      assert.equal(bad.status, 400);
      assert.match(((await bad.json()) as { error: string }).error, /limit/);

      const metrics = await (await fetch(`${api.url}/metrics`)).text();
      assert.match(metrics, /^attrition_alerts_active 2$/m);
      assert.match(metrics, /^attrition_alert_delivery_attempts\{channel="team",outcome="delivered"\} 2$/m);
    } finally {
      await api.close();
      receiver.closeAllConnections();
      receiver.close();
      project.cleanup();
    }
  });
});
