/**
 * Hostile HTTP against the real server process (loopback only): slow-header and slow-body clients
 * (slowloris, 150 sockets), bodies over the 1 MB limit (declared and chunked), deeply nested JSON,
 * wrong content types, unicode and huge numbers in records, and 1,000 concurrent connections. The
 * server answers 4xx/503 where right, never a 5xx, keeps serving, does not crash, and its memory stays
 * bounded (RSS after minus RSS before < 150 MB).
 */
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ingestTrainScoreDeploy } from '../../test/helpers/pipeline-steps.ts';
import { makeTempProject, type TempProject } from '../../test/helpers/temp-project.ts';
import { mb, rssOf } from '../../test/reliability/helpers/process-stats.ts';
import { startServerProcess, type ServerProcess } from '../../test/reliability/helpers/server-process.ts';

const RSS_LIMIT = 150 * 1024 * 1024;
let project: TempProject;
let server: ServerProcess;
let rssBefore = 0;
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

/** One request; resolves with the status (or the error code when the request failed). */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer | Buffer[] } = {},
): Promise<{ status: number | string; body: string }> {
  const url = new URL(path, server.url);
  return new Promise((resolve) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ status: error.code ?? 'error', body }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: error.code ?? 'error', body: '' }));
    if (Array.isArray(options.body)) for (const chunk of options.body) req.write(chunk);
    else if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function postPrediction(
  body: string | Buffer | Buffer[],
  contentType = 'application/json',
  extra: Record<string, string> = {},
) {
  return send('/prediction', { method: 'POST', headers: { 'content-type': contentType, ...extra }, body });
}

const RECORD = { corporation: 'acme', lastmonth_activity: 10, lastyear_activity: 100, number_of_employees: 5 };

before(async () => {
  project = makeTempProject();
  await ingestTrainScoreDeploy(project.config);
  server = await startServerProcess(project.configFile);
  assert.equal((await postPrediction(JSON.stringify({ records: [RECORD] }))).status, 200);
  rssBefore = rssOf(server.child.pid!);
});

after(async () => {
  agent.destroy();
  await server?.stop();
  project?.cleanup();
});

