/**
 * Signing in with a browser (headless Debian Chromium through playwright-core): the dashboard sends
 * it to the sign-in page; a token signed in becomes an HttpOnly, SameSite=Strict cookie the page's
 * script cannot read; an admin's buttons roll back, make a version live and start a cycle; a page of
 * another site posting to the server acts on nothing; signing out ends the session; a read token sees
 * no buttons. Every action is in the audit log under the token's name.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createToken, tokensPath } from '../../src/auth/token-store.ts';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import { outputLayout } from '../../src/records/output-layout.ts';
import { readAudit } from '../../src/records/audit-log.ts';
import { startTestServer, type TestServer } from '../helpers/api-server.ts';
import { blockRequests, collectProblems, launchChromium, skipWithoutChromium } from '../helpers/browser.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';

/** Waits until the page's action status reads `text`. */
async function statusSays(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('#action-status').filter({ hasText: text }).waitFor();
}

describe('signing in to the dashboard in Chromium', { skip: skipWithoutChromium }, () => {
  let project: TempProject;
  let api: TestServer;
  let first: string;
  let second: string;
  let admin: string;
  let reader: string;

  before(async () => {
    project = makeTempProject({ config: { deploy_policy: 'always' } });
    first = (await runCycle(project.config)).record.live_model_after!;
    second = (await runCycle({ ...project.config, input_folder_path: join(project.dir, 'sourcedata') })).record
      .live_model_after!;
    admin = await createToken(tokensPath(project.config), 'web-admin', 'admin');
    reader = await createToken(tokensPath(project.config), 'web-reader', 'read');
    api = await startTestServer(project.config);
  });
  after(async () => {
    await api?.close();
    project?.cleanup();
  });

  /** Signs in on `page` with `token` from the dashboard's address. */
  async function signIn(page: Page, token: string): Promise<void> {
    await page.goto(`${api.url}/dashboard`);
    assert.equal(new URL(page.url()).pathname, '/signin');
    await page.fill('#token', token);
    await Promise.all([page.waitForURL('**/dashboard'), page.click('button[type=submit]')]);
  }

  it('signs in, acts as an admin, refuses another site, signs out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'attrition-sign-in-'));
    // a page of another site that posts to the server as soon as it loads
    const attacker = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<form method="post" action="${api.url}/runs"></form><script>document.forms[0].submit()</script>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    const attackerUrl = `http://localhost:${(attacker.address() as AddressInfo).port}/`;
    const context = await launchChromium(dir);
    try {
      const allowed = new Set([new URL(api.url).origin, new URL(attackerUrl).origin]);
      const attempted = await blockRequests(context, (url) => allowed.has(url.origin));
      const page = await context.newPage();
      const problems = collectProblems(page);
      page.on('dialog', (dialog) => void dialog.accept());

      await page.goto(`${api.url}/dashboard`);
      await page.fill('#token', 'atm_not-a-token');
      await page.click('button[type=submit]');
      assert.match(await page.locator('.sign-in-error').innerText(), /not valid/);
      await signIn(page, admin);
      assert.match(await page.locator('.who').innerText(), /Signed in as web-admin \(admin\)/);

      const [cookie] = await context.cookies(api.url);
      assert.equal(cookie?.name, 'am_session');
      assert.equal(cookie?.httpOnly, true);
      assert.equal(cookie?.sameSite, 'Strict');
      assert.equal(await page.evaluate('document.cookie'), '', 'the page script cannot read the session');

      const status = page.locator('#action-status');
      await page.click('button[data-action="/deployments/rollback"]');
      await statusSays(page, `Version ${first} is live (was ${second}).`);
      await page.selectOption('#version-choice', second);
      await page.click('#make-live');
      await statusSays(page, `Version ${second} is live (was ${first}).`);
      await page.click('button[data-action="/runs"]');
      await statusSays(page, /^Cycle \S+ started\.$/);
      const runId = (await status.innerText()).split(' ')[1];
      await api.cycles.idle();

      const other = await context.newPage();
      await other.goto(attackerUrl);
      await other.waitForURL(`${api.url}/runs`);
      assert.match(await other.locator('body').innerText(), /another (site|origin).*refused/);
      await other.close();

      await Promise.all([page.waitForURL('**/signin'), page.click('#sign-out')]);
      await page.goto(`${api.url}/dashboard`);
      assert.equal(new URL(page.url()).pathname, '/signin', 'signed out');

      await signIn(page, reader);
      assert.match(await page.locator('.who').innerText(), /web-reader \(read\)/);
      assert.equal(await page.locator('button[data-action]').count(), 0, 'no actions for a read token');

      assert.deepEqual(problems, ['Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
      assert.deepEqual(attempted, []);
      const audit = (await readAudit(outputLayout(project.config).output.audit, 10)).map(
        (e) => `${e.token} ${e.action} ${e.outcome} ${e.target}`,
      );
      assert.deepEqual(audit, [
        'null run refused null',
        `web-admin run accepted ${runId}`,
        `web-admin deploy ok ${second}`,
        `web-admin rollback ok ${first}`,
      ]);
    } finally {
      await context.close();
      attacker.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
