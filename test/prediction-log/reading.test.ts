import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { withDuckDB } from '../../src/data/duckdb.ts';
import { CorruptFileError } from '../../src/errors.ts';
import { formatBatch } from '../../src/prediction-log/entry-line.ts';
import { FilePredictionLogStore } from '../../src/prediction-log/file-store.ts';
import { NO_ID } from '../../src/prediction-log/id-hash.ts';
import { entriesOf, makeBatch, plainRows, simpleBatch, tempLogFolder } from './helpers/batches.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-01T07:00:00.000Z');
const ALL = { from: 0, to: Number.POSITIVE_INFINITY };

/** Runs `work` with a fresh store on a temporary log folder, then closes and removes both. */
async function withStore(work: (store: FilePredictionLogStore, folder: string) => Promise<void>) {
  const temp = tempLogFolder();
  const store = new FilePredictionLogStore(temp.folder);
  try {
    await work(store, temp.folder);
  } finally {
    await store.close();
    temp.cleanup();
  }
}

/** The path of the one segment file of `day`. */
function segmentOf(folder: string, day: string): string {
  const [name] = readdirSync(join(folder, day)).filter((n) => n.endsWith('.log'));
  return join(folder, day, name!);
}

/** Sets a file's modification time to a fixed instant (so rewriting it in place keeps its key). */
function pinTime(path: string): void {
  utimesSync(path, 1_000_000, 1_000_000);
}

/**
 * Rewrites the segment at `path` in place with as many bytes, `from` replaced by `to` (same length):
 * its inode, size and (pinned) modification time stay, so only a store that parses it again sees it.
 */
function rewriteUnseen(path: string, from: string, to: string): void {
  writeFileSync(path, readFileSync(path, 'utf8').replaceAll(from, to));
  pinTime(path);
}

describe('file prediction log store: reading without ids', () => {
  it('returns the same entries with empty request ids and ids, from segments and Parquet files', () =>
    withStore(async (store) => {
      const batches = [0, 1, 2].map((d) => simpleBatch(T0 + d * DAY, `d${d}`, 3000, d * 10));
      await store.append(batches);
      await store.compact(T0 + 2 * DAY); // day 1 compacted, days 2 and 3 still segments
      for (const range of [ALL, { from: T0 + DAY - 1, to: T0 + DAY + 1 }, { offset: 2000, limit: 5000 }]) {
        const full = await store.read(range);
        const numbers = await store.read(range, { ids: false });
        assert.equal(numbers.rows, full.rows);
        assert.deepEqual(numbers.requestId, []);
        assert.deepEqual(numbers.id, []);
        const both = plainRows({ ...numbers, requestId: full.requestId, id: full.id });
        assert.deepEqual(both, plainRows(full));
      }
    }));

  it('returns the ids after a read without them kept the same day', () =>
    withStore(async (store) => {
      await store.append([simpleBatch(T0, 'r', 10)]);
      assert.deepEqual((await store.read({ offset: 0, limit: 4 }, { ids: false })).requestId, []);
      const rows = await store.read({ offset: 2, limit: 4 });
      assert.deepEqual(rows.requestId, ['r', 'r', 'r', 'r']);
      assert.deepEqual(rows.id, ['c2', 'c3', 'c4', 'c5']);
    }));
});

describe('file prediction log store: id hashes', () => {
  /** A batch of `n` entries whose ids repeat over 7 callers, every fifth without an id. */
  const repeatingIds = (time: number, requestId: string, n: number) =>
    makeBatch(
      time,
      requestId,
      Array.from({ length: n }, (_, i) => ({
        id: i % 5 === 4 ? null : `corp-${i % 7}`,
        features: [i, i, i] as [number, number, number],
        probability: 0.5,
        prediction: 1,
      })),
    );

  it('gives every entry the hash hashIds gives its id (NO_ID without one), from Parquet files and segments alike', () =>
    withStore(async (store) => {
      await store.append([0, 1, 2].map((d) => repeatingIds(T0 + d * DAY, `d${d}`, 3000)));
      await store.compact(T0 + 2 * DAY); // day 1 compacted, days 2 and 3 still segments
      const callers = Array.from({ length: 7 }, (_, k) => `corp-${k}`);
      const expected = await store.hashIds(callers);
      assert.equal(new Set(Array.from(expected.high, (h, k) => `${h}/${expected.low[k]}`)).size, 7);
      for (const range of [ALL, { from: T0 + DAY - 1, to: T0 + DAY + 1 }, { offset: 2000, limit: 5000 }]) {
        const numbers = await store.read(range, { ids: false, idHashes: true });
        const full = await store.read(range, { ids: true });
        assert.equal(numbers.idHash.high.length, full.rows);
        full.id.forEach((id, i) => {
          const k = id === null ? -1 : callers.indexOf(id);
          assert.equal(numbers.idHash.high[i], k < 0 ? NO_ID : expected.high[k], `row ${i}`);
          assert.equal(numbers.idHash.low[i], k < 0 ? 0 : expected.low[k], `row ${i}`);
        });
        assert.equal(full.idHash.high.length, 0, 'no hashes unless asked');
      }
    }));
});

