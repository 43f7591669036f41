import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readCsvFile } from '../../src/data/csv-file.ts';
import type { ValidRecord } from '../../src/data/record-validate.ts';

const dir = mkdtempSync(join(tmpdir(), 'csv-file-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const HEADER = 'corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited';

async function read(name: string, content: string | Buffer) {
  const path = join(dir, name);
  writeFileSync(path, content);
  const rows: ValidRecord[] = [];
  const report = await readCsvFile(path, (r) => rows.push({ id: r.id, values: { ...r.values } }));
  return { report, rows };
}

describe('readCsvFile', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and counts lines across them', async () => {
    const { report, rows } = await read('quoted.csv', `${HEADER}\n"a, b",1,2,3,0\n"say ""hi""",4,5,6,1\n"two\nlines",7,8,9,0\nbad,x,1,1,1\n`);
    assert.deepEqual(rows.map((r) => r.id), ['a, b', 'say "hi"', 'two\nlines']);
    assert.deepEqual(rows[1]?.values, { lastmonth_activity: 4, lastyear_activity: 5, number_of_employees: 6, exited: 1 });
    assert.equal(report.rowsRejected, 1);
    assert.deepEqual(report.rejects[0], { file: 'quoted.csv', line: 6, column: 'lastmonth_activity', value: 'x', reason: 'expected a non-negative integer' });
  });

  it('accepts a UTF-8 byte-order mark and Windows line endings', async () => {
    const { report, rows } = await read('bom.csv', `\ufeff${HEADER}\r\nabc,1,2,3,1\r\ndef,4,5,6,0\r\n`);
    assert.equal(report.skipped, null);
    assert.equal(report.rowsRejected, 0);
    assert.deepEqual(rows.map((r) => [r.id, r.values.exited]), [['abc', 1], ['def', 0]]);
  });

  it('accepts columns in another order and extra columns, and skips blank lines', async () => {
    const { rows, report } = await read('order.csv', `exited,note,number_of_employees,corporation,lastyear_activity,lastmonth_activity\n1,x,3,abc,2,1\n\n0,y,6,def,5,4`);
    assert.equal(report.rowsRead, 2);
    assert.deepEqual(rows[0]?.values, { lastmonth_activity: 1, lastyear_activity: 2, number_of_employees: 3, exited: 1 });
    assert.equal(rows[1]?.id, 'def');
  });

  it('rejects negative, fractional, huge and hexadecimal counts that DuckDB would coerce, but accepts 12.0', async () => {
    const { rows, report } = await read('numbers.csv', `${HEADER}\na,-1,2,3,0\nb,1.5,2,3,0\nc,0x10,2,3,0\nd,99999999999999999999,2,3,0\ne,12.0,2,3,1\nf, 7 ,2,3,1\n`);
    assert.deepEqual(rows.map((r) => [r.id, r.values.lastmonth_activity]), [['e', 12], ['f', 7]]);
    assert.deepEqual(report.rejects.map((r) => [r.line, r.value, r.reason]), [
      [2, '-1', 'negative count, expected a non-negative integer'],
      [3, '1.5', 'not a whole number, expected a non-negative integer'],
      [4, '0x10', 'expected a non-negative integer'],
      [5, '99999999999999999999', 'larger than 9007199254740991'],
    ]);
  });

  it('reports every bad column of a row and an unterminated quote at the end of the file', async () => {
    const { report } = await read('multi.csv', `${HEADER}\nok,1,2,3,1\nbad,,two,3,7\n"open,1,2,3,1\n`);
    assert.equal(report.rowsValid, 1);
    assert.equal(report.rowsRejected, 2);
    assert.deepEqual(report.rejects.map((r) => [r.line, r.column, r.reason]), [
      [3, 'lastmonth_activity', 'missing value'],
      [3, 'lastyear_activity', 'expected a non-negative integer'],
      [3, 'exited', 'label must be 0 or 1'],
      [4, 'corporation', 'unterminated quoted field'],
    ]);
  });

  it('skips a binary file and an empty file whole', async () => {
    assert.match((await read('binary.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 10, 0, 44]))).report.skipped ?? '', /binary content/);
    assert.match((await read('empty.csv', '')).report.skipped ?? '', /empty file/);
  });

  it('reads a file larger than one read chunk with records across chunk boundaries', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 60_000; i++) lines.push(`"corp ${i}, inc",${i},${i * 2},${i % 97},${i % 2}`);
    const { rows, report } = await read('large.csv', `${lines.join('\r\n')}\r\n`);
    assert.equal(report.rowsRejected, 0);
    assert.equal(rows.length, 60_000);
    assert.equal(rows[59_999]?.id, 'corp 59999, inc');
    assert.equal(rows[31_337]?.values.lastyear_activity, 62_674);
  });
});
