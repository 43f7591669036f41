import assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/config.ts';
import type { RunRecord } from '../../../src/records/run-record.ts';
import { startSchedule } from '../../../src/pipeline/cycle/scheduler.ts';
import { readLastRuns } from '../../../src/records/run-log.ts';
import { makeTempProject, REPO_ROOT } from '../../helpers/temp-project.ts';

describe('schedule', () => {
  it('runs a cycle on every tick and keeps going after a failing one', async () => {
    const project = makeTempProject({ seed: ['testdata'] });
    const config = parseConfig({ schedule: { cron: '* * * * * *' } }, project.configFile);
    const runs = join(config.output_folder_path, 'runs.jsonl');
    const schedule = startSchedule(config);
    try {
      const waitFor = async (predicate: (records: RunRecord[]) => boolean) => {
        const start = Date.now();
        while (Date.now() - start < 15_000) {
          const records = await readLastRuns(runs, 50);
          if (predicate(records)) return records;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error('timed out waiting for scheduled cycles');
      };
      const failed = await waitFor((records) => records.some((r) => r.outcome === 'failed'));
      assert.match(failed[0]?.error ?? '', /practicedata: no such file or folder/);
      assert.equal(failed[0]?.trigger, 'schedule');
      cpSync(join(REPO_ROOT, 'practicedata'), join(project.dir, 'practicedata'), { recursive: true });
      const later = await waitFor((records) => records.some((r) => r.outcome === 'bootstrap'));
      assert.ok(later.length >= 2);
    } finally {
      await schedule.stop();
      rmSync(project.dir, { recursive: true, force: true });
    }
  });
});
