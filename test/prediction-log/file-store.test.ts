import assert from 'node:assert/strict';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RefusedFileError } from '../../src/data/open-regular-file.ts';
import { CorruptFileError } from '../../src/errors.ts';
import { formatBatch } from '../../src/prediction-log/entry-line.ts';
import { FilePredictionLogStore } from '../../src/prediction-log/file-store.ts';
import { entriesOf, makeBatch, plainRows, simpleBatch, tempLogFolder } from './helpers/batches.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-01T07:00:00.000Z');

/** The names in `folder/day`, sorted. */
function dayFiles(folder: string, day: string): string[] {
  return readdirSync(join(folder, day)).sort();
}

/** Runs `work` with a fresh store on a temporary log folder, then closes and removes both. */
async function withStore(work: (store: FilePredictionLogStore, folder: string, dir: string) => Promise<void>) {
  const temp = tempLogFolder();
  const store = new FilePredictionLogStore(temp.folder);
  try {
    await work(store, temp.folder, temp.dir);
  } finally {
    await store.close();
    temp.cleanup();
  }
}

describe('file prediction log store: appending and reading', () => {
  it('reads back what was appended, bit-exact, with null, unicode and quoted ids', () =>
    withStore(async (store, folder) => {
      const hard = [0.1 + 0.2, 5e-324, 1 - 2 ** -53, Math.random(), 1 / 3, 0, 1];
      const ids = [null, 'acme "quoted" \\ back', '日本語 😀', 'line\nbreak\u2028', '', 'x'.repeat(200), 'plain'];
      const first = makeBatch(
        T0 + 123,
        'req-1',
        hard.map((probability, i) => ({
          id: ids[i]!,
          features: [i, Number.MAX_SAFE_INTEGER, Math.random() * 1e300] as [number, number, number],
          probability,
          prediction: i % 2,
        })),
        'model-ü',
      );
      const second = { ...simpleBatch(T0 + 500, 'req-2', 10), ids: null };
      await store.append([first, second]);

      const files = dayFiles(folder, '2026-12-01');
      assert.equal(files.length, 1);
      assert.match(files[0]!, /^\d{8}T\d{9}Z-\d+-[0-9a-f]{8}\.log$/);
      const text = readFileSync(join(folder, '2026-12-01', files[0]!), 'utf8');
      assert.equal(text.split('\n').length - 1, 2 + 17, 'a header per request, a line per entry');
      assert.deepEqual(JSON.parse(text.split('\n')[0]!), {
        time: '2026-12-01T07:00:00.123Z',
        request_id: 'req-1',
        model_id: 'model-ü',
        rows: 7,
      });
      assert.equal(statSync(join(folder, '2026-12-01', files[0]!)).mode & 0o777, 0o600);
      assert.equal(statSync(join(folder, '2026-12-01')).mode & 0o777, 0o700);

      const rows = await store.read({ from: 0, to: Number.POSITIVE_INFINITY });
      assert.equal(rows.skipped, 0);
      assert.deepEqual(plainRows(rows), [...entriesOf(first), ...entriesOf(second)]);
      assert.deepEqual(await store.bounds(), { first: T0 + 123, last: T0 + 500, rows: 17 });
    }));

  it('puts each entry in the folder of its own UTC day', () =>
    withStore(async (store, folder) => {
      const midnight = Date.parse('2026-12-02T00:00:00.000Z');
      await store.append([simpleBatch(midnight - 1, 'late', 2), simpleBatch(midnight, 'early', 3)]);
      assert.deepEqual(readdirSync(folder).sort(), ['2026-12-01', '2026-12-02']);
      const day1 = await store.read({ from: midnight - DAY, to: midnight });
      assert.deepEqual(day1.requestId, ['late', 'late']);
      const day2 = await store.read({ from: midnight, to: midnight + DAY });
      assert.deepEqual(day2.requestId, ['early', 'early', 'early']);
    }));

  it('orders the entries of two writing processes by time, ties in segment order', async () => {
    const temp = tempLogFolder();
    const a = new FilePredictionLogStore(temp.folder);
    const b = new FilePredictionLogStore(temp.folder);
    try {
      await a.append([simpleBatch(T0 + 10, 'a1', 2), simpleBatch(T0 + 30, 'a2', 1)]);
      await b.append([simpleBatch(T0 + 5, 'b1', 1), simpleBatch(T0 + 30, 'b2', 1), simpleBatch(T0 + 40, 'b3', 1)]);
      await a.append([simpleBatch(T0 + 50, 'a3', 1)]);
      const files = dayFiles(temp.folder, '2026-12-01');
      assert.equal(files.length, 2, 'one segment per process');
      const aFirst = readFileSync(join(temp.folder, '2026-12-01', files[0]!), 'utf8').includes('"a1"');
      const rows = await b.read({ from: 0, to: Number.POSITIVE_INFINITY });
      const tie = aFirst ? ['a2', 'b2'] : ['b2', 'a2'];
      assert.deepEqual(rows.requestId, ['b1', 'a1', 'a1', ...tie, 'b3', 'a3']);
      assert.deepEqual(
        Array.from(rows.time),
        [5, 10, 10, 30, 30, 40, 50].map((t) => T0 + t),
      );
    } finally {
      await a.close();
      await b.close();
      temp.cleanup();
    }
  });

  it('reads time ranges and row ranges across days, touching only the days of a time range', () =>
    withStore(async (store, folder) => {
      const batches = [0, 1, 2].flatMap((d) => [
        simpleBatch(T0 + d * DAY, `d${d}-a`, 2),
        simpleBatch(T0 + d * DAY + 1000, `d${d}-b`, 3),
      ]);
      await store.append(batches);
      const all = batches.flatMap(entriesOf);
      // garbage in the third day: counted only by the reads that touch that day
      const third = join(folder, '2026-12-03');
      appendFileSync(join(third, dayFiles(folder, '2026-12-03')[0]!), 'not json\n');

      const middle = await store.read({ from: T0 + DAY, to: T0 + DAY + 1000 });
      assert.deepEqual(plainRows(middle), all.slice(5, 7));
      assert.equal(middle.skipped, 0);
      const fractional = await store.read({ from: T0 + DAY + 0.5, to: T0 + DAY + 1000.5 });
      assert.deepEqual(fractional.requestId, ['d1-b', 'd1-b', 'd1-b']);
      assert.equal((await store.read({ from: T0, to: T0 + 3 * DAY })).skipped, 1);
      assert.equal((await store.read({ from: T0 + DAY, to: T0 })).rows, 0);

      assert.deepEqual(plainRows(await store.read({ offset: 3, limit: 4 })), all.slice(3, 7));
      assert.deepEqual(plainRows(await store.read({ offset: 0, limit: 100 })), all);
      assert.deepEqual(plainRows(await store.read({ offset: 14, limit: 5 })), all.slice(14));
      assert.equal((await store.read({ offset: 15, limit: 5 })).rows, 0);
      assert.equal((await store.read({ offset: 2, limit: 0 })).rows, 0);
      const firstDay = await store.read({ offset: 0, limit: 5 });
      assert.equal(firstDay.skipped, 0, 'a row range reads only the days it needs');
      await assert.rejects(store.read({ offset: -1, limit: 2 }), RangeError);
      assert.deepEqual(await store.bounds(), { first: T0, last: T0 + 2 * DAY + 1000, rows: 15 });
    }));

  it('skips and counts a torn last line and garbage lines, reading every other line', () =>
    withStore(async (store, folder) => {
      const batch = simpleBatch(T0, 'r', 4);
      await store.append([batch]);
      const segment = join(folder, '2026-12-01', dayFiles(folder, '2026-12-01')[0]!);
      const header = (time: string, rows: number) =>
        `{"time":"${time}","request_id":"g","model_id":"m","rows":${rows}}`;
      const record = '"x"\t1\t2\t3\t0.5\t1';
      const bad = [
        'hello', // the batch's header announced 4 records: none may follow
        '[1,2]',
        'null',
        '{}', // not a header: the lines up to the next header are orphans
        record,
        header('2026-12-01T07:00:00.000Z', 2),
        record.replace('0.5', '1.5'),
        record.replace('\t1', '\t-1'),
        header('2026-12-02T07:00:00.000Z', 1), // outside its day
        record,
        '{"time":"2026-12-01T07:00:00.000Z","probability":1e999}',
      ];
      const headers = 1; // the header with a valid time is not counted: only its two bad records are
      appendFileSync(segment, `${bad.join('\n')}\n`);
      appendFileSync(segment, formatBatch(simpleBatch(T0 + 1, 'after', 1)));
      appendFileSync(segment, formatBatch(simpleBatch(T0 + 2, 'torn', 1)).slice(0, 60)); // a torn header
      const rows = await store.read({ from: 0, to: Number.POSITIVE_INFINITY });
      assert.deepEqual(plainRows(rows), [...entriesOf(batch), ...entriesOf(simpleBatch(T0 + 1, 'after', 1))]);
      assert.equal(rows.skipped, bad.length - headers + 1);
      assert.equal((await store.bounds())?.rows, 5);
    }));

  it('refuses a log folder or day folder that is a symbolic link, and appends nothing when one day fails', () =>
    withStore(async (store, folder, dir) => {
      const elsewhere = join(dir, 'elsewhere');
      mkdirSync(elsewhere);
      mkdirSync(folder);
      symlinkSync(elsewhere, join(folder, '2026-12-02'));
      await assert.rejects(
        store.append([simpleBatch(T0, 'one', 3), simpleBatch(T0 + DAY, 'two', 2)]),
        (error: unknown) => error instanceof RefusedFileError && /^2026-12-02: a symbolic link/.test(error.message),
      );
      assert.deepEqual(readdirSync(elsewhere), []);
      assert.equal((await store.read({ from: 0, to: Number.POSITIVE_INFINITY })).rows, 0, 'day 1 was rolled back');
      rmSync(join(folder, '2026-12-02'));
      await store.append([simpleBatch(T0, 'one', 3), simpleBatch(T0 + DAY, 'two', 2)]);
      const rows = await store.read({ from: 0, to: Number.POSITIVE_INFINITY });
      assert.deepEqual(rows.requestId, ['one', 'one', 'one', 'two', 'two']);

      const linked = join(dir, 'linked-log');
      symlinkSync(folder, linked);
      const viaLink = new FilePredictionLogStore(linked);
      await assert.rejects(viaLink.read({ from: 0, to: 1 }), /linked-log: a symbolic link: not followed/);
      await assert.rejects(viaLink.append([simpleBatch(T0, 'x', 1)]), /linked-log: a symbolic link/);
      await viaLink.close();
    }));

  it('skips and counts segment and Parquet files that are links or not regular files', () =>
    withStore(async (store, folder, dir) => {
      await store.append([simpleBatch(T0, 'real', 2)]);
      const outside = join(dir, 'outside.log');
      writeFileSync(outside, formatBatch(simpleBatch(T0 + 5, 'stolen', 3)));
      const day = join(folder, '2026-12-01');
      symlinkSync(outside, join(day, '20261201T000000000Z-1-aaaaaaaa.log'));
      symlinkSync(outside, join(day, '20261201T000000000Z-1-bbbbbbbb@10.parquet'));
      mkdirSync(join(day, '20261201T000000000Z-1-cccccccc.log'));
      symlinkSync(join(dir), join(folder, '2026-12-03'));
      const rows = await store.read({ from: 0, to: Number.POSITIVE_INFINITY });
      assert.deepEqual(rows.requestId, ['real', 'real']);
      assert.equal(rows.skipped, 4, 'two linked log files, a folder named like one, a linked day folder');
      assert.deepEqual(await store.compact(T0 + 2 * DAY), { segments: 1, rows: 2, skipped: 3 });
      assert.ok(existsSync(outside), 'a link is never removed through');
      assert.deepEqual((await store.read({ from: 0, to: Number.POSITIVE_INFINITY })).requestId, ['real', 'real']);
    }));

  it('starts a new segment when its file was removed under it (compacted or expired)', () =>
    withStore(async (store, folder) => {
      await store.append([simpleBatch(T0, 'before', 2)]);
      await store.compact(T0 + 2 * DAY);
      await store.append([simpleBatch(T0 + 1, 'late', 1)]);
      assert.equal(dayFiles(folder, '2026-12-01').filter((n) => n.endsWith('.log')).length, 1);
      const rows = await store.read({ from: 0, to: Number.POSITIVE_INFINITY });
      assert.deepEqual(rows.requestId, ['before', 'before', 'late']);
    }));

  it('reads an empty log when the folder does not exist', () =>
    withStore(async (store) => {
      assert.equal(await store.bounds(), null);
      assert.equal((await store.read({ from: 0, to: Number.POSITIVE_INFINITY })).rows, 0);
      assert.equal((await store.read({ offset: 0, limit: 10 })).rows, 0);
      assert.deepEqual(await store.compact(T0), { segments: 0, rows: 0, skipped: 0 });
      assert.deepEqual(await store.expire(T0, 1), { removedDays: [] });
    }));
});

