/**
 * Records and labels are counted in the raw body, before it is parsed (the review's cheap CPU attack:
 * JSON.parse built 340,000 empty records, ~100 ms a body, before the count was looked at): on both
 * /prediction paths and on /labels, such bodies are refused without JSON.parse ever seeing them, and
 * the scan skips strings (commas and brackets inside values count for nothing).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pastLimit } from '../../src/api/record-limits.ts';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/api-server.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';

const many = (n: number, element: string) => Array.from({ length: n }, () => element).join(',');

describe('pastLimit', () => {
  it('counts the elements of arrays under the top-level keys and all values, skipping strings', () => {
    const scan = (text: string, max: number) => pastLimit(Buffer.from(text), max);
    assert.deepEqual(scan(`{"records":[${many(11, '{}')}]}`, 10), { array: 'records' });
    assert.equal(scan(`{"records":[${many(10, '{}')}]}`, 10), null);
    assert.deepEqual(scan(`{"x":"a\\"b","labels":[${many(11, '1')}]}`, 10), { array: 'labels' });
    assert.equal(scan(`{"records":[{"id":"${',[{'.repeat(100)}"}]}`, 10), null, 'commas in a string');
    assert.deepEqual(scan(`[${many(90, '{}')}]`, 10), { values: 80 }, 'an array body');
    assert.deepEqual(scan(`{"records":[{"a":[${many(90, '1')}]}]}`, 10), { values: 80 }, 'deeper arrays');
    assert.equal(scan('{"records":[]}', 10), null, 'too short to hold more');
  });
});

describe('bodies of too many records are refused before they are parsed', () => {
  let project: TempProject;
  let api: TestServer;
  const parsedLengths: number[] = [];
  const parse = JSON.parse;

  before(async () => {
    project = makeTempProject();
    await runCycle(project.config);
    api = await startTestServer(project.config);
    JSON.parse = ((text: string, reviver?: Parameters<typeof parse>[1]) => {
      parsedLengths.push(String(text).length);
      return parse(text, reviver);
    }) as typeof JSON.parse;
  });
  after(async () => {
    JSON.parse = parse;
    await api.close();
    project.cleanup();
  });

  const empties = `{"records":[${many(340_000, '{}')}]}`;
  const cases: [string, string, string, RegExp][] = [
    ['fast path', '/prediction', empties, /^invalid request body: records: at most 10000 records per request$/],
    ['Express path', '/prediction?via=express', empties, /records: at most 10000 records/],
    ['labels', '/labels', `{"labels":[${many(340_000, '{}')}]}`, /labels: at most 10000 labels/],
    ['another key', '/prediction', `{"other":[${many(340_000, '0')}]}`, /other: at most 10000/],
    ['an array body', '/prediction', `[${many(340_000, '{}')}]`, /more than 80000 values/],
  ];
  for (const [what, path, body, pattern] of cases)
    it(`${what}: 400, and JSON.parse never sees the body`, async () => {
      parsedLengths.length = 0;
      const answer = await postJson(`${api.url}${path}`, body);
      assert.equal(answer.status, 400, answer.text);
      assert.match(answer.body.error, pattern);
      assert.ok(
        parsedLengths.every((length) => length < 100_000),
        `parsed ${Math.max(...parsedLengths)} characters`,
      );
    });

  it('10,000 empty records (under every limit) are refused by the first record, on both paths and for labels', async () => {
    for (const [path, field] of [
      ['/prediction', 'records'],
      ['/prediction?via=express', 'records'],
      ['/labels', 'labels'],
    ]) {
      const answer = await postJson(`${api.url}${path}`, `{"${field}":[${many(10_000, '{}')}]}`);
      assert.equal(answer.status, 400, answer.text);
      assert.match(answer.body.error, new RegExp(`^invalid request body: ${field}\\.0\\.`));
      const paths: string[] = answer.body.issues.map((issue: { path: string }) => issue.path);
      assert.ok(
        paths.every((p) => p.startsWith(`${field}.0.`)),
        `only the first element's issues: ${paths.join(', ')}`,
      );
    }
  });

  it('10,000 records with commas in their ids are answered', async () => {
    const record = '{"id":"a,b,[c]","lastmonth_activity":1,"lastyear_activity":2,"number_of_employees":3}';
    const answer = await postJson(`${api.url}/prediction`, `{"records":[${many(10_000, record)}]}`);
    assert.equal(answer.status, 200, answer.text.slice(0, 200));
    assert.equal(answer.body.predictions.length, 10_000);
  });
});
