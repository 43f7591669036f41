/**
 * Delivery to receivers on loopback: a JSON receiver that checks the signature as the README says to;
 * one that fails twice then accepts (one delivery, three attempts); one that never answers (timeouts,
 * backoff, failed for good); one that redirects (not followed); Slack's message shape; rules.
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { z } from 'zod';
import type { Evaluation } from '../../src/alerts/alert-state.ts';
import { deliverDue } from '../../src/alerts/deliver.ts';
import { AlertOutbox } from '../../src/alerts/outbox.ts';
import { raiseAlerts } from '../../src/alerts/raise.ts';
import type { Config } from '../../src/config.ts';
import { outputFolderLayout } from '../../src/records/output-layout.ts';
import { makeTempProject } from '../helpers/temp-project.ts';

const SECRET = 'test-signing-secret-0123456789';
const ENV = { ALERT_SECRET: SECRET };

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver on loopback answering with `answer(n)` (n: 0-based request count); null: never answers. */
async function receiver(answer: (n: number, request: Received) => number | null) {
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const request = { headers: req.headers, body };
      const status = answer(received.length, request);
      received.push(request);
      if (status === null) hanging.push(res);
      else res.writeHead(status, status === 302 ? { location: 'http://127.0.0.1:1/elsewhere' } : {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Verifies a signed request as the README shows: HMAC-SHA256 of "<timestamp>.<raw body>", constant-time compare, fresh timestamp. */
function verified(request: Received, secret: string, nowSeconds: number): boolean {
  const timestamp = Number(request.headers['x-attrition-timestamp']);
  const given = String(request.headers['x-attrition-signature'] ?? '');
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > 300) return false;
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`;
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/** A project whose alerts go to `webhooks`. */
function project(webhooks: object[], more: object = {}) {
  return makeTempProject({
    seed: [],
    config: { alerts: { webhooks, retry_base_seconds: 0.01, max_attempts: 3, ...more } },
  });
}

const failing: Evaluation = {
  judged: new Set(['cycle_failed']),
  holding: [
    { kind: 'cycle_failed', subject: 'cycle', summary: 'cycle r1 failed: boom', numbers: {}, links: { run_id: 'r1' } },
  ],
  events: [],
  links: { run_id: 'r1' },
};

/** Runs delivery rounds until nothing is pending (or `rounds` ran). */
async function deliverAll(config: Config, options: Parameters<typeof deliverDue>[1], rounds = 40) {
  const outbox = new AlertOutbox(outputFolderLayout(config.output_folder_path).alerts);
  for (let i = 0; i < rounds && (await outbox.pending()).length > 0; i++) {
    await deliverDue(config, options);
    await sleep(30);
  }
  return outbox.entries();
}

describe('alert delivery', () => {
  it('signs a json alert so that the receiver can verify it, and sends it once', async () => {
    const hook = await receiver(() => 200);
    const { config, cleanup } = project([{ name: 'ops', url: hook.url, format: 'json', secret_env: 'ALERT_SECRET' }]);
    try {
      const [alert] = await raiseAlerts(config, failing);
      const entries = await deliverAll(config, { env: ENV });
      assert.equal(hook.received.length, 1);
      const request = hook.received[0]!;
      assert.ok(verified(request, SECRET, Math.floor(Date.now() / 1000)), 'the signature verifies');
      assert.ok(!verified(request, 'another secret', Math.floor(Date.now() / 1000)));
      assert.ok(
        !verified({ ...request, body: request.body.replace('boom', 'bam') }, SECRET, Math.floor(Date.now() / 1000)),
      );
      const body = JSON.parse(request.body);
      assert.equal(body.idempotency_key, `${alert!.id}:ops`);
      assert.equal(request.headers['idempotency-key'], body.idempotency_key);
      assert.deepEqual(
        { kind: body.kind, status: body.status, severity: body.severity, summary: body.summary, links: body.links },
        {
          kind: 'cycle_failed',
          status: 'firing',
          severity: 'critical',
          summary: 'cycle r1 failed: boom',
          links: { run_id: 'r1' },
        },
      );
      assert.deepEqual(
        entries.map((e) => e.attempts.map((a) => a.outcome)),
        [['delivered']],
      );
    } finally {
      await hook.close();
      cleanup();
    }
  });

  it('retries a receiver that answers 500 twice: delivered once, three attempts recorded, one key', async () => {
    const hook = await receiver((n) => (n < 2 ? 500 : 200));
    const { config, cleanup } = project([{ name: 'ops', url: hook.url, format: 'json', secret_env: 'ALERT_SECRET' }]);
    try {
      await raiseAlerts(config, failing);
      const [entry] = await deliverAll(config, { env: ENV });
      assert.deepEqual(
        entry!.attempts.map((a) => [a.attempt, a.outcome, a.status]),
        [
          [1, 'retry', 500],
          [2, 'retry', 500],
          [3, 'delivered', 200],
        ],
      );
      assert.equal(new Set(hook.received.map((r) => r.headers['idempotency-key'])).size, 1);
      assert.equal(hook.received.length, 3);
    } finally {
      await hook.close();
      cleanup();
    }
  });

  it('gives up on a receiver that never answers after max_attempts bounded attempts, backing off between them', async () => {
    const hook = await receiver(() => null);
    const { config, cleanup } = project([{ name: 'ops', url: hook.url, format: 'json', secret_env: 'ALERT_SECRET' }]);
    try {
      await raiseAlerts(config, failing);
      const [entry] = await deliverAll(config, { env: ENV, timeoutMs: 100, random: () => 1 });
      const attempts = entry!.attempts;
      assert.deepEqual(
        attempts.map((a) => a.outcome),
        ['retry', 'retry', 'failed'],
      );
      assert.ok(attempts.every((a) => a.status === null && a.error === 'no answer within 100 ms'));
      // the delays double: 10 ms, then 20 ms (retry_base_seconds 0.01, jitter at its top)
      const delays = attempts.slice(0, 2).map((a) => Date.parse(a.next_at!) - Date.parse(a.at));
      assert.deepEqual(delays, [10, 20]);
      assert.equal(attempts[2]!.next_at, null);
      assert.equal(hook.received.length, 3);
    } finally {
      await hook.close();
      cleanup();
    }
  });

  it('does not follow a redirect, and says why an attempt could not be made without putting a secret or URL in it', async () => {
    const hook = await receiver(() => 302);
    const { config, cleanup } = project([
      { name: 'moved', url: hook.url, format: 'json', secret_env: 'ALERT_SECRET' },
      { name: 'nosecret', url: hook.url, format: 'json', secret_env: 'UNSET_SECRET_FOR_TEST' },
      { name: 'slack', url_env: 'UNSET_URL_FOR_TEST', format: 'slack' },
    ]);
    try {
      await raiseAlerts(config, failing);
      const entries = await deliverAll(config, { env: ENV });
      const errors = Object.fromEntries(entries.map((e) => [e.entry.channel, e.attempts.at(-1)!.error]));
      assert.deepEqual(errors, {
        moved: 'a redirect (not followed)',
        nosecret: 'environment variable UNSET_SECRET_FOR_TEST (the signing secret) is not set',
        slack: 'environment variable UNSET_URL_FOR_TEST (the URL) is not set',
      });
      assert.equal(hook.received.length, 3, 'the redirect was tried max_attempts times, never followed');
      const stored = JSON.stringify(entries);
      assert.ok(!stored.includes(SECRET) && !stored.includes(hook.url), 'no secret and no URL in the records');
    } finally {
      await hook.close();
      cleanup();
    }
  });

  it('posts Slack’s incoming-webhook message, with the URL taken from the environment', async () => {
    const hook = await receiver(() => 200);
    const { config, cleanup } = project([{ name: 'team', url_env: 'SLACK_URL_FOR_TEST', format: 'slack' }]);
    try {
      await raiseAlerts(config, failing);
      await deliverAll(config, { env: { SLACK_URL_FOR_TEST: hook.url } });
      const mrkdwn = z.object({ type: z.literal('mrkdwn'), text: z.string().min(1) }).strict();
      const slackMessage = z
        .object({
          text: z.string().min(1),
          blocks: z.array(
            z.union([
              z.object({ type: z.literal('section'), text: mrkdwn }).strict(),
              z.object({ type: z.literal('context'), elements: z.array(mrkdwn).min(1) }).strict(),
            ]),
          ),
        })
        .strict();
      const message = slackMessage.parse(JSON.parse(hook.received[0]!.body));
      assert.equal(message.text, '[critical] FIRING cycle_failed: cycle r1 failed: boom');
      assert.equal(hook.received[0]!.headers['x-attrition-signature'], undefined);
    } finally {
      await hook.close();
      cleanup();
    }
  });

  it('sends each alert to the channels its rules choose', async () => {
    const hook = await receiver(() => 200);
    const { config, cleanup } = project(
      [
        { name: 'pager', url: `${hook.url}?pager`, format: 'json', secret_env: 'ALERT_SECRET' },
        { name: 'chat', url: `${hook.url}?chat`, format: 'json', secret_env: 'ALERT_SECRET' },
      ],
      {
        rules: [
          { min_severity: 'critical', channels: ['pager'] },
          { kinds: ['dataset_drift', 'model_deployed'], channels: ['chat'] },
        ],
      },
    );
    try {
      const alerts = await raiseAlerts(config, {
        judged: new Set(['cycle_failed', 'dataset_drift']),
        holding: [
          ...failing.holding,
          { kind: 'dataset_drift', subject: 'input data', summary: 'drift', numbers: {}, links: {} },
        ],
        events: [{ kind: 'model_deployed', subject: 'm2', summary: 'deployed', numbers: {}, links: {} }],
        links: {},
      });
      const entries = await new AlertOutbox(outputFolderLayout(config.output_folder_path).alerts).entries();
      const routes = entries.map(({ entry }) => `${entry.alert.kind} -> ${entry.channel}`);
      assert.deepEqual(routes, ['cycle_failed -> pager', 'dataset_drift -> chat', 'model_deployed -> chat']);
      assert.equal(alerts.length, 3);
    } finally {
      await hook.close();
      cleanup();
    }
  });
});