describe('file prediction log store: what a store remembers', () => {
  it('parses an open day once for consecutive row ranges, and again when it grows', () =>
    withStore(async (store, folder) => {
      await store.append([simpleBatch(T0, 'alpha', 40)]);
      const segment = segmentOf(folder, '2026-12-01');
      pinTime(segment);
      assert.deepEqual((await store.read({ offset: 0, limit: 10 })).requestId, Array(10).fill('alpha'));
      rewriteUnseen(segment, 'alpha', 'omega');
      for (let offset = 10; offset < 40; offset += 10)
        assert.deepEqual((await store.read({ offset, limit: 10 })).requestId, Array(10).fill('alpha'));
      appendFileSync(segment, formatBatch(simpleBatch(T0 + 1, 'late', 1)));
      const grown = await store.read({ offset: 35, limit: 10 });
      assert.deepEqual(grown.requestId, [...Array(5).fill('omega'), 'late']);
    }));

  it('parses the open day once for bounds and the reads after it, again for ids it did not keep', () =>
    withStore(async (store, folder) => {
      await store.append([simpleBatch(T0 - DAY, 'closed', 2), simpleBatch(T0, 'alpha', 5)]);
      await store.compact(Date.parse('2026-12-01T01:00:00.000Z')); // the day before is closed
      const segment = segmentOf(folder, '2026-12-01');
      pinTime(segment);
      assert.deepEqual(await store.bounds(), { first: T0 - DAY, last: T0, rows: 7 });
      rewriteUnseen(segment, '"c1"\t1\t2\t', '"c1"\t1\t7\t');
      const numbers = await store.read({ offset: 2, limit: 3 }, { ids: false });
      assert.deepEqual(Array.from(numbers.features.lastyear_activity), [0, 2, 4], 'kept by bounds()');
      const withIds = await store.read({ offset: 2, limit: 3 });
      assert.deepEqual(Array.from(withIds.features.lastyear_activity), [0, 7, 4], 'parsed again for the ids');
    }));

  it('sees files compacted or appended between reads', () =>
    withStore(async (store) => {
      const batches = [simpleBatch(T0, 'a', 3000), simpleBatch(T0 + 10, 'b', 3000, 3000)];
      await store.append(batches);
      const expected = batches.flatMap(entriesOf);
      assert.deepEqual(plainRows(await store.read({ offset: 1000, limit: 3000 })), expected.slice(1000, 4000));
      await store.compact(T0 + 2 * DAY);
      assert.deepEqual(plainRows(await store.read({ offset: 2000, limit: 3000 })), expected.slice(2000, 5000));
      const late = simpleBatch(T0 + 5, 'late', 2, 9000);
      await store.append([late]);
      const all = [...expected.slice(0, 3000), ...entriesOf(late), ...expected.slice(3000)];
      assert.deepEqual(plainRows(await store.read({ offset: 2999, limit: 4 })), all.slice(2999, 3003));
      assert.deepEqual(plainRows(await store.read(ALL)), all);
      assert.deepEqual(await store.bounds(), { first: T0, last: T0 + 10, rows: 6002 });
    }));

  it('hands out rows that the caller may change without changing later reads', () =>
    withStore(async (store) => {
      await store.append([simpleBatch(T0, 'a', 50), simpleBatch(T0 + DAY, 'b', 50)]);
      await store.compact(T0 + 3 * DAY);
      await store.append([simpleBatch(T0 + 2 * DAY, 'c', 50)]);
      const ranges = [
        { from: T0 - 7 * 3_600_000, to: T0 + 17 * 3_600_000 }, // day 1 whole: handed over
        { offset: 60, limit: 20 }, // part of day 2: kept
        { offset: 100, limit: 50 }, // day 3 whole, parsed: kept
        ALL,
      ];
      for (const range of ranges) {
        const expected = plainRows(await store.read(range));
        const first = await store.read(range, { ids: false });
        first.time.fill(-1);
        first.features.lastmonth_activity.fill(-1);
        first.modelId.fill('changed');
        assert.deepEqual(plainRows(await store.read(range)), expected);
      }
    }));
});

