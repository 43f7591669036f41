import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labelLine, parseLabelLine } from '../../src/labels/label-line.ts';
import { parseObservedAt } from '../../src/labels/observed-at.ts';

describe('label lines', () => {
  it('round-trips ids with tabs, line breaks, quotes, backslashes and non-ASCII characters', () => {
    for (const id of ['acme', 'a\tb', 'line\nbreak', 'say "hi"', 'back\\slash', 'Zürich 株式会社', 'x'.repeat(200)]) {
      const label = { id, exited: 1 as const, observedAt: Date.UTC(2027, 2, 1) };
      const line = labelLine(label, 5, 'file.csv');
      assert.equal(line.split('\n').length, 2, 'one line');
      assert.deepEqual(parseLabelLine(line.slice(0, -1)), label);
    }
  });

  it('refuses lines that are not labels: torn, wrong field count, bad exited or time, id too long', () => {
    const good = labelLine({ id: 'acme', exited: 0, observedAt: 1000 }, 5, 'api').slice(0, -1);
    assert.deepEqual(parseLabelLine(good), { id: 'acme', exited: 0, observedAt: 1000 });
    for (const bad of [
      good.slice(0, -3),
      '',
      '1000\t0\t5\t"api"',
      '1000\t2\t5\t"api"\t"acme"',
      'x\t0\t5\t"api"\t"acme"',
      '\t0\t5\t"api"\t"acme"',
      '1000\t0\t5\t"api"\t""',
      `1000\t0\t5\t"api"\t"${'x'.repeat(201)}"`,
      '1000\t0\t5\t"api"\t"bad\\q"',
    ])
      assert.equal(parseLabelLine(bad), null, JSON.stringify(bad));
  });
});

describe('parseObservedAt', () => {
  it('reads dates as UTC midnight and date-times with an offset', () => {
    assert.equal(parseObservedAt('2027-03-01'), Date.UTC(2027, 2, 1));
    assert.equal(parseObservedAt('2027-03-01T00:00:00Z'), Date.UTC(2027, 2, 1));
    assert.equal(parseObservedAt(' 2027-03-01T09:30:00.5+01:00 '), Date.UTC(2027, 2, 1, 8, 30, 0, 500));
    assert.equal(parseObservedAt('2027-03-01T10:15Z'), Date.UTC(2027, 2, 1, 10, 15));
  });

  it('says why anything else is refused', () => {
    assert.equal(parseObservedAt(''), 'missing value');
    for (const bad of ['2027-02-30', '2027-03-01T00:00:00', '01/03/2027', 'tomorrow', '2027-13-01', '1969-12-31'])
      assert.equal(typeof parseObservedAt(bad), 'string', bad);
  });
});