describe('hostile HTTP', () => {
  it('slow clients (100 never finishing their headers, 50 trickling a body) are cut off; others are served meanwhile', async () => {
    const port = Number(new URL(server.url).port);
    const sockets: Array<{ socket: Socket; closedAt: number | null; answer: string }> = [];
    const started = Date.now();
    for (let i = 0; i < 150; i++) {
      const socket = connect(port, '127.0.0.1');
      const entry = { socket, closedAt: null as number | null, answer: '' };
      socket.on('data', (d) => (entry.answer += d));
      socket.on('close', () => (entry.closedAt = Date.now() - started));
      socket.on('error', () => {});
      socket.write(
        i < 100
          ? 'POST /prediction HTTP/1.1\r\nHost: x\r\n'
          : 'POST /prediction HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"records":',
      );
      sockets.push(entry);
    }
    const trickle = setInterval(() => {
      for (const [i, s] of sockets.entries())
        if (s.closedAt === null && !s.socket.destroyed) s.socket.write(i < 100 ? 'X-Slow: 1\r\n' : ' ');
    }, 500);
    try {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const t = Date.now();
      assert.equal(
        (await postPrediction(JSON.stringify({ records: [RECORD] }))).status,
        200,
        'a normal client is served while slow clients hold sockets',
      );
      assert.ok(Date.now() - t < 2000);
      const deadline = Date.now() + 40_000;
      while (Date.now() < deadline && sockets.some((s) => s.closedAt === null))
        await new Promise((resolve) => setTimeout(resolve, 250));
    } finally {
      clearInterval(trickle);
      for (const s of sockets) s.socket.destroy();
    }
    const open = sockets.filter((s) => s.closedAt === null).length;
    const slowest = Math.max(...sockets.map((s) => s.closedAt ?? Infinity));
    console.log(
      JSON.stringify({
        slow_sockets: sockets.length,
        still_open_after_40s: open,
        last_closed_after_ms: slowest,
        answers: [...new Set(sockets.map((s) => s.answer.split('\r\n')[0]))],
      }),
    );
    assert.equal(open, 0, `${open} slow sockets still open after 40 s`);
    for (const s of sockets) assert.doesNotMatch(s.answer, /^HTTP\/1\.1 5/, 'a slow client got a 5xx');
  });

  it('bodies over the limit are 413 (declared, chunked, 5 MB), and the server keeps serving', async () => {
    const big = JSON.stringify({ records: Array.from({ length: 30_000 }, () => RECORD) });
    assert.ok(big.length > 1024 * 1024);
    assert.equal((await postPrediction(big)).status, 413);
    const chunks = Array.from({ length: 80 }, () => Buffer.alloc(64 * 1024, 32));
    const chunked = await postPrediction(chunks);
    assert.ok(
      chunked.status === 413 || chunked.status === 'ECONNRESET' || chunked.status === 'EPIPE',
      String(chunked.status),
    );
    assert.equal(
      (await send('/prediction?x=1', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big }))
        .status,
      413,
    );
    assert.equal((await postPrediction(JSON.stringify({ records: [RECORD] }))).status, 200);
  });

  it('deeply nested JSON (100,000 levels) is a 400 on both paths', async () => {
    for (const depth of [1000, 100_000]) {
      const nested = `{"records":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const fast = await postPrediction(nested);
      const slow = await send('/prediction?via=express', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: nested,
      });
      assert.equal(fast.status, 400, `fast path, depth ${depth}: ${fast.body.slice(0, 200)}`);
      assert.equal(slow.status, 400, `Express path, depth ${depth}: ${slow.body.slice(0, 200)}`);
      const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      assert.equal((await postPrediction(objects)).status, 400);
    }
  });

  it('wrong content types are 415 or 400, never 5xx', async () => {
    const body = JSON.stringify({ records: [RECORD] });
    const types = [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      '',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/jsonx',
      'APPLICATION/JSON',
    ];
    for (const type of types) {
      const { status, body: answer } = await postPrediction(body, type);
      assert.ok(
        status === 200 || status === 400 || status === 415,
        `content-type '${type}': ${status} ${answer.slice(0, 200)}`,
      );
    }
    const gz = await postPrediction(body, 'application/json', { 'content-encoding': 'gzip' });
    assert.ok(gz.status === 400 || gz.status === 415, `gzip claimed: ${gz.status}`);
  });

  it('unicode, control characters and huge numbers in records are 200 or 400, never 5xx', async () => {
    const values = [
      '1e309',
      '-1e309',
      '1e-400',
      '-0',
      '18446744073709551616',
      '9007199254740993',
      '1.5',
      '"12"',
      'null',
      'true',
      '[]',
      '{}',
      '"\\u0000"',
      '"𝕏é\\ud800"',
    ];
    for (const value of values) {
      for (const field of ['lastmonth_activity', 'number_of_employees', 'corporation']) {
        const text = `{"records":[{"corporation":"acme","lastmonth_activity":10,"lastyear_activity":100,"number_of_employees":5,"${field}":${value}}]}`;
        const { status, body } = await postPrediction(text);
        assert.ok(status === 200 || status === 400, `${field}=${value}: ${status} ${body.slice(0, 200)}`);
      }
    }
    const weirdKeys = await postPrediction(
      '{"records":[{"__proto__":{"x":1},"constructor":1,"corporation":"\\u202e","lastmonth_activity":1,"lastyear_activity":1,"number_of_employees":1}]}',
    );
    assert.ok(weirdKeys.status === 200 || weirdKeys.status === 400);
  });

  it('1,000 concurrent connections: every request answered (200 or 503), no failure', async () => {
    const body = JSON.stringify({ records: [RECORD] });
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? send('/health') : postPrediction(body))),
    );
    const counts = new Map<string, number>();
    for (const r of results) counts.set(String(r.status), (counts.get(String(r.status)) ?? 0) + 1);
    console.log(JSON.stringify({ concurrent: results.length, statuses: Object.fromEntries(counts) }));
    assert.ok(
      results.every((r) => r.status === 200 || r.status === 503),
      JSON.stringify([...counts]),
    );
  });

  it('the server is still up, never logged an unexpected error, and its RSS stayed bounded', async () => {
    assert.equal(server.child.exitCode, null, 'the server process exited');
    assert.equal((await send('/health')).status, 200);
    const rssAfter = rssOf(server.child.pid!);
    console.log(JSON.stringify({ server_rss_mb: { before: mb(rssBefore), after: mb(rssAfter) } }));
    assert.ok(rssAfter - rssBefore < RSS_LIMIT, `RSS grew from ${mb(rssBefore)} MB to ${mb(rssAfter)} MB`);
    assert.doesNotMatch(server.stderr(), /unexpected error/);
  });
});
