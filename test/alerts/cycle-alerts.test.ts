/**
 * Alerts raised by real cycles: a corrupt batch fails three cycles in a row (one "firing" alert), a
 * repaired batch resolves it (one "resolved"), the bootstrap's deployment is an event; a receiver
 * that never answers is never contacted by a cycle (delivery rounds do that, apart from it). The
 * seed's second batch raises dataset drift. (Model drift and realized F1 out of its thresholds are
 * raised for real in test/pipeline/cycle/realized-drift.test.ts.)
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AlertOutbox } from '../../src/alerts/outbox.ts';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import { alertStateSchema } from '../../src/records/alert-files.ts';
import { outputFolderLayout } from '../../src/records/output-layout.ts';
import { makeTempProject } from '../helpers/temp-project.ts';

/** A receiver on loopback that holds every request without answering. */
async function silentReceiver() {
  const held: ServerResponse[] = [];
  const server = createServer((_req, res) => held.push(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    held,
    close: () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The alerts in the project's outbox, as "status kind subject". */
async function outboxOf(outputFolder: string): Promise<string[]> {
  const entries = await new AlertOutbox(outputFolderLayout(outputFolder).alerts).entries();
  return entries.map(({ entry: { alert } }) => `${alert.status} ${alert.kind} ${alert.subject}`);
}

describe('alerts raised by cycles', () => {
  it('a failing batch fires once over three failed cycles and resolves once when a cycle succeeds; cycles never wait on a receiver', async () => {
    const hook = await silentReceiver();
    const project = makeTempProject({
      config: { alerts: { webhooks: [{ name: 'ops', url: hook.url, format: 'json', secret_env: 'OPS_SECRET' }] } },
    });
    try {
      const bootstrap = (await runCycle(project.config)).record;
      assert.equal(bootstrap.outcome, 'bootstrap');
      const bad = join(project.dir, 'incoming');
      mkdirSync(bad);
      writeFileSync(join(bad, 'batch.csv'), 'these,are,not,the,columns\n1,2,3,4,5\n');
      const config = { ...project.config, input_folder_path: bad };
      for (let cycle = 0; cycle < 3; cycle++) assert.equal((await runCycle(config)).record.outcome, 'failed');
      copyFileSync(join(project.dir, 'sourcedata', 'dataset3.csv'), join(bad, 'batch.csv'));
      const repaired = (await runCycle(config)).record;
      assert.notEqual(repaired.outcome, 'failed', repaired.summary);

      const alerts = await outboxOf(config.output_folder_path);
      assert.deepEqual(
        alerts.filter((a) => a.includes('cycle_failed')),
        ['firing cycle_failed cycle', 'resolved cycle_failed cycle'],
      );
      assert.equal(alerts[0], `event model_deployed ${bootstrap.live_model_after}`);
      assert.equal(hook.held.length, 0, 'no cycle contacted the receiver');
      const state = alertStateSchema.parse(
        JSON.parse(readFileSync(outputFolderLayout(config.output_folder_path).alerts.state, 'utf8')),
      );
      assert.equal(state.active['cycle_failed|cycle'], undefined);
    } finally {
      await hook.close();
      project.cleanup();
    }
  });

  it('new data that stops coming for stale_after_hours fires no_new_data, resolved when a batch arrives', async () => {
    const project = makeTempProject({ config: { alerts: { stale_after_hours: 0.0001 } } }); // 0.36 s
    try {
      await runCycle(project.config);
      await sleep(500);
      const quiet = (await runCycle(project.config)).record;
      assert.equal(quiet.outcome, 'no_new_data');
      const stateNow = () =>
        alertStateSchema.parse(
          JSON.parse(readFileSync(outputFolderLayout(project.config.output_folder_path).alerts.state, 'utf8')),
        ).active;
      assert.match(stateNow()['no_new_data|input data']?.summary ?? '', /^no new data in the input folder for 0 hours/);
      await runCycle({ ...project.config, input_folder_path: join(project.dir, 'sourcedata') });
      assert.equal(stateNow()['no_new_data|input data'], undefined, 'resolved by the new batch');
    } finally {
      project.cleanup();
    }
  });

  it('the seed’s second batch raises dataset drift (model drift as its decision says)', async () => {
    const project = makeTempProject();
    try {
      await runCycle(project.config);
      const config = { ...project.config, input_folder_path: join(project.dir, 'sourcedata') };
      const record = (await runCycle(config)).record;
      const state = alertStateSchema.parse(
        JSON.parse(readFileSync(outputFolderLayout(config.output_folder_path).alerts.state, 'utf8')),
      );
      const active = Object.values(state.active).map((c) => `${c.kind} ${c.subject}`);
      assert.ok(active.includes('dataset_drift input data'), active.join());
      assert.equal(
        active.includes(`model_drift ${record.live_model_before}`),
        record.decisions.model_drift!.drifted,
        active.join(),
      );
      assert.match(state.active['dataset_drift|input data']!.summary, /75% of columns drifted/);
    } finally {
      project.cleanup();
    }
  });
});
