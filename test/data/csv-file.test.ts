import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readCsvFile, type ReadCsvOptions } from '../../src/data/csv-file.ts';
import { NUMERIC_COLUMNS, type NumericColumn } from '../../src/data/schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'csv-file-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const HEADER = 'corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited';

/** A valid record as the tests look at it: the id and the values by column name. */
interface Row {
  id: string | null;
  values: Record<NumericColumn, number>;
}

async function readWith(path: string, options: ReadCsvOptions) {
  const rows: Row[] = [];
  const report = await readCsvFile(
    path,
    (r) =>
      rows.push({
        id: r.id,
        values: Object.fromEntries(NUMERIC_COLUMNS.map((c, k) => [c, r.values[k]!])) as Row['values'],
      }),
    options,
  );
  return { report, rows };
}

/** Reads `content` as file `name`; the byte path and the text path must find exactly the same. */
async function read(name: string, content: string | Buffer) {
  const path = join(dir, name);
  writeFileSync(path, content);
  const result = await readWith(path, {});
  assert.deepEqual(await readWith(path, { textOnly: true }), result, 'the byte path and the text path disagree');
  return result;
}

describe('readCsvFile', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and counts lines across them', async () => {
    const { report, rows } = await read(
      'quoted.csv',
      `${HEADER}\n"a, b",1,2,3,0\n"say ""hi""",4,5,6,1\n"two\nlines",7,8,9,0\nbad,x,1,1,1\n`,
    );
    assert.deepEqual(
      rows.map((r) => r.id),
      ['a, b', 'say "hi"', 'two\nlines'],
    );
    assert.deepEqual(rows[1]?.values, {
      lastmonth_activity: 4,
      lastyear_activity: 5,
      number_of_employees: 6,
      exited: 1,
    });
    assert.equal(report.rowsRejected, 1);
    assert.deepEqual(report.rejects[0], {
      file: 'quoted.csv',
      line: 6,
      column: 'lastmonth_activity',
      value: 'x',
      reason: 'expected a non-negative integer',
    });
  });

  it('accepts a UTF-8 byte-order mark and Windows line endings', async () => {
    const { report, rows } = await read('bom.csv', `\ufeff${HEADER}\r\nabc,1,2,3,1\r\ndef,4,5,6,0\r\n`);
    assert.equal(report.skipped, null);
    assert.equal(report.rowsRejected, 0);
    assert.deepEqual(
      rows.map((r) => [r.id, r.values.exited]),
      [
        ['abc', 1],
        ['def', 0],
      ],
    );
  });

  it('accepts columns in another order and extra columns, and skips blank lines', async () => {
    const { rows, report } = await read(
      'order.csv',
      `exited,note,number_of_employees,corporation,lastyear_activity,lastmonth_activity\n1,x,3,abc,2,1\n\n0,y,6,def,5,4`,
    );
    assert.equal(report.rowsRead, 2);
    assert.deepEqual(rows[0]?.values, {
      lastmonth_activity: 1,
      lastyear_activity: 2,
      number_of_employees: 3,
      exited: 1,
    });
    assert.equal(rows[1]?.id, 'def');
  });

  it('rejects negative, fractional, huge and hexadecimal counts that DuckDB would coerce, but accepts 12.0', async () => {
    const { rows, report } = await read(
      'numbers.csv',
      `${HEADER}\na,-1,2,3,0\nb,1.5,2,3,0\nc,0x10,2,3,0\nd,99999999999999999999,2,3,0\ne,12.0,2,3,1\nf, 7 ,2,3,1\n`,
    );
    assert.deepEqual(
      rows.map((r) => [r.id, r.values.lastmonth_activity]),
      [
        ['e', 12],
        ['f', 7],
      ],
    );
    assert.deepEqual(
      report.rejects.map((r) => [r.line, r.value, r.reason]),
      [
        [2, '-1', 'negative count, expected a non-negative integer'],
        [3, '1.5', 'not a whole number, expected a non-negative integer'],
        [4, '0x10', 'expected a non-negative integer'],
        [5, '99999999999999999999', 'larger than 9007199254740991'],
      ],
    );
  });

  it('reports every bad column of a row and an unterminated quote at the end of the file', async () => {
    const { report } = await read('multi.csv', `${HEADER}\nok,1,2,3,1\nbad,,two,3,7\n"open,1,2,3,1\n`);
    assert.equal(report.rowsValid, 1);
    assert.equal(report.rowsRejected, 2);
    assert.deepEqual(
      report.rejects.map((r) => [r.line, r.column, r.reason]),
      [
        [3, 'lastmonth_activity', 'missing value'],
        [3, 'lastyear_activity', 'expected a non-negative integer'],
        [3, 'exited', 'label must be 0 or 1'],
        [4, 'corporation', 'unterminated quoted field'],
      ],
    );
  });

  it('skips a binary file and an empty file whole', async () => {
    assert.match(
      (await read('binary.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 10, 0, 44]))).report.skipped ?? '',
      /binary content/,
    );
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

  describe('plain lines (read as bytes) give what the text parser gives', () => {
    /** `count` plain rows, row i being `row(i)`, after the header. */
    const plainFile = (count: number, row: (i: number) => string) =>
      `${HEADER}\n${Array.from({ length: count }, (_, i) => row(i)).join('\n')}\n`;

    it('on lines with odd values: spaces, zeros, fractions, signs, long digit strings, bad labels, field counts', async () => {
      const odd = [
        ' 1',
        '1 ',
        '007',
        '0',
        '1.0',
        '1.5',
        '-1',
        '+1',
        '1e3',
        '0x10',
        '',
        '123456789012345',
        '1234567890123456',
        '99999999999999999',
      ];
      const labels = ['0', '1', '00', '01', '2', ' 1', '', 'x'];
      const rows = [
        ...odd.map((v, i) => `id${i},${v},2,3,1`),
        ...labels.map((l, i) => `label${i},1,2,3,${l}`),
        'short,1,2,3',
        'long,1,2,3,1,9',
        ',1,2,3,0',
        'naïve café,4,5,6,1',
        '   ,1,1,1,1',
        '',
      ];
      const { report, rows: valid } = await read('odd.csv', `${HEADER}\n${rows.join('\n')}\n`);
      assert.ok(report.rowsRejected > 10 && valid.length > 5);
      assert.equal(valid.find((r) => r.id === 'id2')?.values.lastmonth_activity, 7);
      assert.equal(
        valid.find((r) => r.values.lastmonth_activity === 1 && r.values.exited === 0 && r.id === null)?.id,
        null,
        'an empty id is no id',
      );
    });

    it('across chunks, with the header in another column order and an extra column', async () => {
      const header = 'exited,extra,number_of_employees,corporation,lastyear_activity,lastmonth_activity';
      const lines = [
        header,
        ...Array.from({ length: 150_000 }, (_, i) =>
          i % 9973 === 0 ? `${i % 2},x,${i},bad${i},1.5,${i}` : `${i % 2},x,${i % 50},c${i},${i * 3},${i}`,
        ),
      ];
      const { report, rows } = await read('big-plain.csv', `${lines.join('\n')}\n`);
      assert.equal(report.rowsRead, 150_000);
      assert.equal(report.rowsRejected, 16);
      assert.equal(rows[0]?.id, 'c1');
      assert.deepEqual(report.rejects[1], {
        file: 'big-plain.csv',
        line: 9975,
        column: 'lastyear_activity',
        value: '1.5',
        reason: 'not a whole number, expected a non-negative integer',
      });
    });

    for (const [what, late] of [
      ['a quoted field', '"late, quoted",1,2,3,1'],
      ['a Windows line ending', 'late,1,2,3,1\r'],
      ['a quoted field over two lines', '"late\nline",1,2,3,1'],
    ] as const) {
      it(`when ${what} turns up after the first read chunk`, async () => {
        const content = `${plainFile(80_000, (i) => `c${i},${i},${i},${i % 7},${i % 2}`)}${late}\nafter,x,1,1,1\nlast,9,9,9,0\n`;
        const { report, rows } = await read('late.csv', content);
        assert.equal(rows.at(-1)?.id, 'last');
        assert.equal(report.rejects[0]?.value, 'x');
      });
    }

    for (const [what, special] of [
      ['a quoted line', '"straddling, quoted",1,2,3,1\n'],
      ['a Windows line ending', 'straddling,1,2,3,1\r\n'],
      ['a bad value', 'straddling,1,2.5,3,1\n'],
    ] as const) {
      it(`when ${what} straddles the first read chunk's end (1 MiB)`, async () => {
        for (const offset of [1, 5, special.length - 1]) {
          let content = `${HEADER}\n`;
          for (let i = 0; content.length < (1 << 20) - offset - 40; i++) content += `c${i},${i},${i},1,0\n`;
          content += 'pad,1,1,1,1\n'.padStart((1 << 20) - offset - content.length, 'p'); // the special line starts `offset` bytes before 1 MiB
          const { rows } = await read('straddle.csv', `${content}${special}after,1,1,1,0\n`);
          assert.equal(rows.at(-1)?.id, 'after');
        }
      });
    }

    it('with a byte-order mark, a blank first line, a header alone, a last line without a line break, and a bad UTF-8 id', async () => {
      await read('bom.csv', `\ufeff${plainFile(3, (i) => `b${i},1,2,3,1`)}`);
      await read('blank-first.csv', `\n${plainFile(3, (i) => `b${i},1,2,3,1`)}`);
      await read('header-only.csv', `${HEADER}\n`);
      await read('no-newline.csv', `${HEADER}\na,1,2,3,1\nb,4,5,6,0`);
      await read(
        'bad-utf8.csv',
        Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from([0x61, 0xc3, 0x28, 0xff]), Buffer.from(',1,2,3,1\n')]),
      );
    });
  });
});
