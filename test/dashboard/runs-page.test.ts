/**
 * GET /runs over a long history: 100,000 synthetic cycles written straight to runs.jsonl; the first
 * page is the newest 50, `next_before` leads to the next page, bad queries are 400s, the dashboard
 * draws the newest cycles, and lines that are torn or do not fit the schema are skipped without
 * counting toward a page.
 */
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runsPage } from '../../src/dashboard/run-history.ts';
import { readLastRuns, readRunsPage } from '../../src/records/run-log.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/api-server.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';
import { syntheticRun, syntheticRunId, writeSyntheticRuns } from './synthetic-runs.ts';
import { RUNS_JSONL } from '../../src/records/output-layout.ts';

const COUNT = 100_000;

describe('GET /runs with 100,000 recorded cycles', () => {
  let project: TempProject;
  let server: TestServer;
  before(async () => {
    project = makeTempProject({ seed: [] });
    await writeSyntheticRuns(join(project.config.output_folder_path, RUNS_JSONL), COUNT);
    server = await startTestServer(project.config);
  });
  after(async () => {
    await server?.close();
    project?.cleanup();
  });

  it('returns the newest 50 by default, newest first, and the next page through next_before', async () => {
    const first = await getJson(`${server.url}/runs`);
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.body.runs.map((r: { id: string }) => r.id),
      Array.from({ length: 50 }, (_, k) => syntheticRunId(COUNT - 1 - k)),
    );
    assert.deepEqual(first.body.runs[0], syntheticRun(COUNT - 1), 'records come back as written');
    assert.equal(first.body.next_before, syntheticRunId(COUNT - 50));

    const second = await getJson(`${server.url}/runs?limit=50&before=${first.body.next_before}`);
    assert.equal(second.status, 200);
    assert.deepEqual(
      second.body.runs.map((r: { id: string }) => r.id),
      Array.from({ length: 50 }, (_, k) => syntheticRunId(COUNT - 51 - k)),
    );
    assert.equal(second.body.next_before, syntheticRunId(COUNT - 100));
  });

  it('reaches the oldest record at the end of the history, with next_before null', async () => {
    const last = await runsPage(project.config, { limit: 500, before: syntheticRunId(300) });
    assert.deepEqual(
      last.runs.map((r) => r.id),
      Array.from({ length: 300 }, (_, k) => syntheticRunId(299 - k)),
    );
    assert.equal(last.next_before, null);
  });

  it('answers the first page without reading the whole file', async () => {
    const path = join(project.config.output_folder_path, RUNS_JSONL);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      await readRunsPage(path, { limit: 50, accept: (raw) => raw });
      times.push(performance.now() - start);
    }
    const median = times.sort((a, b) => a - b)[2]!;
    assert.ok(median < 50, `first page took ${median.toFixed(1)} ms`);
  });

  it('the dashboard draws the newest 50 cycles in each chart and lists the newest 25', async () => {
    const page = await fetch(`${server.url}/dashboard`);
    assert.equal(page.status, 200);
    const html = await page.text();
    // Every mark of a cycle carries an aria-label naming its run id; each chart is rendered wide and narrow.
    const ids = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]);
    const newest50 = Array.from({ length: 50 }, (_, k) => syntheticRunId(COUNT - 50 + k));
    assert.deepEqual(ids(/aria-label="cycle (\S+): F1 /g), [...newest50, ...newest50]);
    assert.deepEqual(ids(/aria-label="cycle (\S+): \d+% of columns drifted/g), [...newest50, ...newest50]);
    assert.equal(ids(/aria-label="cycle (\S+), [a-z_]+: /g).length, 2 * 50 * 4, '50 cycles x 4 columns');
    assert.equal(html.match(/<tr data-run-id=/g)?.length, 25);
    assert.ok(html.includes(`data-run-id="${syntheticRunId(COUNT - 1)}"`));
  });

  it('refuses bad queries with 400 and an unknown run id with 404', async () => {
    for (const query of [
      'limit=0',
      'limit=501',
      'limit=abc',
      'limit=1.5',
      'limit=',
      'before=..%2F..%2Fconfig.json',
      'before=20260101T000000Z-ZZZZZZ',
      'page=2',
      'limit=5&limit=6',
    ]) {
      const answer = await getJson(`${server.url}/runs?${query}`);
      assert.equal(answer.status, 400, `${query}: ${answer.text}`);
      assert.match(answer.body.error, /^invalid query: /);
    }
    const unknown = await getJson(`${server.url}/runs?before=20250101T000000Z-abcdef`);
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.error, /no run with id '20250101T000000Z-abcdef'/);
    assert.equal((await getJson(`${server.url}/runs?limit=500`)).body.runs.length, 500);
  });
});

describe('reading runs.jsonl backwards', () => {
  it('skips torn and foreign lines without counting them, and handles a missing file', async () => {
    const project = makeTempProject({ seed: [] });
    try {
      const path = join(project.config.output_folder_path, RUNS_JSONL);
      assert.deepEqual(await runsPage(project.config, { limit: 5 }), { runs: [], next_before: null });
      await writeSyntheticRuns(path, 3);
      appendFileSync(path, `{"id":"not a record"}\n${JSON.stringify(syntheticRun(3))}\n{"id":"20260101T00`);
      const page = await runsPage(project.config, { limit: 3 });
      assert.deepEqual(
        page.runs.map((r) => r.id),
        [syntheticRunId(3), syntheticRunId(2), syntheticRunId(1)],
      );
      assert.equal(page.next_before, syntheticRunId(1));
      assert.deepEqual(
        (await runsPage(project.config, { limit: 3, before: page.next_before! })).runs.map((r) => r.id),
        [syntheticRunId(0)],
      );
      assert.equal((await readLastRuns(path, 10)).length, 4, 'readLastRuns keeps the lines that are run records');
    } finally {
      project.cleanup();
    }
  });

  it('reads lines longer than a read block', async () => {
    const project = makeTempProject({ seed: [] });
    try {
      const path = join(project.config.output_folder_path, RUNS_JSONL);
      const long = { ...syntheticRun(1), summary: 'x'.repeat(200_000) };
      appendFileSync(
        path,
        `${JSON.stringify(syntheticRun(0))}\n${JSON.stringify(long)}\n${JSON.stringify(syntheticRun(2))}\n`,
      );
      const page = await runsPage(project.config, { limit: 10 });
      assert.deepEqual(
        page.runs.map((r) => r.summary.length),
        [syntheticRun(2).summary.length, 200_000, syntheticRun(0).summary.length],
      );
    } finally {
      project.cleanup();
    }
  });
});
