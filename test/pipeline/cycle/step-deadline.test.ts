/**
 * A step that never settles fails at its deadline (schedule.step_deadline_minutes) instead of holding
 * the cycle and its run lock for good (review finding: a FIFO left a scheduled cycle at "ingestion:
 * started" forever). Here the stuck step is a DuckDB instance that never opens.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, it, mock } from 'node:test';
import { parseConfig } from '../../../src/config.ts';
import { runCycle } from '../../../src/pipeline/cycle/fullprocess.ts';
import { StepDeadlineError } from '../../../src/pipeline/cycle/step-deadline.ts';
import { StepRunner } from '../../../src/pipeline/cycle/step-runner.ts';
import type { StepStart } from '../../../src/records/cycle-progress-file.ts';
import { outputLayout } from '../../../src/records/output-layout.ts';
import { readLastRuns } from '../../../src/records/run-log.ts';
import { makeTempProject } from '../../helpers/temp-project.ts';

const never = () => new Promise<never>(() => {});

/** The timers keeping this process alive. */
function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

describe('a step past its deadline', () => {
  it('fails with the deadline in its detail, and the error propagates', async () => {
    const steps = new StepRunner({ deadlineMs: 60 });
    await assert.rejects(steps.run('stuck query', never), StepDeadlineError);
    assert.deepEqual(
      steps.steps.map(({ name, outcome, detail }) => ({ name, outcome, detail })),
      [{ name: 'stuck query', outcome: 'failed', detail: 'stuck query exceeded its deadline of 60 ms' }],
    );
  });

  it('a step that settles leaves no timer behind, and its start and deadline are announced', async () => {
    const announced: StepStart[] = [];
    const steps = new StepRunner({ deadlineMs: 3_600_000, onStepStart: async (start) => void announced.push(start) });
    const before = activeTimers();
    assert.equal(await steps.run('quick', async () => 42), 42);
    await assert.rejects(
      steps.run('failing', async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(activeTimers(), before, 'the deadline timers were cleared');
    assert.deepEqual(
      announced.map((a) => a.step),
      ['quick', 'failing'],
    );
    const [quick] = announced;
    assert.equal(Date.parse(quick!.step_deadline_at) - Date.parse(quick!.step_started_at), 3_600_000);
  });

  it('a progress file that cannot be written does not fail the step', async () => {
    const steps = new StepRunner({
      deadlineMs: 3_600_000,
      onStepStart: async () => {
        throw new Error('disk full');
      },
    });
    assert.equal(await steps.run('quick', async () => 'done'), 'done');
    assert.equal(steps.steps[0]?.outcome, 'ok');
  });

  it('schedule.step_deadline_minutes: 60 by default, from 0.001 (60 ms) to a day', () => {
    const file = join(tmpdir(), 'config.json');
    assert.equal(parseConfig({}, file).schedule.step_deadline_minutes, 60);
    assert.equal(parseConfig({ schedule: { step_deadline_minutes: 0.5 } }, file).schedule.step_deadline_minutes, 0.5);
    for (const wrong of [0, -1, 0.0001, 24 * 60 + 1])
      assert.throws(() => parseConfig({ schedule: { step_deadline_minutes: wrong } }, file), /step_deadline_minutes/);
  });

  it('fails the cycle: recorded in runs.jsonl, the lock released, the next cycle runs', {
    timeout: 60_000,
  }, async () => {
    const project = makeTempProject({ config: { schedule: { step_deadline_minutes: 0.002 } } });
    const { DuckDBInstance } = createRequire(import.meta.url)('@duckdb/node-api');
    const stuck = mock.method(DuckDBInstance, 'create', never);
    try {
      const layout = outputLayout(project.config).output;
      const { record } = await runCycle(project.config);
      assert.equal(record.outcome, 'failed');
      assert.equal(record.error, 'ingestion exceeded its deadline of 120 ms');
      assert.deepEqual(
        record.steps.map(({ name, outcome, detail }) => ({ name, outcome, detail })),
        [{ name: 'ingestion', outcome: 'failed', detail: 'ingestion exceeded its deadline of 120 ms' }],
      );
      assert.equal((await readLastRuns(layout.runs, 1))[0]?.id, record.id, 'recorded in runs.jsonl');
      assert.ok(!existsSync(layout.cycleLock), 'the run lock is released');
      const progress = JSON.parse(readFileSync(layout.cycleProgress, 'utf8'));
      assert.equal(progress.step, 'ingestion', 'the step was announced beside the lock');

      const next = await runCycle(project.config);
      assert.equal(next.record.outcome, 'failed', 'the next cycle took the lock (and is stuck the same way)');
      assert.equal(stuck.mock.callCount(), 2);
    } finally {
      stuck.mock.restore();
      project.cleanup();
    }
  });
});
