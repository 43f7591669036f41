/**
 * Crash anywhere: `fullprocess` runs as a child process and is killed with SIGKILL at many moments
 * (right after each step's log line, a few milliseconds into the deployment switch, and at random
 * delays). After every kill: the live deployment loads whole and is the version from before or the
 * cycle's new one; no finaldata.csv, report or record is half-written. Then the next cycle completes
 * normally: it takes over the stale lock, removes the temporary files and leaves the deployment
 * consistent (the history ends with the live version, the seed's top-level names show it).
 */
import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { liveModelId, loadLiveDeployment } from '../../src/deployment/live-deployment.ts';
import { makeTempProject } from '../../test/helpers/temp-project.ts';
import { runCycleProcess, type KillAt } from '../../test/reliability/helpers/cycle-process.ts';
import { batchCsv, rng } from '../../test/reliability/helpers/data-files.ts';
import {
  assertLiveWhole,
  assertOutputsWhole,
  leftoverTemps,
  readRuns,
} from '../../test/reliability/helpers/invariants.ts';

const STEP_LINES = [
  'load live model: started',
  'check for new data: done',
  'load previous data: done',
  'ingestion: started',
  '^ingested ',
  'ingestion: done',
  'load new data: done',
  'data drift: started',
  'data drift: done',
  'model drift: done',
  'training: started',
  '^trained model',
  'training: done',
  'scoring: done',
  'scoring champion: done',
  'deployment: started',
  '^deployed model',
  'deployment: done',
  'reporting: started',
  'reporting: done',
  'apicalls: started',
  'apicalls: done',
  '^cycle ',
];

function batchName(i: number): string {
  return `batch-${String(i).padStart(3, '0')}.csv`;
}

/**
 * A random moment of a cycle that takes about `cycleMs` from spawn to exit: between a fifth of it
 * (start-up is over) and its end, so the kills keep landing inside the cycle however fast it gets.
 */
function randomMoment(random: () => number, cycleMs: number): KillAt {
  return { afterMs: Math.floor(cycleMs * (0.2 + 0.8 * random())) };
}

/** The kill plan: each step line, a few ms into the deployment, then random moments of the cycle. */
function killPlan(cycleMs: number): KillAt[] {
  const random = rng(7);
  return [
    ...STEP_LINES.map((line) => ({ afterLine: new RegExp(line) })),
    ...[1, 2, 4, 6, 9].map((delayMs) => ({ afterLine: /deployment: started/, delayMs })),
    ...Array.from({ length: 8 }, () => randomMoment(random, cycleMs)),
  ];
}

it('survives SIGKILL at 30+ moments of the cycle: live deployment whole, outputs whole, next cycle recovers', async () => {
  const project = makeTempProject({
    config: { input_folder_path: 'input', deploy_policy: 'always' },
    files: { 'input/dataset1.csv': batchCsv(1, 60) },
  });
  after(() => project.cleanup());
  const { config, configFile } = project;
  const stats = { kills: 0, notReached: 0, lockTakeovers: 0, deploysSeen: new Set<string>() };

  // A kill during the very first cycle (bootstrap): nothing or the new version is live afterwards.
  const boot = await runCycleProcess(configFile, { afterLine: /deployment: started/, delayMs: 3 });
  if (boot.killed) stats.kills++;
  assertOutputsWhole(config);
  if ((await liveModelId(config.prod_deployment_path)) !== null) await loadLiveDeployment(config.prod_deployment_path);
  const firstStarted = performance.now();
  const first = await runCycleProcess(configFile);
  assert.equal(first.status, 0, first.stderr);
  const cycleMs = performance.now() - firstStarted;

  // The plan, then (when some kill points were not reached before the cycle ended) extra random
  // kills until 30 landed, at most 15 more.
  const plan = killPlan(cycleMs);
  const extra = rng(11);
  for (let i = 0; i < plan.length || (stats.kills < 30 && i < plan.length + 15); i++) {
    const killAt = plan[i] ?? randomMoment(extra, cycleMs);
    // One batch at a time, alternating between two distributions with opposite labels: every cycle
    // sees data drift and model drift, so it retrains and deploys (deploy_policy always).
    if (i > 0) rmSync(join(config.input_folder_path, batchName(i - 1)));
    writeFileSync(join(config.input_folder_path, batchName(i)), batchCsv(100 + i, 300, 1 + 4 * (i % 2)));
    const before = await liveModelId(config.prod_deployment_path);
    const runsBefore = readRuns(config).length;
    const crashed = await runCycleProcess(configFile, killAt);
    const where = JSON.stringify(
      'afterLine' in killAt ? { line: killAt.afterLine.source, delayMs: killAt.delayMs } : killAt,
    );
    if (!crashed.killed) {
      stats.notReached++;
      assert.equal(crashed.status, 0, `${where}: ${crashed.stderr}`);
      continue;
    }
    stats.kills++;
    assertOutputsWhole(config);
    const live = await loadLiveDeployment(config.prod_deployment_path);
    const trained = /^trained model (\S+)/m.exec(crashed.messages.join('\n'))?.[1] ?? null;
    assert.ok(
      live.modelId === before || live.modelId === trained,
      `${where}: live ${live.modelId} is neither ${before} nor the cycle's ${trained}`,
    );
    if (live.modelId !== before) stats.deploysSeen.add(live.modelId);
    const lockLeft = existsSync(join(config.output_folder_path, 'fullprocess.lock'));

    const next = await runCycleProcess(configFile);
    assert.equal(next.status, 0, `after a kill ${where}, the next cycle failed: ${next.stdout}${next.stderr}`);
    if (lockLeft) {
      assert.ok(
        next.messages.some((m) => /took over a stale lock/.test(m)),
        `${where}: stale lock not taken over`,
      );
      stats.lockTakeovers++;
    }
    assert.deepEqual(leftoverTemps(config), [], `${where}: temporary files left after the next cycle`);
    assertOutputsWhole(config);
    await assertLiveWhole(config);
    assert.ok(readRuns(config).length > runsBefore, `${where}: the next cycle was not recorded`);
  }
  console.log(
    JSON.stringify({
      kills: stats.kills,
      kill_points_not_reached: stats.notReached,
      lock_takeovers: stats.lockTakeovers,
      versions_made_live_before_a_kill: stats.deploysSeen.size,
    }),
  );
  assert.ok(stats.kills >= 30, `only ${stats.kills} kills landed`);
});
