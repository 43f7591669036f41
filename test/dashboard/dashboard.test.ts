/**
 * The dashboard over real cycles (bootstrap, deployments, a refused challenger, a cycle with no new
 * data, recorded by runCycle on a temporary project): the HTTP routes, the archived drift reports, the
 * OpenAPI document, and the page in headless Debian Chromium (playwright-core, never a downloaded
 * browser) with every request that is not to the local server aborted.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import type { RunRecord } from '../../src/records/run-record.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/api-server.ts';
import { blockRequests, collectProblems, launchChromium, skipWithoutChromium } from '../helpers/browser.ts';
import { pngSize } from '../report/png.ts';
import { batchCsv, recordScenario, type Scenario } from './scenario.ts';

let scenario: Scenario;
let server: TestServer;
const withModelDrift = () => scenario.records.filter((r) => r.decisions.model_drift);
const withDataDrift = () => scenario.records.filter((r) => r.decisions.data_drift);

before(async () => {
  scenario = await recordScenario();
  server = await startTestServer(scenario.config);
});
after(async () => {
  await server?.close();
  scenario?.project.cleanup();
});

describe('dashboard routes', () => {
  it('the scenario recorded every kind of decision', () => {
    const outcomes = new Set(scenario.records.map((r) => r.outcome));
    for (const outcome of ['bootstrap', 'deployed', 'not_deployed', 'no_new_data'] as const)
      assert.ok(outcomes.has(outcome), `${outcome} in ${[...outcomes]}`);
  });

  it('GET / redirects to the page, which is self-contained under a strict CSP', async () => {
    const root = await fetch(`${server.url}/`, { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/dashboard');
    const page = await fetch(`${server.url}/dashboard`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/]+='/);
    assert.match(csp, /connect-src 'self'/);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
    const html = await page.text();
    assert.doesNotMatch(html, /\b(src|href)="(https?:)?\/\//, 'nothing is loaded from another origin');
    assert.ok(html.includes(scenario.records.at(-1)!.live_model_after!));
  });

  it('records link the archived drift report of each cycle that compared data, served by run id', async () => {
    for (const record of scenario.records)
      assert.equal(
        record.drift_report,
        record.decisions.data_drift ? `drift_reports/${record.id}.html` : null,
        record.outcome,
      );
    const run = withDataDrift().at(-1)!;
    const html = await fetch(`${server.url}/drift/reports/${run.id}`);
    assert.equal(html.status, 200);
    assert.match(await html.text(), /<h1>Data drift report<\/h1>/);
    const json = await getJson(`${server.url}/drift/reports/${run.id}.json`);
    assert.equal(json.status, 200);
    assert.equal(json.body.share_drifted, run.decisions.data_drift!.share_drifted);
    for (const name of [
      '..%2F..%2Fconfig.json',
      '%2e%2e%2fconfig.json',
      `${run.id}.html`,
      run.id.replace('T', 't'),
      `${run.id.slice(0, -1)}G`,
      `${run.id}.json.json`,
      `x${run.id}`,
    ]) {
      assert.equal((await getJson(`${server.url}/drift/reports/${name}`)).status, 400, name);
    }
    const missing = await getJson(`${server.url}/drift/reports/20200101T000000Z-000000`);
    assert.equal(missing.status, 404);
    assert.match(missing.body.error, /no archived drift report for run 20200101T000000Z-000000/);
  });

  it('GET /models lists every deployed version, the live one first with an open period', async () => {
    const { status, body } = await getJson(`${server.url}/models`);
    assert.equal(status, 200);
    const live = scenario.records.at(-1)!.live_model_after;
    assert.equal(body.live_model_id, live);
    const deployed = new Set(
      scenario.records
        .flatMap((r) => [r.live_model_before, r.live_model_after])
        .filter((id): id is string => id !== null),
    );
    assert.deepEqual(new Set(body.versions.map((v: { model_id: string }) => v.model_id)), deployed);
    assert.equal(body.versions[0].model_id, live);
    assert.equal(body.versions[0].live, true);
    assert.equal(body.versions[0].live_periods.at(-1).to, null);
    assert.ok(
      body.versions
        .slice(1)
        .every(
          (v: { live: boolean; live_periods: { to: string | null }[] }) =>
            !v.live && v.live_periods.every((p) => p.to !== null),
        ),
    );
  });

  it('GET /runs pages through the recorded cycles', async () => {
    const ids = scenario.records.map((r) => r.id).reverse();
    const first = await getJson(`${server.url}/runs?limit=4`);
    assert.deepEqual(
      first.body.runs.map((r: RunRecord) => r.id),
      ids.slice(0, 4),
    );
    const rest = await getJson(`${server.url}/runs?limit=500&before=${first.body.next_before}`);
    assert.deepEqual(
      rest.body.runs.map((r: RunRecord) => r.id),
      ids.slice(4),
    );
    assert.equal(rest.body.next_before, null);
  });

  it('the OpenAPI document describes the dashboard routes and their schemas', async () => {
    const { body } = await getJson(`${server.url}/openapi.json`);
    for (const path of ['/', '/dashboard', '/dashboard/fragment', '/runs', '/models', '/drift/reports/{name}'])
      assert.ok(body.paths[path]?.get, path);
    assert.deepEqual(
      body.paths['/runs'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`).sort(),
      ['query:before', 'query:limit'],
    );
    for (const schema of ['RunsPage', 'RunRecord', 'ModelsResponse'])
      assert.ok(body.components.schemas[schema], schema);
  });
});

describe('dashboard in the browser', () => {
  it('shows the live model, one chart mark per cycle, a row per cycle, links to reports, and refreshes in place', {
    skip: skipWithoutChromium,
    timeout: 120_000,
  }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashboard-browser-'));
    const context = await launchChromium(dir);
    try {
      const origin = new URL(server.url).origin;
      const attempted = await blockRequests(context, (url) => url.origin === origin);
      const page = await context.newPage();
      const problems = collectProblems(page);
      await page.clock.install();
      await page.goto(`${server.url}/`, { waitUntil: 'load' });
      assert.equal(new URL(page.url()).pathname, '/dashboard');

      const live = scenario.records.at(-1)!.live_model_after!;
      assert.equal((await page.locator('#live-model .model-id').innerText()).trim(), live);
      for (const text of ['F1', 'precision', 'recall'])
        assert.ok((await page.locator('#live-scores').innerText()).includes(text));

      const marks = (chart: string, group: string) => page.locator(`#${chart} .chart-wide svg g.${group}_marks > path`);
      const labelIds = async (chart: string, group: string) =>
        new Set(
          (await marks(chart, group).evaluateAll((paths) => paths.map((p) => p.getAttribute('aria-label') ?? ''))).map(
            (label) => /^cycle (\S+?)[,:]/.exec(label)?.[1],
          ),
        );
      assert.equal(await marks('f1-chart', 'cycle_f1').count(), withModelDrift().length);
      assert.deepEqual(await labelIds('f1-chart', 'cycle_f1'), new Set(withModelDrift().map((r) => r.id)));
      assert.equal(await marks('drift-share-chart', 'cycle_drift_share').count(), withDataDrift().length);
      assert.deepEqual(
        await labelIds('drift-share-chart', 'cycle_drift_share'),
        new Set(withDataDrift().map((r) => r.id)),
      );
      const cells = withDataDrift().reduce((sum, r) => sum + Object.keys(r.decisions.data_drift!.columns).length, 0);
      assert.equal(await marks('drift-heatmap', 'cycle_drift_cells').count(), cells);
      assert.deepEqual(await labelIds('drift-heatmap', 'cycle_drift_cells'), new Set(withDataDrift().map((r) => r.id)));
      for (const chart of ['f1-chart', 'drift-share-chart', 'drift-heatmap']) {
        const box = await page.locator(`#${chart} .chart-wide svg`).boundingBox();
        assert.ok(box && box.width > 400 && box.height > 120, `${chart} is laid out at a readable size`);
      }

      const rows = page.locator('table.cycles tbody tr');
      assert.deepEqual(
        await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-run-id'))),
        scenario.records.map((r) => r.id).reverse(),
      );
      assert.equal(await page.locator('table.cycles a.report-link').count(), withDataDrift().length);

      const screenshot = join(dir, 'dashboard-1280.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      assert.equal(pngSize(await readFile(screenshot)).width, 1280);
      if (process.env.DASHBOARD_SCREENSHOT)
        await writeFile(resolve(process.env.DASHBOARD_SCREENSHOT), await readFile(screenshot));

      // Refresh: a new cycle appears after 30 s, without a reload.
      const updated = await page.locator('#updated').getAttribute('datetime');
      await page.evaluate('window.stillHere = true');
      await writeFile(join(scenario.config.input_folder_path, 'late.csv'), batchCsv(9, 30, 1));
      const late = (await runCycle(scenario.config)).record;
      await page.clock.fastForward(30_000);
      await page.locator(`table.cycles tbody tr[data-run-id="${late.id}"]`).waitFor({ timeout: 10_000 });
      assert.equal(await rows.count(), scenario.records.length + 1);
      assert.equal(await page.evaluate('window.stillHere'), true, 'the page was not reloaded');
      assert.notEqual(await page.locator('#updated').getAttribute('datetime'), updated);
      assert.equal(await marks('f1-chart', 'cycle_f1').count(), withModelDrift().length + 1);
      scenario.records.push(late);

      // A row's report link opens that cycle's drift report.
      const reported = withDataDrift().at(0)!;
      await page.locator(`tr[data-run-id="${reported.id}"] a.report-link`).click();
      await page.waitForURL(`**/drift/reports/${reported.id}`);
      assert.equal(await page.title(), 'Data drift report');
      assert.ok(await page.locator('#summary').isVisible());
      await page.goBack();

      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server.url}/dashboard`, { waitUntil: 'load' });
      const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
      assert.ok(overflow <= 0, `page scrolls sideways on a phone by ${overflow}px`);
      assert.ok(await page.locator('#f1-chart .chart-narrow svg').isVisible());
      assert.ok(!(await page.locator('#f1-chart .chart-wide svg').isVisible()));
      const phone = join(dir, 'dashboard-390.png');
      await page.screenshot({ path: phone, fullPage: true });
      assert.equal(pngSize(await readFile(phone)).width, 390);

      assert.deepEqual(attempted, [], 'the page tried to load from the network');
      assert.deepEqual(problems, [], 'console errors (CSP violations show up here)');
    } finally {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
