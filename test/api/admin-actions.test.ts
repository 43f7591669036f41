/**
 * The admin actions over HTTP: POST /deployments/rollback and POST /deployments/{model_id} switch the
 * live version the server then serves (and raise their alerts); a broken stored version is refused;
 * POST /runs starts a cycle (202, recorded with trigger api) and is refused with 409 while another
 * process holds the run lock; every action and label upload, refused ones included, is in the audit
 * log under its token's name (never the token), which GET /audit answers newest first.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../../src/auth/roles.ts';
import { createToken, tokensPath } from '../../src/auth/token-store.ts';
import { acquireLock } from '../../src/data/file-lock.ts';
import { deploymentLayout } from '../../src/deployment/layout.ts';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import { outputLayout } from '../../src/records/output-layout.ts';
import { readLastRuns } from '../../src/records/run-log.ts';
import { startTestServer, type TestServer } from '../helpers/api-server.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';

describe('admin actions over HTTP and the audit log', () => {
  let project: TempProject;
  let api: TestServer;
  let first: string;
  let second: string;
  const tokens = {} as Record<Role, string>;

  /** A request with `role`'s token. */
  async function call(role: Role, method: string, path: string, body?: object) {
    const response = await fetch(new URL(path, api.url), {
      method,
      headers: {
        authorization: `Bearer ${tokens[role]}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) };
  }

  before(async () => {
    project = makeTempProject({
      config: {
        deploy_policy: 'always',
        alerts: { webhooks: [{ name: 'ops', url: 'http://127.0.0.1:9/', format: 'slack' }] },
      },
    });
    first = (await runCycle(project.config)).record.live_model_after!;
    second = (await runCycle({ ...project.config, input_folder_path: join(project.dir, 'sourcedata') })).record
      .live_model_after!;
    assert.notEqual(first, second);
    for (const role of ['read', 'label', 'admin'] as const)
      tokens[role] = await createToken(tokensPath(project.config), `the-${role}`, role);
    api = await startTestServer(project.config);
  });
  after(async () => {
    await api.close();
    project.cleanup();
  });

  it('rollback and deploy switch the served version, each raising its alert', async () => {
    const rolledBack = await call('admin', 'POST', '/deployments/rollback');
    assert.equal(rolledBack.status, 200, rolledBack.text);
    assert.equal(rolledBack.body.live_model_id, first);
    assert.equal(rolledBack.body.previous_model_id, second);
    assert.equal((await call('read', 'GET', '/scoring')).body.model_id, first);

    const deployed = await call('admin', 'POST', `/deployments/${second}`);
    assert.equal(deployed.status, 200, deployed.text);
    assert.deepEqual([deployed.body.live_model_id, deployed.body.previous_model_id], [second, first]);
    assert.equal((await call('read', 'GET', '/scoring')).body.model_id, second);
    const again = await call('admin', 'POST', `/deployments/${second}`);
    assert.deepEqual([again.status, again.body.previous_model_id], [200, second]);

    const outbox = readFileSync(outputLayout(project.config).output.alerts.outbox, 'utf8');
    assert.match(outbox, new RegExp(`"kind":"rollback","subject":"${first}"`));
    assert.equal(outbox.split(`"kind":"model_deployed","subject":"${second}"`).length, 3, 'the cycle’s and ours');
  });

  it('a version that is not there or not whole is refused, the live one kept', async () => {
    const missing = await call('admin', 'POST', '/deployments/no-such-model');
    assert.equal(missing.status, 404, missing.text);
    const broken = deploymentLayout(project.config.prod_deployment_path).version('broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'trainedmodel.json'), '{"not": "a model"}');
    const refused = await call('admin', 'POST', '/deployments/broken');
    assert.equal(refused.status, 409, refused.text);
    assert.match(refused.body.error, /^version broken cannot be made live: its model file/);
    assert.ok(!refused.text.includes(project.dir), 'no path in the answer');
    assert.equal((await call('read', 'GET', '/health')).body.model_id, second);
  });

  it('POST /runs starts a cycle, and is refused while one runs', async () => {
    const lock = await acquireLock(outputLayout(project.config).output.cycleLock);
    let busy: Awaited<ReturnType<typeof call>>;
    try {
      busy = await call('admin', 'POST', '/runs');
    } finally {
      await lock.release();
    }
    assert.equal(busy.status, 409, busy.text);
    assert.match(busy.body.error, /a monitoring cycle is running/);
    assert.ok(!busy.text.includes(project.dir), 'no lock path in the answer');

    const started = await call('admin', 'POST', '/runs');
    assert.equal(started.status, 202, started.text);
    await api.cycles.idle();
    const [run] = await readLastRuns(outputLayout(project.config).output.runs, 1);
    assert.equal(run?.id, started.body.run_id);
    assert.equal(run?.trigger, 'api');
  });

  it('the audit log names who did what, refusals included, and never a token', async () => {
    assert.equal((await call('read', 'POST', '/runs')).status, 403);
    const labelled = await call('label', 'POST', '/labels', { labels: [{ id: 'acme', exited: 1 }] });
    assert.equal(labelled.status, 200, labelled.text);
    const noToken = await fetch(new URL('/deployments/rollback', api.url), { method: 'POST' });
    assert.equal(noToken.status, 401);
    assert.equal((await call('read', 'GET', '/audit')).status, 403, 'admins only');
    // refusals are recorded in the background: the 401 is the newest entry once it is written
    let { status, body } = await call('admin', 'GET', '/audit?limit=9');
    for (let tries = 0; body.entries[0].status !== 401 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      ({ status, body } = await call('admin', 'GET', '/audit?limit=9'));
    }
    assert.equal(status, 200);
    const seen = body.entries.map(
      (e: { token: string | null; action: string; outcome: string; status: number }) =>
        `${e.token} ${e.action} ${e.outcome} ${e.status}`,
    );
    assert.deepEqual(seen, [
      'null rollback refused 401',
      'the-label labels ok 200',
      'the-read run refused 403',
      'the-admin run accepted 202',
      'the-admin run refused 409',
      'the-admin deploy refused 409',
      'the-admin deploy refused 404',
      'the-admin deploy ok 200',
      'the-admin deploy ok 200',
    ]);
    assert.equal(body.entries[3].target, readLastRunId());
    assert.match(body.entries[1].detail, /^1 stored, 0 duplicates, 0 conflicts$/);

    const file = readFileSync(outputLayout(project.config).output.audit, 'utf8');
    for (const token of Object.values(tokens)) assert.ok(!file.includes(token), 'a token in the audit log');
    assert.equal((await call('admin', 'GET', '/audit?limit=0')).status, 400);
  });

  function readLastRunId(): string {
    const lines = readFileSync(outputLayout(project.config).output.runs, 'utf8').trim().split('\n');
    return JSON.parse(lines.at(-1)!).id;
  }
});

describe('admin actions on a project with nothing deployed', () => {
  it('a rollback is a 404 naming the production folder as config.json does, in the answer and the audit log', async () => {
    const project = makeTempProject({ seed: [] });
    const token = await createToken(tokensPath(project.config), 'the-admin', 'admin');
    const api = await startTestServer(project.config);
    try {
      const response = await fetch(new URL('/deployments/rollback', api.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      const text = await response.text();
      assert.equal(response.status, 404, text);
      assert.match(JSON.parse(text).error, /^productiondeployment: nothing is deployed/);
      assert.ok(!text.includes(project.dir), text);
      const audit = await (
        await fetch(new URL('/audit', api.url), { headers: { authorization: `Bearer ${token}` } })
      ).text();
      assert.match(audit, /"detail":"productiondeployment: nothing is deployed/);
      assert.ok(!audit.includes(project.dir), audit);
      assert.ok(!readFileSync(outputLayout(project.config).output.audit, 'utf8').includes(project.dir));
    } finally {
      await api.close();
      project.cleanup();
    }
  });
});
