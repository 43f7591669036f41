/**
 * Soak test (`npm run test:soak`, not in CI): the scheduler runs a cycle every 3 seconds for
 * SOAK_MINUTES (default 10) while new files are dropped into the input folder. Every run is recorded,
 * no cycle fails, every dropped file ends up ingested, and neither memory nor open file descriptors grow
 * beyond stated bounds (RSS: the late median within 100 MB of the early median; fds: within 10).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import { startSchedule } from '../../src/pipeline/cycle/scheduler.ts';
import { batchCsv } from '../../test/reliability/helpers/data-files.ts';
import { assertLiveWhole, assertOutputsWhole, readRuns } from '../../test/reliability/helpers/invariants.ts';
import { mb, openFds, rssOf } from '../../test/reliability/helpers/process-stats.ts';
import { makeTempProject } from '../../test/helpers/temp-project.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const RSS_GROWTH_LIMIT = 100 * 1024 * 1024;
const FD_GROWTH_LIMIT = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

it(`scheduled cycles every 3 s for ${MINUTES} min: every run recorded, bounded memory and fds`, async () => {
  const project = makeTempProject({
    config: { input_folder_path: 'practicedata', deploy_policy: 'always', schedule: { cron: '*/3 * * * * *' } },
  });
  after(() => project.cleanup());
  const config = project.config;
  const samples: Array<{ t: number; rss: number; fds: number }> = [];
  const schedule = startSchedule(config);
  const started = Date.now();
  const end = started + MINUTES * 60_000;
  const dropped: string[] = [];
  let n = 0;
  while (Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    samples.push({ t: Date.now() - started, rss: rssOf(), fds: openFds() });
    if (samples.length % 10 === 0) {
      const name = `soak-${String(++n).padStart(4, '0')}.csv`;
      writeFileSync(join(config.input_folder_path, name), batchCsv(1000 + n, 200, 1 + (n % 3)));
      dropped.push(name);
    }
  }
  await schedule.stop();
  await new Promise((resolve) => setTimeout(resolve, 3500));
  await runCycle(config, { trigger: 'manual' }); // picks up a file dropped after the last tick

  const runs = readRuns(config);
  assertOutputsWhole(config);
  const live = await assertLiveWhole(config);
  const ingested = new Set(live.ingestion?.files.map((f) => f.name));
  const missing = dropped.filter((name) => !ingested.has(name));
  const failed = runs.filter((r) => r.outcome === 'failed');
  const fifth = Math.max(1, Math.floor(samples.length / 5));
  const warm = samples.slice(fifth, 2 * fifth);
  const late = samples.slice(-fifth);
  const rssEarly = median(warm.map((s) => s.rss));
  const rssLate = median(late.map((s) => s.rss));
  const fdsEarly = Math.max(...warm.map((s) => s.fds));
  const fdsLate = Math.max(...late.map((s) => s.fds));
  const counts: Record<string, number> = {};
  for (const r of runs) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  const outcomes = Object.entries(counts);
  console.log(
    JSON.stringify({
      minutes: MINUTES,
      runs: runs.length,
      outcomes: Object.fromEntries(outcomes),
      files_dropped: dropped.length,
      rss_mb: { early_median: mb(rssEarly), late_median: mb(rssLate), max: mb(Math.max(...samples.map((s) => s.rss))) },
      fds: { early_max: fdsEarly, late_max: fdsLate, max: Math.max(...samples.map((s) => s.fds)) },
    }),
  );
  assert.deepEqual(
    failed.map((r) => r.summary),
    [],
  );
  assert.deepEqual(missing, [], 'dropped files missing from the live ingestion record');
  assert.ok(runs.length >= ((MINUTES * 60) / 3) * 0.7, `only ${runs.length} runs recorded in ${MINUTES} min`);
  assert.equal(new Set(runs.map((r) => r.id)).size, runs.length, 'duplicate run ids');
  assert.ok(rssLate - rssEarly < RSS_GROWTH_LIMIT, `RSS grew from ${mb(rssEarly)} MB to ${mb(rssLate)} MB`);
  assert.ok(fdsLate - fdsEarly <= FD_GROWTH_LIMIT, `open fds grew from ${fdsEarly} to ${fdsLate}`);
});
