/**
 * Concurrency: five cycles started at once (exactly one works, the others exit 3), and a cycle plus
 * forty deploys and rollbacks while the real API server process answers a steady load: zero failed
 * requests, and every answer names a model that was live while it was being answered (the live ids
 * over time come from deployments.json, whose entries are written in switch order under the switch lock).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { parseConfig } from '../../src/config.ts';
import { liveModelId } from '../../src/deployment/live-deployment.ts';
import { deploy, rollback } from '../../src/pipeline/steps/deploy.ts';
import { ingest } from '../../src/pipeline/steps/ingest.ts';
import { score } from '../../src/pipeline/steps/score.ts';
import { train } from '../../src/pipeline/steps/train.ts';
import { ingestTrainScoreDeploy } from '../../test/helpers/pipeline-steps.ts';
import { makeTempProject } from '../../test/helpers/temp-project.ts';
import { runCycleProcess } from '../../test/reliability/helpers/cycle-process.ts';
import { batchCsv } from '../../test/reliability/helpers/data-files.ts';
import { assertLiveWhole, assertOutputsWhole } from '../../test/reliability/helpers/invariants.ts';
import { startServerProcess } from '../../test/reliability/helpers/server-process.ts';

it('five cycles started at once: exactly one works, the other four exit 3', async () => {
  const project = makeTempProject({
    config: { input_folder_path: 'input' },
    files: { 'input/big.csv': batchCsv(5, 60_000) },
  });
  after(() => project.cleanup());
  const results = await Promise.all(Array.from({ length: 5 }, () => runCycleProcess(project.configFile)));
  const statuses = results.map((r) => r.status).sort();
  console.log(JSON.stringify({ concurrent_cycles: 5, exit_codes: statuses }));
  assert.deepEqual(
    statuses,
    [0, 3, 3, 3, 3],
    results
      .map((r) =>
        r.stderr
          .split('\n')
          .filter((l) => !l.startsWith('{'))
          .join('\n'),
      )
      .join('\n'),
  );
  assertOutputsWhole(project.config);
  await assertLiveWhole(project.config);
});

it('a cycle and 40 deploys/rollbacks under a steady API load: zero failed requests, every answer names a live model', async () => {
  const project = makeTempProject({ config: { input_folder_path: 'practicedata', deploy_policy: 'always' } });
  after(() => project.cleanup());
  const { config } = project;
  await ingestTrainScoreDeploy(config);
  // A second model, trained and scored in its own folders, deployed into the same production folder.
  const other = parseConfig(
    {
      ...JSON.parse(readFileSync(project.configFile, 'utf8')),
      input_folder_path: 'sourcedata',
      output_folder_path: 'ingested-b',
      output_model_path: 'models-b',
    },
    project.configFile,
  );
  await ingest(other);
  await train(other);
  await score(other);
  await deploy(other);
  const server = await startServerProcess(project.configFile);
  after(() => server.stop());

  const answers: Array<{ sent: number; answered: number; modelId: string }> = [];
  const failures: string[] = [];
  let running = true;
  const body = JSON.stringify({
    records: [{ corporation: 'a', lastmonth_activity: 10, lastyear_activity: 100, number_of_employees: 5 }],
  });
  const worker = async () => {
    while (running) {
      const sent = Date.now();
      try {
        const response = await fetch(new URL('/prediction', server.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const json = (await response.json()) as { model_id?: string };
        if (response.status !== 200 || !json.model_id)
          failures.push(`${response.status} ${JSON.stringify(json).slice(0, 200)}`);
        else answers.push({ sent, answered: Date.now(), modelId: json.model_id });
      } catch (error) {
        failures.push(String(error));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  };
  const workers = Array.from({ length: 8 }, worker);

  writeFileSync(join(config.input_folder_path, 'dataset9.csv'), batchCsv(9, 500, 5));
  const cycle = runCycleProcess(project.configFile);
  let switches = 0;
  const refused: string[] = [];
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    try {
      await (i % 2 === 0 ? rollback(other) : deploy(other));
      switches++;
    } catch (error) {
      refused.push((error as Error).message); // e.g. the cycle deployed meanwhile: nothing to roll back to
    }
  }
  const cycleExit = await cycle;
  await new Promise((resolve) => setTimeout(resolve, 500));
  running = false;
  await Promise.all(workers);

  const history = (
    JSON.parse(readFileSync(join(config.prod_deployment_path, 'deployments.json'), 'utf8')) as {
      entries: Array<{ model_id: string; at: string }>;
    }
  ).entries;
  // Switches are serialised (the switch lock), and each entry's `at` is taken after its rename: switch
  // i happened in (at[i-1], at[i]], so entry i's model was live at most during (at[i-1], at[i+1]].
  const timeline = history.map((e) => ({ id: e.model_id, at: Date.parse(e.at) }));
  const liveDuring = (from: number, to: number): Set<string> => {
    const ids = new Set<string>();
    for (const [i, e] of timeline.entries()) {
      const earliest = timeline[i - 1]?.at ?? -Infinity;
      const latest = timeline[i + 1]?.at ?? Infinity;
      if (earliest <= to && latest >= from) ids.add(e.id);
    }
    return ids;
  };
  const wrong = answers.filter((a) => !liveDuring(a.sent, a.answered).has(a.modelId));
  const idsSeen = [...new Set(answers.map((a) => a.modelId))];
  console.log(
    JSON.stringify({
      requests: answers.length + failures.length,
      failed: failures.length,
      switches,
      refused: refused.length,
      cycle_exit: cycleExit.status,
      live_ids_seen: idsSeen.length,
      history_entries: history.length,
    }),
  );
  assert.equal(cycleExit.status, 0, cycleExit.stderr);
  assert.deepEqual(failures.slice(0, 5), []);
  assert.deepEqual(
    wrong.slice(0, 5),
    [],
    `answers naming a model that was not live then; history ${JSON.stringify(history.map((e) => [e.model_id.slice(-8), e.at.slice(11)]))}`,
  );
  assert.ok(switches >= 30, `only ${switches} switches: ${refused.slice(0, 3).join('; ')}`);
  assert.ok(answers.length > 500);
  assert.equal(await liveModelId(config.prod_deployment_path), timeline.at(-1)!.id);
  await assertLiveWhole(config);
});
