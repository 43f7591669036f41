/**
 * Tokens with roles in front of every route: for each route, no token and a bad token get 401 (a page
 * sends a browser to /signin), a token of another role 403, the right role (and admin) passes; /health
 * stays open and /metrics too with server.metrics_public; a loopback-bound server refuses a Host it
 * does not answer for (421).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../../src/auth/roles.ts';
import { createToken, tokensPath } from '../../src/auth/token-store.ts';
import { request } from 'node:http';
import { join } from 'node:path';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import { startTestServer, type TestServer } from '../helpers/api-server.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';

const ROLE_NAMES: Role[] = ['read', 'predict', 'label', 'admin'];
const RECORD = { lastmonth_activity: 10, lastyear_activity: 100, number_of_employees: 5 };

/** A route: method, path, body, the role it needs (null: open), what the right role gets when not a 2xx. */
interface Route {
  method: string;
  path: string;
  body?: object;
  headers?: Record<string, string>;
  needs: Role | null;
  passes?: (status: number) => boolean;
  /** A page: a browser without a valid token is sent to the sign-in page. */
  page?: boolean;
}

/** Every route. */
const ROUTES: Route[] = [
  { method: 'GET', path: '/health', needs: null },
  { method: 'GET', path: '/', needs: 'read', passes: (status) => status === 302, page: true },
  { method: 'GET', path: '/dashboard', needs: 'read', page: true },
  { method: 'GET', path: '/dashboard/fragment', needs: 'read' },
  { method: 'GET', path: '/runs', needs: 'read' },
  { method: 'GET', path: '/models', needs: 'read' },
  { method: 'GET', path: '/scoring', needs: 'read' },
  { method: 'GET', path: '/summarystats', needs: 'read' },
  { method: 'GET', path: '/diagnostics', needs: 'read' },
  { method: 'GET', path: '/drift', needs: 'read' },
  { method: 'GET', path: '/monitoring', needs: 'read' },
  { method: 'GET', path: '/alerts', needs: 'read' },
  { method: 'GET', path: '/openapi.json', needs: 'read' },
  { method: 'GET', path: '/metrics', needs: 'read' },
  { method: 'POST', path: '/prediction', body: { records: [RECORD] }, needs: 'predict' },
  // the Express path of /prediction (a Content-Encoding keeps it off the fast path)
  {
    method: 'POST',
    path: '/prediction',
    body: { records: [RECORD] },
    headers: { 'content-encoding': 'identity, identity' },
    needs: 'predict',
    passes: (status) => status === 415, // past the token check, Express refuses an encoded body
  },
  { method: 'POST', path: '/labels', body: { labels: [{ id: 'acme', exited: 1 }] }, needs: 'label' },
  { method: 'GET', path: '/audit', needs: 'admin' },
  { method: 'POST', path: '/runs', needs: 'admin', passes: (status) => status === 202 },
  // one version is live after the bootstrap: past the token check, nothing earlier to go back to
  {
    method: 'POST',
    path: '/deployments/rollback',
    needs: 'admin',
    passes: (status) => status === 409 || status === 200,
  },
  { method: 'POST', path: '/deployments/no-such-version', needs: 'admin', passes: (status) => status === 404 },
];

/** A raw request (fetch would not send a Host header of our choosing). */
function send(
  base: string,
  route: { method: string; path: string; body?: object; headers?: Record<string, string> },
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(route.path, base);
  const body = route.body === undefined ? undefined : JSON.stringify(route.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: route.method,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...route.headers, ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('access: tokens and roles', () => {
  let project: TempProject;
  let api: TestServer;
  const tokens = {} as Record<Role, string>;

  before(async () => {
    project = makeTempProject();
    // a bootstrap and a second batch: a live model, runs, a drift report, a monitoring pass
    await runCycle(project.config);
    await runCycle({ ...project.config, input_folder_path: join(project.dir, 'sourcedata') });
    for (const role of ROLE_NAMES) tokens[role] = await createToken(tokensPath(project.config), `t-${role}`, role);
    api = await startTestServer(project.config);
  });
  after(async () => {
    await api.close();
    project.cleanup();
  });

  for (const route of ROUTES) {
    const label = `${route.method} ${route.path}${route.headers ? ' (Express path)' : ''}`;
    it(`${label}: ${route.needs ? `needs ${route.needs}` : 'open'}`, async () => {
      const none = await send(api.url, route);
      const bad = await send(api.url, route, { authorization: `Bearer atm_${'x'.repeat(43)}` });
      if (route.needs === null) {
        assert.equal(none.status, 200, none.text);
        return;
      }
      for (const refused of [none, bad]) {
        if (route.page) {
          assert.deepEqual([refused.status, refused.headers.location], [303, '/signin'], refused.text);
          continue;
        }
        assert.equal(refused.status, 401, refused.text);
        assert.equal(refused.headers['www-authenticate'], 'Bearer');
        assert.match(JSON.parse(refused.text).error, /token/);
      }
      for (const role of ROLE_NAMES) {
        const answer = await send(api.url, route, { authorization: `Bearer ${tokens[role]}` });
        if (role === route.needs || role === 'admin') {
          const expected = route.passes ?? ((status: number) => status < 300);
          assert.ok(expected(answer.status), `${role}: ${answer.status} ${answer.text.slice(0, 200)}`);
        } else {
          assert.equal(answer.status, 403, `${role}: ${answer.text}`);
          assert.equal(JSON.parse(answer.text).error, `token 't-${role}' has role ${role}; this needs ${route.needs}`);
        }
      }
    });
  }

  it('a loopback-bound server answers only for localhost and loopback Host names', async () => {
    const health = { method: 'GET', path: '/health' };
    for (const host of ['localhost', `localhost:${new URL(api.url).port}`, '127.0.0.1', '[::1]:8000'])
      assert.equal((await send(api.url, health, { host })).status, 200, host);
    const rebinding = await send(api.url, health, { host: 'attacker.example:8000' });
    assert.equal(rebinding.status, 421);
    assert.match(JSON.parse(rebinding.text).error, /localhost only, not for Host 'attacker\.example:8000'/);
  });
});

describe('access: open routes and wider Host names by config', () => {
  it('server.metrics_public opens /metrics; server.allowed_hosts adds a name', async () => {
    const project = makeTempProject({
      seed: [],
      config: { server: { metrics_public: true, allowed_hosts: ['monitor.internal'] } },
    });
    await createToken(tokensPath(project.config), 'only', 'admin');
    const api = await startTestServer(project.config);
    try {
      assert.equal((await send(api.url, { method: 'GET', path: '/metrics' })).status, 200);
      assert.equal((await send(api.url, { method: 'GET', path: '/runs' })).status, 401);
      // no model is live: /health answers 503, past the Host check
      assert.equal((await send(api.url, { method: 'GET', path: '/health' }, { host: 'monitor.internal' })).status, 503);
      assert.equal((await send(api.url, { method: 'GET', path: '/health' }, { host: 'other.internal' })).status, 421);
    } finally {
      await api.close();
      project.cleanup();
    }
  });
});
