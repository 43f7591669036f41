/**
 * The schedule's watchdog: no run record for more than two schedule periods holds `schedule_stopped`;
 * a cycle completing resolves it.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { watchSchedule } from '../../src/alerts/schedule-watchdog.ts';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import { alertStateSchema } from '../../src/records/alert-files.ts';
import { outputFolderLayout } from '../../src/records/output-layout.ts';
import { makeTempProject } from '../helpers/temp-project.ts';

const MINUTE = 60_000;

describe('schedule watchdog', () => {
  it('holds schedule_stopped once no cycle completed for two periods, and resolves when one does', async () => {
    const project = makeTempProject();
    try {
      const { config } = project;
      const statePath = outputFolderLayout(config.output_folder_path).alerts.state;
      const active = () =>
        existsSync(statePath) ? alertStateSchema.parse(JSON.parse(readFileSync(statePath, 'utf8'))).active : {};
      const startedAt = Date.now();
      const schedule = { periodMs: 10 * MINUTE, startedAt };
      await watchSchedule(config, schedule, new Date(startedAt + 15 * MINUTE));
      assert.equal(active()['schedule_stopped|schedule'], undefined, 'within two periods of the start');
      await watchSchedule(config, schedule, new Date(startedAt + 25 * MINUTE));
      assert.match(active()['schedule_stopped|schedule']?.summary ?? '', /^no cycle completed for 25 minutes/);

      const record = (await runCycle(config)).record;
      const finished = Date.parse(record.finished_at);
      await watchSchedule(config, schedule, new Date(finished + 5 * MINUTE));
      assert.equal(active()['schedule_stopped|schedule'], undefined, 'resolved by the cycle');
      await watchSchedule(config, schedule, new Date(finished + 21 * MINUTE));
      assert.match(active()['schedule_stopped|schedule']?.summary ?? '', new RegExp(`the last was ${record.id}$`));
    } finally {
      project.cleanup();
    }
  });
});
