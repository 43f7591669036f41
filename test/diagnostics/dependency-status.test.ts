import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { clearDependencyCache, dependencyStatus } from '../../src/diagnostics/dependency-status.ts';
import { REPO_ROOT } from '../helpers/temp-project.ts';

describe('dependency status', () => {
  it('answers "unavailable" at once when the registry refuses connections, and caches it', async () => {
    clearDependencyCache();
    const env = { npm_config_registry: 'http://127.0.0.1:9/' };
    let start = Date.now();
    const first = await dependencyStatus(REPO_ROOT, { env });
    assert.equal(first.status, 'unavailable');
    assert.match('reason' in first ? first.reason : '', /ECONNREFUSED|unreachable/);
    assert.ok(Date.now() - start < 10_000);
    start = Date.now();
    assert.deepEqual(await dependencyStatus(REPO_ROOT, { env }), first);
    assert.ok(Date.now() - start < 50, 'the second answer comes from the cache');
  });

  it('shares an answer between processes through the cache file', async () => {
    clearDependencyCache();
    const dir = mkdtempSync(join(tmpdir(), 'deps-cache-'));
    try {
      const cacheFile = join(dir, 'dependencies.json');
      const env = { npm_config_registry: 'http://127.0.0.1:9/' };
      const first = await dependencyStatus(REPO_ROOT, { env, cacheFile });
      assert.deepEqual(JSON.parse(readFileSync(cacheFile, 'utf8')), first);
      clearDependencyCache(); // as if another process asked
      const start = Date.now();
      assert.deepEqual(await dependencyStatus(REPO_ROOT, { env, cacheFile }), first);
      assert.ok(Date.now() - start < 50, 'read from the file, npm not run');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      clearDependencyCache();
    }
  });

  it('gives up on a registry that accepts connections but never answers', async () => {
    clearDependencyCache();
    const sockets: Socket[] = [];
    const server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const start = Date.now();
      const status = await dependencyStatus(REPO_ROOT, {
        env: { npm_config_registry: `http://127.0.0.1:${port}/` },
        timeoutMs: 1500,
      });
      const elapsed = Date.now() - start;
      assert.equal(status.status, 'unavailable');
      assert.ok(elapsed < 5000, `answered after ${elapsed} ms`);
    } finally {
      for (const socket of sockets) socket.destroy();
      server.close();
      clearDependencyCache();
    }
  });

  it('runs one npm for concurrent requests while the cache is cold, and keeps an "ok" answer another process wrote', async () => {
    clearDependencyCache();
    const dir = mkdtempSync(join(tmpdir(), 'deps-fake-npm-'));
    try {
      // a stand-in npm that counts its runs and answers "nothing outdated" after 300 ms
      const runs = join(dir, 'runs');
      writeFileSync(join(dir, 'npm'), `#!/bin/sh\necho run >> '${runs}'\nsleep 0.3\necho '{}'\n`);
      chmodSync(join(dir, 'npm'), 0o755);
      const env = { PATH: `${dir}:${process.env.PATH}` };
      const answers = await Promise.all(Array.from({ length: 20 }, () => dependencyStatus(REPO_ROOT, { env })));
      assert.equal(readFileSync(runs, 'utf8'), 'run\n', 'one npm process for 20 requests');
      assert.ok(answers.every((answer) => answer === answers[0] && answer.status === 'ok'));

      clearDependencyCache();
      // npm fails, but meanwhile another process wrote a fresh "ok" answer: that answer stays
      const cacheFile = join(dir, 'dependencies.json');
      writeFileSync(join(dir, 'ok.json'), JSON.stringify(answers[0]));
      writeFileSync(join(dir, 'npm'), `#!/bin/sh\ncp '${join(dir, 'ok.json')}' '${cacheFile}'\nexit 1\n`);
      assert.equal((await dependencyStatus(REPO_ROOT, { env, cacheFile })).status, 'ok');
      assert.equal(JSON.parse(readFileSync(cacheFile, 'utf8')).status, 'ok');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      clearDependencyCache();
    }
  });
});
