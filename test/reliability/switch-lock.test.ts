/**
 * Deploys and rollbacks started at the same time (as `npm run rollback` during a cycle's deployment
 * would be) take turns under the switch lock: afterwards the history ends with the live version, every
 * switch is recorded exactly once, and each entry's `previous` is the entry before it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { readHistory } from '../../src/deployment/history.ts';
import { deploy, rollback } from '../../src/pipeline/steps/deploy.ts';
import { ingestTrainScoreDeploy, withInput } from '../helpers/pipeline-steps.ts';
import { makeTempProject } from '../helpers/temp-project.ts';
import { assertLiveWhole } from './helpers/invariants.ts';

it('20 deploys and rollbacks at once: serialised, the history consistent with the live version', async () => {
  const project = makeTempProject();
  try {
    const { config } = project;
    await ingestTrainScoreDeploy(config);
    const other = withInput(config, 'sourcedata');
    await ingestTrainScoreDeploy(other);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? rollback(config) : deploy(other))),
    );
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    // Two rollbacks in a row reach the first version: that refusal is right; nothing else may fail.
    assert.deepEqual(
      errors.filter((e) => !/is the first deployed version/.test(e)),
      [],
    );
    await assertLiveWhole(config);
    const entries = await readHistory(join(config.prod_deployment_path, 'deployments.json'));
    const switched = results.filter((r) => r.status === 'fulfilled' && r.value.previous !== r.value.modelId).length;
    assert.equal(entries.length, 2 + switched, 'one history entry per switch, no more, no less');
    for (let i = 1; i < entries.length; i++) assert.equal(entries[i]!.previous, entries[i - 1]!.model_id, `entry ${i}`);
  } finally {
    project.cleanup();
  }
});
