/**
 * The file store's DuckDB: one in-memory instance per store, opened on first use (an API process that
 * only appends never loads DuckDB) and closed with the store; queries run one at a time. It writes a
 * segment's entries as a Parquet file, reads Parquet files back as columns and hashes ids as the reads
 * do (id-hash.ts).
 *
 * The files' columns are named in parquet-sql.ts; reading them is parquet-read.ts.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { sqlString } from '../data/duckdb.ts';
import { FEATURES } from '../data/schema.ts';
import { CorruptFileError, describeError } from '../errors.ts';
import { lazyRequire } from '../lazy-require.ts';
import type { PredictionLogRows } from './entry.ts';
import { idHashSql, type IdHashes } from './id-hash.ts';
import { doubleValues } from './duckdb-vectors.ts';
import { readParquetFile } from './parquet-read.ts';
import { parquetCopySql, timeFilter } from './parquet-sql.ts';
import type { RowsBuilder } from './rows-builder.ts';

const duckdb = lazyRequire<typeof import('@duckdb/node-api')>('@duckdb/node-api');

const STAGING = 'compaction_rows';
const HASHED = 'hashed_ids';
/** Rows per appended chunk (DuckDB's vector size). */
const CHUNK_ROWS = 2048;

/** Count and first/last time of the entries of some Parquet files. */
export interface ParquetSummary {
  rows: number;
  first: number;
  last: number;
}

/** The store's connection to DuckDB. */
export class LogDatabase {
  private opened: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  /** Writes `rows` (in time order, with their ids) as a Parquet file at `path`. */
  writeParquet(rows: PredictionLogRows, path: string): Promise<void> {
    return this.use(null, async (connection) => {
      const { DuckDBDataChunk, DOUBLE, TINYINT, VARCHAR } = duckdb();
      await connection.run(
        `CREATE OR REPLACE TEMP TABLE ${STAGING} (time DOUBLE NOT NULL, request_id VARCHAR NOT NULL, model_id VARCHAR NOT NULL, id VARCHAR, ${FEATURES.map((f) => `"${f}" DOUBLE NOT NULL`).join(', ')}, probability DOUBLE NOT NULL, prediction TINYINT NOT NULL)`,
      );
      try {
        const appender = await connection.createAppender(STAGING);
        const types = [DOUBLE, VARCHAR, VARCHAR, VARCHAR, ...FEATURES.map(() => DOUBLE), DOUBLE, TINYINT];
        for (let start = 0; start < rows.rows; start += CHUNK_ROWS) {
          const end = Math.min(rows.rows, start + CHUNK_ROWS);
          const chunk = DuckDBDataChunk.create(types, end - start);
          chunk.setColumns([
            Array.from(rows.time.subarray(start, end)),
            rows.requestId.slice(start, end),
            rows.modelId.slice(start, end),
            rows.id.slice(start, end),
            ...FEATURES.map((f) => Array.from(rows.features[f].subarray(start, end))),
            Array.from(rows.probability.subarray(start, end)),
            Array.from(rows.prediction.subarray(start, end)),
          ]);
          appender.appendDataChunk(chunk);
        }
        appender.closeSync();
        await connection.run(parquetCopySql(`SELECT * FROM ${STAGING}`, path));
      } finally {
        await connection.run(`DROP TABLE IF EXISTS ${STAGING}`);
      }
    });
  }

  /** The hashes of `ids` (not null), in order, as a read's id hashes give them. */
  hashIds(ids: readonly string[]): Promise<IdHashes> {
    return this.use(null, async (connection) => {
      const { DuckDBDataChunk, VARCHAR } = duckdb();
      await connection.run(`CREATE OR REPLACE TEMP TABLE ${HASHED} (id VARCHAR NOT NULL)`);
      try {
        const appender = await connection.createAppender(HASHED);
        for (let start = 0; start < ids.length; start += CHUNK_ROWS) {
          const chunk = DuckDBDataChunk.create([VARCHAR], Math.min(CHUNK_ROWS, ids.length - start));
          chunk.setColumns([ids.slice(start, start + CHUNK_ROWS)]);
          appender.appendDataChunk(chunk);
        }
        appender.closeSync();
        const high = new Float64Array(ids.length);
        const low = new Float64Array(ids.length);
        // a table's scan keeps its insertion order
        const result = await connection.stream(`SELECT ${idHashSql('id').join(', ')} FROM ${HASHED}`);
        let at = 0;
        for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
          const count = chunk.rowCount;
          high.set(doubleValues(chunk.getColumnVector(0), count, 'id hash'), at);
          low.set(doubleValues(chunk.getColumnVector(1), count, 'id hash'), at);
          at += count;
        }
        if (at !== ids.length) throw new Error(`hashed ${at} of ${ids.length} ids`);
        return { high, low };
      } finally {
        await connection.run(`DROP TABLE IF EXISTS ${HASHED}`);
      }
    });
  }

  /**
   * Adds to `rows` the entries of the Parquet file at `path` (named `shownAs` in errors) whose time is
   * in [from, to) (integer milliseconds), in file order (see parquet-read.ts); returns how many.
   */
  readParquet(path: string, shownAs: string, range: { from: number; to: number }, rows: RowsBuilder): Promise<number> {
    return this.use(shownAs, (connection) => readParquetFile(connection, path, range, rows));
  }

  /**
   * The number of entries whose time is in `range` and their first and last time, in the Parquet files
   * at `paths` (null when they hold none); `shownAs` names them in errors. Reads the time column only.
   */
  summarize(
    paths: readonly string[],
    shownAs: string,
    range: { from: number; to: number },
  ): Promise<ParquetSummary | null> {
    if (paths.length === 0) return Promise.resolve(null);
    return this.use(shownAs, async (connection) => {
      const result = await connection.runAndReadAll(
        `SELECT count(*)::DOUBLE, epoch_ms(min(time))::DOUBLE, epoch_ms(max(time))::DOUBLE FROM read_parquet([${paths.map(sqlString).join(', ')}]) WHERE ${timeFilter(range)}`,
      );
      const [rows, first, last] = (result.getRows()[0] ?? [0, null, null]) as [number, number | null, number | null];
      return rows > 0 && first !== null && last !== null ? { rows, first, last } : null;
    });
  }

  /** Closes the database (a later call opens it again). */
  async close(): Promise<void> {
    const opened = this.opened;
    if (!opened) return;
    this.opened = null;
    await this.queue;
    const database = await opened.catch(() => null);
    database?.connection.closeSync();
    database?.instance.closeSync();
  }

  private static async open(): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
    const instance = await duckdb().DuckDBInstance.create(':memory:', { threads: '2' });
    return { instance, connection: await instance.connect() };
  }

  /**
   * Runs `work` on the connection after the work queued before it; a DuckDB error reading files named
   * `shownAs` becomes a CorruptFileError naming them.
   */
  private use<T>(shownAs: string | null, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    this.opened ??= LogDatabase.open();
    const opened = this.opened;
    // a database that failed to open is tried again by the next call
    opened.catch(() => {
      if (this.opened === opened) this.opened = null;
    });
    const run = this.queue.then(async () => {
      const { connection } = await opened;
      try {
        return await work(connection);
      } catch (error) {
        if (shownAs === null) throw error;
        throw new CorruptFileError(`${shownAs}: not a readable prediction log Parquet file (${describeError(error)})`, {
          cause: error,
        });
      }
    });
    this.queue = run.catch(() => {});
    return run;
  }
}