describe('file prediction log store: Parquet files written elsewhere', () => {
  /** Writes `select` (the log's columns) as a compacted segment of 2026-12-01; returns its name in the log. */
  async function writeParquet(folder: string, select: string, options = ''): Promise<string> {
    mkdirSync(join(folder, '2026-12-01'), { recursive: true });
    const name = '20261201T000000000Z-1-aaaaaaaa@10.parquet';
    const path = join(folder, '2026-12-01', name);
    await withDuckDB((connection) => connection.run(`COPY (${select}) TO '${path}' (FORMAT parquet${options})`));
    return `2026-12-01/${name}`;
  }

  const row = (overrides: Record<string, string>) => {
    const columns: Record<string, string> = {
      time: `make_timestamp_ms(${T0} + i // 1000)`,
      request_id: `'r' || (i // 3)`,
      model_id: `CASE WHEN (i // 700) % 3 = 1 THEN 'm2' WHEN (i // 700) % 3 = 2 THEN 'm3' ELSE 'm1' END`,
      id: `CASE WHEN i % 5 = 0 THEN NULL ELSE 'c' || i END`,
      lastmonth_activity: 'i::DOUBLE',
      lastyear_activity: '(2 * i)::DOUBLE',
      number_of_employees: '7::DOUBLE',
      probability: '(i % 100) / 100',
      prediction: '(i % 2)::TINYINT',
      ...overrides,
    };
    return Object.entries(columns)
      .map(([name, sql]) => `${sql} AS ${name}`)
      .join(', ');
  };

  it('reads rows in file order across row groups, ties and model ids that come and go included', () =>
    withStore(async (store, folder) => {
      await writeParquet(folder, `SELECT ${row({})} FROM range(10000) r(i)`, ', ROW_GROUP_SIZE 2048');
      const expected = Array.from({ length: 10000 }, (_, i) => ({
        time: T0 + Math.floor(i / 1000),
        requestId: `r${Math.floor(i / 3)}`,
        modelId: ['m1', 'm2', 'm3'][Math.floor(i / 700) % 3]!,
        id: i % 5 === 0 ? null : `c${i}`,
        features: [i, 2 * i, 7] as [number, number, number],
        probability: (i % 100) / 100,
        prediction: i % 2,
      }));
      assert.deepEqual(plainRows(await store.read(ALL)), expected);
      const numbers = await store.read({ offset: 650, limit: 2000 }, { ids: false });
      assert.deepEqual(
        numbers.modelId,
        expected.slice(650, 2650).map((e) => e.modelId),
      );
      assert.deepEqual(
        Array.from(numbers.features.lastmonth_activity),
        expected.slice(650, 2650).map((e) => e.features[0]),
      );
      assert.deepEqual(await store.bounds(), { first: T0, last: T0 + 9, rows: 10000 });
    }));

  for (const [column, sql] of [
    ['probability', 'CASE WHEN i = 3000 THEN NULL ELSE 0.5 END'],
    ['model_id', `CASE WHEN i = 3000 THEN NULL ELSE 'm1' END`],
    ['request_id', `CASE WHEN i = 3000 THEN NULL ELSE 'r' END`],
  ] as const) {
    it(`refuses a file with a NULL ${column}, naming it`, () =>
      withStore(async (store, folder) => {
        const name = await writeParquet(folder, `SELECT ${row({ [column]: sql })} FROM range(5000) r(i)`);
        const refused = (error: unknown) =>
          error instanceof CorruptFileError &&
          error.message.startsWith(`${name}: not a readable prediction log Parquet file`) &&
          error.message.includes(`column ${column}: a NULL value`);
        await assert.rejects(store.read(ALL), refused);
        if (column !== 'request_id') await assert.rejects(store.read(ALL, { ids: false }), refused);
      }));
  }
});

describe('file prediction log store: days written by several processes', () => {
  it('keeps model ids with their rows when segments interleave in time', async () => {
    const temp = tempLogFolder();
    const a = new FilePredictionLogStore(temp.folder);
    const b = new FilePredictionLogStore(temp.folder);
    try {
      const record = (k: number) => ({
        features: [k, k, k] as [number, number, number],
        probability: 0.5,
        prediction: 1,
      });
      await a.append([makeBatch(T0 + 2, 'a1', [record(1)], 'va'), makeBatch(T0 + 4, 'a2', [record(2)], 'vb')]);
      await b.append([makeBatch(T0 + 1, 'b1', [record(3)], 'vc'), makeBatch(T0 + 3, 'b2', [record(4)], 'vc')]);
      for (const store of [a, b]) {
        const rows = await store.read(ALL, { ids: false });
        assert.deepEqual(rows.modelId, ['vc', 'va', 'vc', 'vb']);
        assert.deepEqual(Array.from(rows.features.lastmonth_activity), [3, 1, 4, 2]);
      }
      await a.compact(T0 + 2 * DAY);
      assert.deepEqual((await a.read({ offset: 1, limit: 2 }, { ids: false })).modelId, ['va', 'vc']);
    } finally {
      await a.close();
      await b.close();
      temp.cleanup();
    }
  });
});