describe('file prediction log store: compaction and retention', () => {
  it('compacts closed days to Parquet files and reads the same entries after', () =>
    withStore(async (store, folder) => {
      const batches = [0, 1].flatMap((d) => [
        simpleBatch(T0 + d * DAY + 500, `d${d}-late`, 2),
        simpleBatch(T0 + d * DAY, `d${d}-early`, 3, 100),
        simpleBatch(T0 + d * DAY + 500, `d${d}-tie`, 1, 200),
      ]);
      // more rows than one DuckDB chunk (2048), in several batches out of time order
      const many = Array.from({ length: 50 }, (_, k) => simpleBatch(T0 + 1000 + ((k * 7) % 50), `m${k}`, 100, k * 100));
      batches.splice(3, 0, ...many);
      await store.append(batches);
      const day1 = join(folder, '2026-12-01');
      appendFileSync(join(day1, dayFiles(folder, '2026-12-01')[0]!), 'garbage\n');
      const before = await store.read({ from: 0, to: Number.POSITIVE_INFINITY });
      assert.equal(before.skipped, 1);

      const endOfDay1 = Date.parse('2026-12-02T00:00:00.000Z');
      assert.deepEqual(await store.compact(endOfDay1 + 3_599_999), { segments: 0, rows: 0, skipped: 0 });
      assert.deepEqual(await store.compact(endOfDay1 + 3_600_000), { segments: 1, rows: 5006, skipped: 1 });
      const files = dayFiles(folder, '2026-12-01');
      assert.equal(files.length, 1);
      assert.match(files[0]!, /^\d{8}T\d{9}Z-\d+-[0-9a-f]{8}@\d+\.parquet$/);
      assert.equal(dayFiles(folder, '2026-12-02').filter((n) => n.endsWith('.log')).length, 1, 'day 2 still open');

      const after = await store.read({ from: 0, to: Number.POSITIVE_INFINITY });
      assert.deepEqual(plainRows(after), plainRows(before));
      assert.equal(after.skipped, 0);
      assert.deepEqual(plainRows(await store.read({ offset: 2, limit: 5007 })), plainRows(before).slice(2, 5009));
      assert.deepEqual(plainRows(await store.read({ from: T0 + 1, to: T0 + 501 })), plainRows(before).slice(3, 6));
      assert.deepEqual(
        plainRows(await store.read({ from: T0 + 1010, to: T0 + 1020 })),
        plainRows(before).slice(1006, 2006),
      );
      assert.deepEqual(await store.bounds(), { first: T0, last: T0 + DAY + 500, rows: 5012 });
    }));

  it('never duplicates or loses entries when a compaction stops between the rename and the removal', () =>
    withStore(async (store, folder) => {
      await store.append([simpleBatch(T0, 'first', 3), simpleBatch(T0 + 20, 'second', 2)]);
      const day = join(folder, '2026-12-01');
      const segmentName = dayFiles(folder, '2026-12-01')[0]!;
      const original = readFileSync(join(day, segmentName));
      await store.compact(T0 + 2 * DAY);
      const expected = plainRows(await store.read({ from: 0, to: Number.POSITIVE_INFINITY }));

      // the segment is still there with exactly the bytes compacted: read once, removed by the next compaction
      writeFileSync(join(day, segmentName), original);
      assert.deepEqual(plainRows(await store.read({ from: 0, to: Number.POSITIVE_INFINITY })), expected);
      assert.deepEqual(await store.compact(T0 + 2 * DAY), { segments: 1, rows: 0, skipped: 0 });
      assert.deepEqual(dayFiles(folder, '2026-12-01'), [segmentName.replace('.log', `@${original.length}.parquet`)]);

      // ... and with lines appended after the compacted bytes: those lines are read, once
      const extra = simpleBatch(T0 + 10, 'extra', 2, 50);
      writeFileSync(join(day, segmentName), Buffer.concat([original, Buffer.from(formatBatch(extra))]));
      const withExtra = [...expected.slice(0, 3), ...entriesOf(extra), ...expected.slice(3)];
      const read = await store.read({ from: 0, to: Number.POSITIVE_INFINITY });
      assert.deepEqual(plainRows(read), withExtra);
      assert.equal(read.skipped, 0);
      assert.deepEqual(await store.compact(T0 + 2 * DAY), { segments: 1, rows: 2, skipped: 0 });
      const size = original.length + Buffer.byteLength(formatBatch(extra));
      assert.deepEqual(dayFiles(folder, '2026-12-01'), [segmentName.replace('.log', `@${size}.parquet`)]);
      assert.deepEqual(plainRows(await store.read({ from: 0, to: Number.POSITIVE_INFINITY })), withExtra);
    }));

  it('ignores a superseded Parquet file and a stale temporary file, and removes both', () =>
    withStore(async (store, folder) => {
      await store.append([simpleBatch(T0, 'a', 2)]);
      const day = join(folder, '2026-12-01');
      const segmentName = dayFiles(folder, '2026-12-01')[0]!;
      const original = readFileSync(join(day, segmentName));
      await store.compact(T0 + 2 * DAY);
      const firstParquet = dayFiles(folder, '2026-12-01')[0]!;
      const firstBytes = readFileSync(join(day, firstParquet));
      // a later compaction renamed its file in and stopped before removing the older one
      writeFileSync(
        join(day, segmentName),
        Buffer.concat([original, Buffer.from(formatBatch(simpleBatch(T0 + 1, 'b', 1)))]),
      );
      await store.compact(T0 + 2 * DAY);
      writeFileSync(join(day, firstParquet), firstBytes);
      writeFileSync(join(day, '.tmp-x.parquet-999999999-0123abcd'), 'half');
      const rows = await store.read({ from: 0, to: Number.POSITIVE_INFINITY });
      assert.deepEqual(rows.requestId, ['a', 'a', 'b']);
      await store.compact(T0 + 2 * DAY);
      assert.equal(dayFiles(folder, '2026-12-01').length, 1);
      assert.deepEqual((await store.read({ from: 0, to: Number.POSITIVE_INFINITY })).requestId, ['a', 'a', 'b']);
    }));

  it('refuses a damaged Parquet file with an error naming it', () =>
    withStore(async (store, folder) => {
      await store.append([simpleBatch(T0, 'a', 2)]);
      await store.compact(T0 + 2 * DAY);
      const name = dayFiles(folder, '2026-12-01')[0]!;
      writeFileSync(join(folder, '2026-12-01', name), 'PAR1 not really');
      const named = (error: unknown) =>
        error instanceof CorruptFileError && error.message.startsWith(`2026-12-01/${name}: not a readable`);
      await assert.rejects(store.read({ from: 0, to: Number.POSITIVE_INFINITY }), named);
      await assert.rejects(store.bounds(), /^CorruptFileError: 2026-12-01: not a readable/);
    }));

  it('expires only the days that ended more than the retention before now, without following links', () =>
    withStore(async (store, folder, dir) => {
      await store.append([0, 1, 2, 3].map((d) => simpleBatch(T0 + d * DAY, `d${d}`, 1)));
      const keep = join(dir, 'keep');
      mkdirSync(keep);
      writeFileSync(join(keep, 'precious.txt'), 'x');
      symlinkSync(keep, join(folder, '2026-12-01', 'link-to-keep'));
      // 2026-12-02 ended at 2026-12-03T00:00Z; now is two days and one millisecond after that
      const now = Date.parse('2026-12-05T00:00:00.001Z');
      assert.deepEqual(await store.expire(now, 2), { removedDays: ['2026-12-01', '2026-12-02'] });
      assert.deepEqual(readdirSync(folder).sort(), ['2026-12-03', '2026-12-04']);
      assert.ok(existsSync(join(keep, 'precious.txt')));
      assert.deepEqual((await store.read({ from: 0, to: Number.POSITIVE_INFINITY })).requestId, ['d2', 'd3']);
      assert.deepEqual(await store.expire(now, 2), { removedDays: [] });
    }));
});
