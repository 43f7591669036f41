/**
 * The states a SIGKILL can leave behind, made on purpose (the slow suite kills real processes; these
 * reproduce its narrowest windows deterministically): a take-over lock of a dead process, a switch of
 * `current` that the history does not record yet, missing top-level names, and stale temporary files.
 * The next cycle repairs each one, and rollback still returns to the version that was live before.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readHistory } from '../../src/deployment/history.ts';
import { liveModelId } from '../../src/deployment/live-deployment.ts';
import { replaceSymlink } from '../../src/deployment/symlink-switch.ts';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import { rollback } from '../../src/pipeline/steps/deploy.ts';
import { acquireLock } from '../../src/data/file-lock.ts';
import { ingestTrainScoreDeploy, withInput } from '../helpers/pipeline-steps.ts';
import { makeTempProject } from '../helpers/temp-project.ts';
import { assertLiveWhole, leftoverTemps } from './helpers/invariants.ts';

function deadPid(): number {
  return Number(
    spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout,
  );
}

describe('recovery from a crash', () => {
  it('a take-over lock left by a dead process does not block the next cycle', async () => {
    const project = makeTempProject();
    try {
      const lock = join(project.config.output_folder_path, 'fullprocess.lock');
      const dead = JSON.stringify({
        pid: deadPid(),
        proc_start: '1',
        host: hostname(),
        started_at: '2026-01-01T00:00:00.000Z',
      });
      writeFileSync(lock, dead);
      writeFileSync(`${lock}.takeover`, dead);
      const held = await acquireLock(lock);
      assert.equal(existsSync(`${lock}.takeover`), false);
      await held.release();
    } finally {
      project.cleanup();
    }
  });

  it('a switch the history lacks, missing top-level names and stale temp files are repaired by the next cycle', async () => {
    const project = makeTempProject();
    try {
      const { config } = project;
      const first = await ingestTrainScoreDeploy(config);
      const second = await ingestTrainScoreDeploy(withInput(config, 'sourcedata'));
      const prod = config.prod_deployment_path;
      // Killed right after the rename of `current` (back to the first version), before the history write.
      await replaceSymlink(join(prod, 'current'), join('versions', first.modelId));
      rmSync(join(prod, 'latestscore.txt'));
      const dead = deadPid();
      for (const folder of [config.output_folder_path, config.output_model_path, prod, join(prod, 'versions')])
        writeFileSync(join(folder, `.tmp-x.json-${dead}-0123abcd`), '{"half');
      const cycle = await runCycle(withInput(config, 'sourcedata'));
      assert.notEqual(cycle.record.outcome, 'failed', cycle.record.summary);
      assert.deepEqual(leftoverTemps(config), []);
      await assertLiveWhole(config);
      const entries = await readHistory(join(prod, 'deployments.json'));
      assert.deepEqual(
        entries.map((e) => e.model_id),
        [first.modelId, second.modelId, first.modelId],
      );
      assert.equal(entries.at(-1)!.previous, second.modelId);
      await rollback(config);
      assert.equal(await liveModelId(prod), second.modelId);
      assert.ok(readdirSync(join(prod, 'versions')).every((name) => !name.startsWith('.tmp-')));
    } finally {
      project.cleanup();
    }
  });
});
