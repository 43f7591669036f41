/**
 * Browser sessions and cross-site requests: a token signed in becomes an HttpOnly, SameSite=Strict
 * cookie (Secure behind https) that grants its role until it expires, is signed out, or its token is
 * revoked; a session's action needs its CSRF token; a tampered cookie is refused; any request that
 * changes something is refused when a browser says another site made it, open server included; an
 * open loopback server refuses what a proxy relays.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { SessionKeeper } from '../../src/auth/sessions.ts';
import { createToken, revokeToken, tokensPath } from '../../src/auth/token-store.ts';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import { startTestServer, type TestServer } from '../helpers/api-server.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';

interface Answer {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A raw request (fetch would neither show Set-Cookie nor send Origin as we choose). */
function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body = '',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method, headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The cookie pair (`am_session=...`) a sign-in answer sets, and its attributes. */
function setCookie(answer: Answer): { pair: string; attributes: string[] } {
  const [cookie] = answer.headers['set-cookie'] as string[];
  const [pair, ...attributes] = cookie!.split('; ');
  return { pair: pair!, attributes };
}

describe('browser sessions', () => {
  let project: TempProject;
  let api: TestServer;
  let admin: string;
  let reader: string;

  const signIn = (token: string, headers: Record<string, string> = {}) =>
    send(api.url, 'POST', '/session', { 'content-type': 'application/json', ...headers }, JSON.stringify({ token }));

  before(async () => {
    project = makeTempProject();
    await runCycle(project.config);
    admin = await createToken(tokensPath(project.config), 'web-admin', 'admin');
    reader = await createToken(tokensPath(project.config), 'web-reader', 'read');
    api = await startTestServer(project.config);
  });
  after(async () => {
    await api.close();
    project.cleanup();
  });

  it('signing in sets an HttpOnly, SameSite=Strict cookie that grants the role, Secure behind https', async () => {
    const answer = await signIn(reader);
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(JSON.parse(answer.text).role, 'read');
    const { pair, attributes } = setCookie(answer);
    assert.deepEqual(attributes, ['Path=/', 'Max-Age=28800', 'HttpOnly', 'SameSite=Strict']);
    assert.ok(!pair.includes(reader), 'the token is not in the cookie');
    assert.equal((await send(api.url, 'GET', '/runs', { cookie: pair })).status, 200);
    assert.equal((await send(api.url, 'GET', '/audit', { cookie: pair })).status, 403, 'the role still counts');
    assert.ok(setCookie(await signIn(reader, { 'x-forwarded-proto': 'https' })).attributes.includes('Secure'));
  });

  it('a bad token, a tampered or foreign cookie are refused; the dashboard sends a browser to sign in', async () => {
    assert.equal((await signIn('atm_not-a-token')).status, 401);
    const form = await send(
      api.url,
      'POST',
      '/session',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'token=nope',
    );
    assert.equal(form.status, 401);
    assert.match(form.text, /That token is not valid/);
    const { pair } = setCookie(await signIn(admin));
    const [value] = pair.split('=').slice(1);
    const [payload, signature] = value!.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), name: 'web-reader' }),
    ).toString('base64url');
    for (const cookie of [
      `am_session=${forged}.${signature}`,
      `am_session=${payload}.x${signature}`,
      'am_session=junk',
    ])
      assert.equal((await send(api.url, 'GET', '/runs', { cookie })).status, 401, cookie);
    const page = await send(api.url, 'GET', '/dashboard', { cookie: 'am_session=junk' });
    assert.deepEqual([page.status, page.headers.location], [303, '/signin']);
    const signInPage = await send(api.url, 'GET', '/signin');
    assert.equal(signInPage.status, 200);
    assert.match(String(signInPage.headers['content-security-policy']), /form-action 'self'.*frame-ancestors 'none'/);
  });

  it('a form sign-in goes on to the dashboard, which offers an admin its actions with a CSRF token', async () => {
    const form = await send(
      api.url,
      'POST',
      '/session',
      { 'content-type': 'application/x-www-form-urlencoded' },
      `token=${encodeURIComponent(admin)}`,
    );
    assert.deepEqual([form.status, form.headers.location], [303, '/dashboard']);
    const { pair } = setCookie(form);
    const page = await send(api.url, 'GET', '/dashboard', { cookie: pair });
    assert.equal(page.status, 200);
    assert.match(page.text, /Signed in as <b>web-admin<\/b> \(admin\)/);
    assert.match(page.text, /data-action="\/runs"/);
    const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page.text)?.[1];
    assert.ok(csrf);

    const action = (headers: Record<string, string>) =>
      send(api.url, 'POST', '/deployments/no-such-version', { cookie: pair, ...headers });
    const without = await action({});
    assert.equal(without.status, 403);
    assert.match(JSON.parse(without.text).error, /CSRF token/);
    assert.equal((await action({ 'x-csrf-token': 'wrong' })).status, 403);
    assert.equal((await action({ 'x-csrf-token': csrf })).status, 404, 'past the checks: no such version');

    const { pair: readerPair } = setCookie(await signIn(reader));
    const readerPage = await send(api.url, 'GET', '/dashboard', { cookie: readerPair });
    assert.match(readerPage.text, /Signed in as <b>web-reader<\/b> \(read\)/);
    assert.doesNotMatch(readerPage.text, /data-action=/);
  });

  it('signing out, or revoking the token, ends the session', async () => {
    const { pair } = setCookie(await signIn(reader));
    const out = await send(api.url, 'POST', '/session/end', { cookie: pair });
    assert.deepEqual([out.status, out.headers.location], [303, '/signin'], JSON.stringify(out.headers));
    assert.match(setCookie(out).attributes.join('; '), /Max-Age=0/);
    assert.equal((await send(api.url, 'GET', '/runs', { cookie: pair })).status, 401, 'the old cookie replayed');

    const other = await createToken(tokensPath(project.config), 'soon-revoked', 'read');
    let signedIn = await signIn(other);
    for (let tries = 0; signedIn.status === 401 && tries < 60; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100)); // the server rereads the tokens within a second
      signedIn = await signIn(other);
    }
    const { pair: second } = setCookie(signedIn);
    assert.equal((await send(api.url, 'GET', '/runs', { cookie: second })).status, 200);
    await revokeToken(tokensPath(project.config), 'soon-revoked');
    let status = 200;
    for (let tries = 0; status === 200 && tries < 60; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100)); // the server rereads the tokens within a second
      status = (await send(api.url, 'GET', '/runs', { cookie: second })).status;
    }
    assert.equal(status, 401);
  });

  it('a request that changes something is refused when a browser says another site made it', async () => {
    const host = new URL(api.url).host;
    const bearer = { authorization: `Bearer ${admin}` };
    const path = '/deployments/no-such-version';
    const crossSite: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of crossSite) {
      const answer = await send(api.url, 'POST', path, { ...bearer, ...headers });
      assert.equal(answer.status, 403, JSON.stringify(headers));
      assert.match(JSON.parse(answer.text).error, /another (site|origin)/);
    }
    assert.equal((await send(api.url, 'POST', path, { ...bearer, origin: `http://${host}` })).status, 404);
    assert.equal((await send(api.url, 'POST', path, { ...bearer, 'sec-fetch-site': 'same-origin' })).status, 404);
  });
});

