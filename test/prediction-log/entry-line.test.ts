import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBatch, type LogEntry, SegmentParser } from '../../src/prediction-log/entry-line.ts';
import { makeBatch } from './helpers/batches.ts';

const T0 = Date.parse('2026-12-01T07:00:00.000Z');
const DAY_START = Date.parse('2026-12-01T00:00:00.000Z');
const WHOLE_DAY = { dayStart: DAY_START, from: DAY_START, to: DAY_START + 86_400_000 };

/** Parses `pieces` in order with one parser; the entries as plain objects and the counts. */
function parseAll(pieces: string[], range = WHOLE_DAY) {
  const entries: (Omit<LogEntry, 'features'> & { features: number[] })[] = [];
  const parser = new SegmentParser(range, (entry) => entries.push({ ...entry, features: [...entry.features] }));
  for (const piece of pieces) parser.parse(piece);
  return { entries, counts: parser.counts };
}

const HEAD = '{"time":"2026-12-01T07:00:00.000Z","request_id":"r","model_id":"m","rows":2}\n';

describe('prediction log line format', () => {
  it('writes a header per request, then a line per entry in the shortest round-trip number form', () => {
    const text = formatBatch(
      makeBatch(T0 + 7, 'r"1', [
        { id: null, features: [1e21, 0, 2 ** 53 - 1], probability: 0.1 + 0.2, prediction: 1 },
        { id: 'a\nb\tc', features: [-0, 5e-324, 3], probability: 1, prediction: 0 },
      ]),
    );
    assert.equal(
      text,
      '{"time":"2026-12-01T07:00:00.007Z","request_id":"r\\"1","model_id":"model-1","rows":2}\n' +
        '\t1e+21\t0\t9007199254740991\t0.30000000000000004\t1\n' +
        '"a\\nb\\tc"\t0\t5e-324\t3\t1\t0\n',
    );
    const { entries, counts } = parseAll([text]);
    assert.deepEqual(counts, { entries: 2, skipped: 0 });
    assert.deepEqual(entries[1], {
      time: T0 + 7,
      requestId: 'r"1',
      modelId: 'model-1',
      id: 'a\nb\tc',
      features: [0, 5e-324, 3],
      probability: 1,
      prediction: 0,
    });
    assert.equal(entries[0]!.probability, 0.1 + 0.2, 'doubles come back bit-exact');
    assert.equal(entries[0]!.id, null);
  });

  it('cuts ids to 200 characters; a non-finite number makes a line reading refuses and counts', () => {
    const text = formatBatch(
      makeBatch(T0, 'r', [
        { id: 'x'.repeat(250), features: [1, 2, 3], probability: 0.5, prediction: 1 },
        { id: 'y', features: [1, 2, 3], probability: Number.NaN, prediction: 1 },
      ]),
    );
    const { entries, counts } = parseAll([text]);
    assert.deepEqual(counts, { entries: 1, skipped: 1 });
    assert.equal(entries[0]!.id, 'x'.repeat(200));
    assert.match(text.split('\n')[2]!, /\tNaN\t/);
  });

  it('hands over only the entries in [from, to), counting every valid line', () => {
    const text = [0, 1, 2, 3]
      .map((k) => formatBatch(makeBatch(T0 + k, `r${k}`, [{ features: [k, 0, 0], probability: 0, prediction: 0 }])))
      .join('');
    const { entries, counts } = parseAll([`${text}oops`], { ...WHOLE_DAY, from: T0 + 1, to: T0 + 3 });
    assert.deepEqual(
      entries.map((e) => e.requestId),
      ['r1', 'r2'],
    );
    assert.deepEqual(counts, { entries: 4, skipped: 1 });
  });

  it('keeps a request together across pieces, and reads a torn last line as unreadable', () => {
    const text = formatBatch(
      makeBatch(T0, 'r', [
        { id: 'a', features: [1, 2, 3], probability: 0.25, prediction: 0 },
        { id: 'b', features: [4, 5, 6], probability: 0.75, prediction: 1 },
      ]),
    );
    const [head, first, second] = text.split('\n');
    const whole = parseAll([`${head}\n`, `${first}\n${second}\n`]);
    assert.deepEqual(
      whole.entries.map((e) => e.id),
      ['a', 'b'],
    );
    const torn = parseAll([`${head}\n${first}\n${second!.slice(0, -3)}`]);
    assert.deepEqual(torn.counts, { entries: 1, skipped: 1 });
  });

  it('counts record lines without a valid header, beyond its rows, or with a bad field', () => {
    const good = 'x\t1\t2\t3\t0.5\t1\n'.replace('x', '"x"');
    const cases: [string, { entries: number; skipped: number }][] = [
      [good, { entries: 0, skipped: 1 }], // no header yet
      [`${HEAD}${good}${good}${good}`, { entries: 2, skipped: 1 }], // a third record for rows: 2
      [`${HEAD.replace('07:00', '7:00')}${good}`, { entries: 0, skipped: 2 }], // a bad header orphans its records
      [`${HEAD.replace('2026-12-01', '2026-12-02')}${good}`, { entries: 0, skipped: 2 }], // a time outside the day
      [`${HEAD.replace('"rows":2', '"rows":0')}${good}`, { entries: 0, skipped: 2 }],
      [`${HEAD}x\t1\t2\t3\t0.5\t1\n`, { entries: 0, skipped: 1 }], // an id not in JSON
      [`${HEAD}"${'y'.repeat(201)}"\t1\t2\t3\t0.5\t1\n`, { entries: 0, skipped: 1 }], // an id too long
      [`${HEAD}\t\t2\t3\t0.5\t1\n`, { entries: 0, skipped: 1 }], // an empty number
      [`${HEAD}\t0x1\t2\t3\t0.5\t1\n`, { entries: 0, skipped: 1 }], // not a JSON number
      [`${HEAD}\t-1\t2\t3\t0.5\t1\n`, { entries: 0, skipped: 1 }], // a negative count
      [`${HEAD}\t1\t2\t3\t1.5\t1\n`, { entries: 0, skipped: 1 }], // a probability above 1
      [`${HEAD}\t1\t2\t3\t0.5\t2\n`, { entries: 0, skipped: 1 }], // a class other than 0 and 1
      [`${HEAD}\t1\t2\t3\t0.5\n`, { entries: 0, skipped: 1 }], // a field missing
      [`${HEAD}\t1\t2\t3\t0.5\t1\t\n`, { entries: 0, skipped: 1 }], // a field too many
    ];
    for (const [text, expected] of cases) assert.deepEqual(parseAll([text]).counts, expected, JSON.stringify(text));
  });
});
