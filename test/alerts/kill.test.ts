/**
 * kill -9 and the outbox: a process killed after it decided alerts and before delivering them leaves
 * them in the outbox, and the next delivery round (the restarted service) delivers each exactly once
 * per idempotency key; a process killed while a receiver held its request leaves the attempt
 * unrecorded, so the next round sends it again under the same key (the receiver drops the repeat by it)
 * and records one delivery.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deliverDue } from '../../src/alerts/deliver.ts';
import { AlertOutbox } from '../../src/alerts/outbox.ts';
import { loadConfig } from '../../src/config.ts';
import { outputFolderLayout } from '../../src/records/output-layout.ts';
import { childEnv, makeTempProject } from '../helpers/temp-project.ts';

const ENV = { KILL_TEST_SECRET: 'kill-test-secret' };

/** A receiver that answers 200, or holds its first `hold` requests unanswered (`heldAll` once it holds them). */
async function receiver(hold = 0) {
  const keys: string[] = [];
  const held: ServerResponse[] = [];
  let allHeld: () => void = () => {};
  const heldAll = new Promise<void>((resolve) => {
    allHeld = resolve;
  });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      keys.push(String(req.headers['idempotency-key']));
      if (held.length < hold) {
        held.push(res);
        if (held.length === hold) allHeld();
      } else res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    keys,
    heldAll,
    close: () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Starts the child and resolves once it printed `line`. */
function startChild(args: string[], line: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'helpers/raise-and-hold.ts'), ...args],
    {
      env: childEnv(ENV),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.split('\n').includes(line)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`the child exited (${code}) before printing ${line}`)));
  });
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('alerts: kill -9', () => {
  for (const when of ['after deciding, before delivering', 'while the receiver holds the request'] as const) {
    it(`a process killed ${when}: the next round delivers each alert once per key`, async () => {
      const during = when !== 'after deciding, before delivering';
      const hook = await receiver(during ? 2 : 0);
      const project = makeTempProject({
        seed: [],
        config: {
          alerts: { webhooks: [{ name: 'ops', url: hook.url, format: 'json', secret_env: 'KILL_TEST_SECRET' }] },
        },
      });
      try {
        const child = await startChild(
          [project.configFile, ...(during ? ['deliver'] : [])],
          during ? 'delivering' : 'raised',
        );
        if (during) await hook.heldAll; // both requests in the receiver's hands: the kill lands mid-delivery
        await kill9(child);
        const config = loadConfig(project.configFile);
        const outbox = new AlertOutbox(outputFolderLayout(config.output_folder_path).alerts);
        const before = await outbox.pending();
        assert.equal(before.length, 2, 'both alerts still pending after the kill');
        assert.ok(
          before.every((p) => p.attempts === 0),
          'no attempt was recorded',
        );

        const round = await deliverDue(config, { env: ENV });
        assert.deepEqual(
          round,
          { delivered: 2, retried: 0, failed: 0 },
          'the dead owner’s delivery lock was taken over',
        );
        const entries = await outbox.entries();
        assert.deepEqual(
          entries.map((e) => e.attempts.map((a) => a.outcome)),
          [['delivered'], ['delivered']],
        );
        const keys = entries.map((e) => e.entry.key);
        assert.deepEqual([...new Set(hook.keys)].sort(), [...keys].sort(), 'the receiver saw exactly these keys');
        assert.equal(
          hook.keys.length,
          during ? 4 : 2,
          during ? 'each held request sent again under its key' : 'once each',
        );
        assert.equal(await deliverDue(config, { env: ENV }).then((r) => r?.delivered), 0, 'nothing left to send');
      } finally {
        await hook.close();
        project.cleanup();
      }
    });
  }
});