describe('cross-site requests to a server open without tokens', () => {
  it('are refused, while its own pages and other clients act', async () => {
    const project = makeTempProject({ seed: [] });
    const api = await startTestServer(project.config);
    try {
      const path = '/deployments/no-such-version';
      assert.equal((await send(api.url, 'POST', path, { origin: 'http://evil.example' })).status, 403);
      assert.equal((await send(api.url, 'POST', path, { origin: api.url })).status, 404);
      assert.equal((await send(api.url, 'POST', path)).status, 404);
      const page = await send(api.url, 'GET', '/dashboard');
      assert.match(page.text, /data-action="\/runs"/, 'an open server offers the actions');
      assert.doesNotMatch(page.text, /Signed in as/);
    } finally {
      await api.close();
      project.cleanup();
    }
  });
});

describe('a loopback server open without tokens, behind a proxy', () => {
  it('refuses what a proxy relays, unless server.allow_unauthenticated', async () => {
    for (const allow of [false, true]) {
      const project = makeTempProject({ seed: [], config: { server: { allow_unauthenticated: allow } } });
      const api = await startTestServer(project.config);
      try {
        assert.equal((await send(api.url, 'GET', '/runs')).status, 200, 'a local client');
        for (const header of ['x-forwarded-for', 'x-forwarded-proto', 'forwarded', 'x-real-ip']) {
          const relayed = await send(api.url, 'GET', '/runs', { [header]: 'https' });
          assert.equal(relayed.status, allow ? 200 : 401, `${header}, allow_unauthenticated ${allow}`);
          if (!allow) assert.match(JSON.parse(relayed.text).error, /came through a proxy: create a token/);
        }
        assert.equal((await send(api.url, 'GET', '/health', { 'x-forwarded-for': '1.2.3.4' })).status, 503);
      } finally {
        await api.close();
        project.cleanup();
      }
    }
  });
});

describe('session cookies', () => {
  it('expire, and are bound to the key of the server that signed them', () => {
    const keeper = new SessionKeeper(60_000);
    const { cookie } = keeper.issue('someone', '0123456789abcdef', 1_000);
    assert.equal(keeper.verify(cookie, 60_999)?.name, 'someone');
    assert.equal(keeper.verify(cookie, 61_000), null);
    assert.equal(new SessionKeeper(60_000).verify(cookie, 2_000), null);
  });
});
