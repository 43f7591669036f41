/**
 * A cycle running past its step's deadline is visible: GET /health stays 200 while the model is ready
 * (a probe must not restart the API because a cycle is slow) but says `degraded` with the cycle's step,
 * and /metrics has attrition_cycle_overdue 1. The cycle is simulated as a live cycle leaves its files:
 * the run lock held by this process and the progress file written under it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { acquireLock } from '../../src/data/file-lock.ts';
import { cycleProgressWriter } from '../../src/records/cycle-progress-file.ts';
import { outputLayout } from '../../src/records/output-layout.ts';
import { getJson, startTestServer } from '../helpers/api-server.ts';
import { ingestTrainScoreDeploy } from '../helpers/pipeline-steps.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';

let project: TempProject;

before(async () => {
  project = makeTempProject();
  await ingestTrainScoreDeploy(project.config);
});

after(() => project.cleanup());

/** GET /health and GET /metrics of a server started for this moment (each reads the cycle afresh). */
async function healthAndMetrics() {
  const api = await startTestServer(loadConfig(project.configFile));
  try {
    const health = await getJson(`${api.url}/health`);
    const metrics = await getJson(`${api.url}/metrics`);
    return { health, metrics: metrics.text };
  } finally {
    await api.close();
  }
}

describe('a running cycle in /health and /metrics', () => {
  it('no cycle running: ok, running false, not overdue', async () => {
    const { health, metrics } = await healthAndMetrics();
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'ok');
    assert.deepEqual(health.body.cycle, { running: false, overdue: false });
    assert.match(metrics, /^attrition_cycle_overdue 0$/m);
    assert.match(metrics, /^attrition_cycle_running_seconds 0$/m);
  });

  it('a cycle whose step is past its deadline: 200 degraded with the step, attrition_cycle_overdue 1', async () => {
    const layout = outputLayout(project.config).output;
    const lock = await acquireLock(layout.cycleLock);
    try {
      const startedAt = Date.now() - 2 * 3_600_000;
      const step = {
        step: 'ingestion',
        step_started_at: new Date(startedAt).toISOString(),
        step_deadline_at: new Date(startedAt + 3_600_000).toISOString(),
      };
      await cycleProgressWriter(layout.cycleProgress, lock.owner)(step);
      const { health, metrics } = await healthAndMetrics();
      assert.equal(health.status, 200, 'a slow cycle does not make the API unready');
      assert.equal(health.body.status, 'degraded');
      assert.equal(health.body.ready, true);
      assert.deepEqual(health.body.cycle, {
        running: true,
        started_at: lock.owner.started_at,
        ...step,
        overdue: true,
      });
      assert.match(metrics, /^attrition_cycle_overdue 1$/m);
      assert.match(metrics, /^attrition_cycle_running_seconds \d/m);
    } finally {
      await lock.release();
    }
  });

  it('a cycle within its deadline: ok, its step shown, not overdue', async () => {
    const layout = outputLayout(project.config).output;
    const lock = await acquireLock(layout.cycleLock);
    try {
      const step = {
        step: 'training',
        step_started_at: new Date().toISOString(),
        step_deadline_at: new Date(Date.now() + 3_600_000).toISOString(),
      };
      await cycleProgressWriter(layout.cycleProgress, lock.owner)(step);
      const { health, metrics } = await healthAndMetrics();
      assert.equal(health.status, 200);
      assert.equal(health.body.status, 'ok');
      assert.deepEqual(health.body.cycle, {
        running: true,
        started_at: lock.owner.started_at,
        ...step,
        overdue: false,
      });
      assert.match(metrics, /^attrition_cycle_overdue 0$/m);
    } finally {
      await lock.release();
    }
  });
});
