/**
 * POST /prediction decodes its body by one contract, express.json()'s, on both paths: the same odd
 * bodies (charsets, invalid UTF-8, byte-order marks, content encodings, content types, strict JSON)
 * sent to the fast path and to Express (a query string sends a request to Express) get the same status
 * and the same body. The cases the fast path must answer itself are checked to take it.
 */
import assert from 'node:assert/strict';
import { request, type IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isFastPrediction } from '../../src/api/fast-prediction.ts';
import { startTestServer, type TestServer } from '../helpers/api-server.ts';
import { ingestTrainScoreDeploy } from '../helpers/pipeline-steps.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';

let project: TempProject;
let api: TestServer;

before(async () => {
  project = makeTempProject();
  await ingestTrainScoreDeploy(project.config);
  api = await startTestServer(project.config);
});

after(async () => {
  await api.close();
  project.cleanup();
});

const JSON_TYPE = 'application/json';
const valid = (id: string) =>
  `{"records": [{"id": "${id}", "lastmonth_activity": 5, "lastyear_activity": 50, "number_of_employees": 7}]}`;
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Each case: its headers, its body, and whether the fast path answers it (else it is Express's). */
const CASES: { name: string; headers: Record<string, string>; body: Buffer; fast: boolean }[] = [
  { name: 'plain', headers: { 'content-type': JSON_TYPE }, body: utf8(valid('acme')), fast: true },
  {
    name: 'charset utf-8, quoted, upper case',
    headers: { 'content-type': 'Application/JSON; Charset="UTF-8"' },
    body: utf8(valid('acme')),
    fast: true,
  },
  {
    name: 'charset latin1',
    headers: { 'content-type': `${JSON_TYPE}; charset=latin1` },
    body: Buffer.from(valid('café'), 'latin1'),
    fast: false,
  },
  {
    name: 'charset utf8 (no hyphen)',
    headers: { 'content-type': `${JSON_TYPE}; charset=utf8` },
    body: utf8(valid('acme')),
    fast: false,
  },
  {
    name: 'charset utf-16le',
    headers: { 'content-type': `${JSON_TYPE}; charset=utf-16le` },
    body: Buffer.from(valid('acme'), 'utf16le'),
    fast: false,
  },
  {
    name: 'invalid UTF-8 inside a string',
    headers: { 'content-type': JSON_TYPE },
    body: Buffer.concat([utf8(valid('ac').slice(0, 21)), Buffer.from([0xff, 0xc0, 0x80]), utf8(valid('ac').slice(21))]),
    fast: true,
  },
  {
    name: 'invalid UTF-8 before the JSON',
    headers: { 'content-type': JSON_TYPE },
    body: Buffer.concat([Buffer.from([0xff]), utf8(valid('acme'))]),
    fast: true,
  },
  {
    name: 'a BOM',
    headers: { 'content-type': JSON_TYPE },
    body: Buffer.concat([BOM, utf8(valid('acme'))]),
    fast: true,
  },
  {
    name: 'two BOMs',
    headers: { 'content-type': JSON_TYPE },
    body: Buffer.concat([BOM, BOM, utf8(valid('acme'))]),
    fast: true,
  },
  {
    name: 'gzip',
    headers: { 'content-type': JSON_TYPE, 'content-encoding': 'gzip' },
    body: gzipSync(utf8(valid('acme'))),
    fast: false,
  },
  {
    name: 'gzip declared, body plain',
    headers: { 'content-type': JSON_TYPE, 'content-encoding': 'gzip' },
    body: utf8(valid('acme')),
    fast: false,
  },
  {
    name: 'identity',
    headers: { 'content-type': JSON_TYPE, 'content-encoding': 'IDENTITY' },
    body: utf8(valid('acme')),
    fast: true,
  },
  {
    name: 'unknown encoding',
    headers: { 'content-type': JSON_TYPE, 'content-encoding': 'compress' },
    body: utf8(valid('acme')),
    fast: false,
  },
  { name: 'text/plain', headers: { 'content-type': 'text/plain' }, body: utf8(valid('acme')), fast: false },
  { name: 'no content type', headers: {}, body: utf8(valid('acme')), fast: false },
  {
    name: 'application/json;',
    headers: { 'content-type': `${JSON_TYPE};` },
    body: utf8(valid('acme')),
    fast: false,
  },
  {
    name: 'a second parameter',
    headers: { 'content-type': `${JSON_TYPE}; charset=utf-8; charset=latin1` },
    body: utf8(valid('acme')),
    fast: false,
  },
  { name: 'empty body', headers: { 'content-type': JSON_TYPE }, body: Buffer.alloc(0), fast: true },
  { name: 'a string (strict)', headers: { 'content-type': JSON_TYPE }, body: utf8(' "records"'), fast: true },
  { name: 'a number (strict)', headers: { 'content-type': JSON_TYPE }, body: utf8('\n1'), fast: true },
  { name: 'broken JSON', headers: { 'content-type': JSON_TYPE }, body: utf8('{"records": ['), fast: true },
];

/** POSTs `body` with `headers` (and its length) to `path`; the status and the parsed answer. */
function post(path: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${api.url}${path}`,
      { method: 'POST', headers: { ...headers, 'content-length': String(body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('POST /prediction body decoding', () => {
  it('takes the plain UTF-8 JSON requests on the fast path, and leaves the others to Express', () => {
    for (const { name, headers, body, fast } of CASES) {
      const req = {
        method: 'POST',
        url: '/prediction',
        headers: { ...headers, 'content-length': String(body.length) },
      } as unknown as IncomingMessage;
      assert.equal(isFastPrediction(req), fast, name);
    }
  });

  it('answers every odd body the same on the fast path as through Express', async () => {
    const statuses: string[] = [];
    for (const { name, headers, body } of CASES) {
      const fast = await post('/prediction', headers, body);
      const viaExpress = await post('/prediction?via=express', headers, body);
      assert.deepEqual(fast, viaExpress, name);
      statuses.push(`${name}: ${fast.status}`);
    }
    assert.deepEqual(statuses, [
      'plain: 200',
      'charset utf-8, quoted, upper case: 200',
      'charset latin1: 415',
      'charset utf8 (no hyphen): 415',
      'charset utf-16le: 200',
      'invalid UTF-8 inside a string: 200',
      'invalid UTF-8 before the JSON: 400',
      'a BOM: 200',
      'two BOMs: 400',
      'gzip: 200',
      'gzip declared, body plain: 400',
      'identity: 200',
      'unknown encoding: 415',
      'text/plain: 415',
      'no content type: 415',
      'application/json;: 200',
      'a second parameter: 200',
      'empty body: 400',
      'a string (strict): 400',
      'a number (strict): 400',
      'broken JSON: 400',
    ]);
  });
});
