/**
 * `npm run rollback` raises a `rollback` alert naming the version made live and the one it replaced,
 * and delivers it (with what was pending) before it exits.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import { startCli } from '../helpers/run-cli.ts';
import { makeTempProject } from '../helpers/temp-project.ts';

/** Runs a step of src/cli/step.ts with the webhook's signing secret in its environment. */
function runStep(args: string[]) {
  return startCli('step.ts', args, { DEPLOY_TEST_SECRET: 'deploy-test-secret' }).done;
}

describe('alerts: deployments outside a cycle', () => {
  it('npm run rollback raises and delivers a rollback alert', async () => {
    const received: { kind: string; subject: string; status: string; summary: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
    const project = makeTempProject({
      config: {
        alerts: { webhooks: [{ name: 'ops', url, format: 'json', secret_env: 'DEPLOY_TEST_SECRET' }] },
        deploy_policy: 'always',
      },
    });
    try {
      const first = (await runCycle(project.config)).record;
      const second = (await runCycle({ ...project.config, input_folder_path: join(project.dir, 'sourcedata') })).record;
      assert.equal(second.outcome, 'deployed', second.summary);
      const result = await runStep(['rollback', '--config', project.configFile]);
      assert.equal(result.status, 0, result.stderr);
      const rollback = received.find((a) => a.kind === 'rollback');
      assert.ok(rollback, JSON.stringify(received.map((a) => a.kind)));
      assert.equal(rollback.subject, first.live_model_after);
      assert.equal(rollback.status, 'event');
      assert.equal(
        rollback.summary,
        `model ${first.live_model_after} rolled back (${second.live_model_after} was live)`,
      );
      const deployed = received.filter((a) => a.kind === 'model_deployed').map((a) => a.subject);
      assert.deepEqual(
        deployed,
        [first.live_model_after, second.live_model_after],
        'the cycles’ deployments went out too',
      );
    } finally {
      receiver.close();
      project.cleanup();
    }
  });
});
