/**
 * `npm run alerts`: a test alert to one channel, delivered to a receiver on loopback that checks the
 * signature; an unknown channel is a configuration error; the listing shows the test alert.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { startCli } from '../helpers/run-cli.ts';
import { makeTempProject } from '../helpers/temp-project.ts';

const SECRET = 'cli-test-secret';

/** Runs `npm run alerts` with `args`, the signing secret in its environment. */
function runAlerts(args: string[]) {
  return startCli('alerts.ts', args, { OPS_SECRET: SECRET }).done;
}

describe('npm run alerts', () => {
  it('sends a signed test alert to the channel named, and lists it', async () => {
    const bodies: { signed: boolean; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const timestamp = req.headers['x-attrition-timestamp'];
        const expected = `v1=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;
        bodies.push({ signed: req.headers['x-attrition-signature'] === expected, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
    const project = makeTempProject({
      seed: [],
      config: { alerts: { webhooks: [{ name: 'ops', url, format: 'json', secret_env: 'OPS_SECRET' }] } },
    });
    try {
      const sent = await runAlerts(['test', 'ops', '--config', project.configFile]);
      assert.equal(sent.status, 0, sent.stderr);
      assert.equal(sent.stdout, 'test alert to ops: delivered (HTTP 204)\n');
      assert.equal(bodies.length, 1);
      assert.ok(bodies[0]!.signed);
      assert.equal(JSON.parse(bodies[0]!.body).kind, 'test');

      const unknown = await runAlerts(['test', 'pager', '--config', project.configFile]);
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, /no webhook is named 'pager' \(configured: ops\)/);

      const listed = await runAlerts(['--config', project.configFile]);
      assert.equal(listed.status, 0, listed.stderr);
      assert.match(listed.stdout, /^0 conditions hold\n1 recent alerts sent to channels/);
      assert.match(listed.stdout, /event test ops: ops delivered \(1 attempts\)/);
    } finally {
      receiver.close();
      project.cleanup();
    }
  });
});
