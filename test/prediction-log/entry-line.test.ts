import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBatch, type LogEntry, parseSegmentText } from '../../src/prediction-log/entry-line.ts';
import { makeBatch } from './helpers/batches.ts';

const T0 = Date.parse('2026-12-01T07:00:00.000Z');
const DAY_START = Date.parse('2026-12-01T00:00:00.000Z');
const WHOLE_DAY = { dayStart: DAY_START, from: DAY_START, to: DAY_START + 86_400_000 };

function parseAll(text: string, range = WHOLE_DAY) {
  const entries: Omit<LogEntry, 'features'>[] = [];
  const counts = parseSegmentText(text, range, ({ features: _features, ...rest }) => entries.push({ ...rest }));
  return { entries, counts };
}

describe('prediction log line format', () => {
  it('writes one line per entry in the shortest round-trip number form', () => {
    const text = formatBatch(
      makeBatch(T0 + 7, 'r"1', [
        { id: null, features: [1e21, 0, 2 ** 53 - 1], probability: 0.1 + 0.2, prediction: 1 },
        { id: 'a\nb', features: [-0, 5e-324, 3], probability: 1, prediction: 0 },
      ]),
    );
    assert.equal(
      text,
      '{"time":"2026-12-01T07:00:00.007Z","request_id":"r\\"1","model_id":"model-1","id":null,"lastmonth_activity":1e+21,"lastyear_activity":0,"number_of_employees":9007199254740991,"probability":0.30000000000000004,"prediction":1}\n' +
        '{"time":"2026-12-01T07:00:00.007Z","request_id":"r\\"1","model_id":"model-1","id":"a\\nb","lastmonth_activity":0,"lastyear_activity":5e-324,"number_of_employees":3,"probability":1,"prediction":0}\n',
    );
  });

  it('cuts ids to 200 characters; a non-finite number makes a line reading refuses and counts', () => {
    const text = formatBatch(
      makeBatch(T0, 'r', [
        { id: 'x'.repeat(250), features: [1, 2, 3], probability: 0.5, prediction: 1 },
        { id: 'y', features: [1, 2, 3], probability: Number.NaN, prediction: 1 },
      ]),
    );
    const { entries, counts } = parseAll(text);
    assert.deepEqual(counts, { entries: 1, skipped: 1 });
    assert.equal(entries[0]!.id, 'x'.repeat(200));
    assert.match(text.split('\n')[1]!, /"probability":NaN/);
  });

  it('hands over only the entries in [from, to), counting every valid line', () => {
    const text = [0, 1, 2, 3]
      .map((k) => formatBatch(makeBatch(T0 + k, `r${k}`, [{ features: [k, 0, 0], probability: 0, prediction: 0 }])))
      .join('');
    const { entries, counts } = parseAll(`${text}oops`, { ...WHOLE_DAY, from: T0 + 1, to: T0 + 3 });
    assert.deepEqual(
      entries.map((e) => e.requestId),
      ['r1', 'r2'],
    );
    assert.deepEqual(counts, { entries: 4, skipped: 1 });
  });
});
