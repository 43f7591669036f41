/**
 * `npm run token` and a server beyond loopback: a token is printed once and stored only as a hash
 * (mode 600), listed without it, revoked; a running server honours a new token and a revocation within
 * about a second; `npm start` on 0.0.0.0 without a token refuses to start in one line, starts with
 * `server.allow_unauthenticated` (warning) or with a token; the token and a session signed in with it
 * never show in its logs, and the token in no file of the output folder.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestServer } from '../helpers/api-server.ts';
import { type StartedCli, startCli } from '../helpers/run-cli.ts';
import { makeTempProject } from '../helpers/temp-project.ts';

/** Every regular file under `folder`. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Polls `check` until it holds or 5 s passed. */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < 5000; await sleep(100)) if (await check()) return true;
  return false;
}

describe('npm run token', () => {
  it('prints a token once, keeps only its hash, lists and revokes; a running server follows', async () => {
    const project = makeTempProject({ seed: ['testdata'] });
    const api = await startTestServer(project.config);
    try {
      const created = await startCli('token.ts', [
        'create',
        '--name',
        'ci',
        '--role',
        'read',
        '--config',
        project.configFile,
      ]).done;
      assert.equal(created.status, 0, created.stderr);
      const token = created.stdout.trim();
      assert.match(token, /^atm_[A-Za-z0-9_-]{43}$/);
      const file = join(project.config.output_folder_path, 'tokens.json');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.ok(!readFileSync(file, 'utf8').includes(token), 'only the hash is stored');

      const runs = (auth?: string) =>
        fetch(`${api.url}/runs`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} }).then((r) => r.status);
      assert.ok(await eventually(async () => (await runs()) === 401), 'the new token closed the server');
      assert.equal(await runs(token), 200);

      const taken = await startCli('token.ts', [
        'create',
        '--name',
        'ci',
        '--role',
        'admin',
        '--config',
        project.configFile,
      ]).done;
      assert.equal(taken.status, 1);
      assert.match(taken.stderr, /a token named 'ci' exists/);
      const badRole = await startCli('token.ts', [
        'create',
        '--name',
        'x',
        '--role',
        'root',
        '--config',
        project.configFile,
      ]).done;
      assert.equal(badRole.status, 2);

      const listed = await startCli('token.ts', ['list', '--config', project.configFile]).done;
      assert.match(listed.stdout, /^1 tokens in ingesteddata\/tokens\.json\nci\tread\t\d{4}-/);
      assert.ok(!listed.stdout.includes(token));

      const revoked = await startCli('token.ts', ['revoke', 'ci', '--config', project.configFile]).done;
      assert.equal(revoked.status, 0, revoked.stderr);
      assert.ok(await eventually(async () => (await runs()) === 200), 'no token left: a loopback server is open again');
      assert.equal((await startCli('token.ts', ['revoke', 'ci', '--config', project.configFile]).done).status, 1);
    } finally {
      await api.close();
      project.cleanup();
    }
  });
});

describe('npm start beyond loopback', () => {
  const start = (configFile: string) =>
    startCli('server.ts', ['--no-schedule', '--config', configFile], {
      HOST: '0.0.0.0',
      PORT: '0',
      LOG_LEVEL: 'info',
      npm_config_registry: 'http://127.0.0.1:9/',
    });
  const listening = async (server: StartedCli) => {
    for (const started = Date.now(); Date.now() - started < 20_000; await sleep(50)) {
      const match = /listening on http:\/\/0\.0\.0\.0:(\d+)/.exec(server.output().stdout);
      if (match) return Number(match[1]);
    }
    throw new Error(`no listening line: ${server.output().stderr}`);
  };

  it('refuses to start without a token, in one line', async () => {
    const project = makeTempProject({ seed: [] });
    try {
      const refused = await start(project.configFile).done;
      assert.equal(refused.status, 2);
      assert.match(
        refused.stderr,
        /^start: refusing to listen on 0\.0\.0\.0 without an access token: create one .*\n$/,
      );
    } finally {
      project.cleanup();
    }
  });

  it('starts with server.allow_unauthenticated (and warns), or with a token that never shows in its logs', async () => {
    const project = makeTempProject({ seed: [] });
    try {
      const config = JSON.parse(readFileSync(project.configFile, 'utf8'));
      writeFileSync(project.configFile, JSON.stringify({ ...config, server: { allow_unauthenticated: true } }));
      const open = start(project.configFile);
      await listening(open);
      open.child.kill('SIGTERM');
      const ended = await open.done;
      assert.match(ended.stdout + ended.stderr, /with no access token: every endpoint is open/);

      writeFileSync(project.configFile, JSON.stringify(config));
      const token = (
        await startCli('token.ts', ['create', '--name', 'ops', '--role', 'admin', '--config', project.configFile]).done
      ).stdout.trim();
      const guarded = start(project.configFile);
      const port = await listening(guarded);
      assert.equal((await fetch(`http://127.0.0.1:${port}/runs`)).status, 401);
      assert.equal(
        (await fetch(`http://127.0.0.1:${port}/runs`, { headers: { authorization: `Bearer ${token}` } })).status,
        200,
      );
      await fetch(`http://127.0.0.1:${port}/runs`, { headers: { authorization: `Bearer ${token}x` } }); // refused
      const signedIn = await fetch(`http://127.0.0.1:${port}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0]!;
      assert.match(cookie, /^am_session=.{40,}/);
      assert.equal((await fetch(`http://127.0.0.1:${port}/audit`, { headers: { cookie } })).status, 200);
      guarded.child.kill('SIGTERM');
      const logs = await guarded.done;
      assert.ok(!(logs.stdout + logs.stderr).includes(token.slice(4)), 'the token is in no log line');
      assert.ok(!(logs.stdout + logs.stderr).includes(cookie.slice(11)), 'the session is in no log line');
      for (const file of filesUnder(project.config.output_folder_path))
        assert.ok(!readFileSync(file).includes(token.slice(4)), `the token is in ${file}`);
    } finally {
      project.cleanup();
    }
  });
});
