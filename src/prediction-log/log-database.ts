/**
 * The file store's DuckDB: one in-memory instance per store, opened on first use (an API process that
 * only appends never loads DuckDB) and closed with the store; queries run one at a time. It writes a
 * segment's entries as a Parquet file and reads Parquet files back as entries.
 *
 * Parquet columns: time TIMESTAMP (ms precision), request_id, model_id, id (nullable) VARCHAR, the
 * features and probability DOUBLE, prediction TINYINT; rows in time order.
 */
import type { DuckDBConnection, DuckDBInstance, DuckDBVector } from '@duckdb/node-api';
import { sqlString } from '../data/duckdb.ts';
import { FEATURES } from '../data/schema.ts';
import { CorruptFileError, describeError } from '../errors.ts';
import { lazyRequire } from '../lazy-require.ts';
import type { PredictionLogRows } from './entry.ts';
import type { LogEntry } from './entry-line.ts';

const duckdb = lazyRequire<typeof import('@duckdb/node-api')>('@duckdb/node-api');

const FEATURE_COLUMNS = FEATURES.map((f) => `"${f}"`).join(', ');
const STAGING = 'compaction_rows';
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

  /** Writes `rows` (in time order) as a Parquet file at `path`. */
  writeParquet(rows: PredictionLogRows, path: string): Promise<void> {
    return this.use(null, async (connection) => {
      const { DuckDBDataChunk, DOUBLE, TINYINT, VARCHAR } = duckdb();
      await connection.run(
        `CREATE OR REPLACE TEMP TABLE ${STAGING} (time DOUBLE, request_id VARCHAR, model_id VARCHAR, id VARCHAR, ${FEATURES.map((f) => `"${f}" DOUBLE`).join(', ')}, probability DOUBLE, prediction TINYINT)`,
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
        await connection.run(
          `COPY (SELECT epoch_ms(time::BIGINT)::TIMESTAMP_MS AS time, request_id, model_id, id, ${FEATURE_COLUMNS}, probability, prediction FROM ${STAGING}) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`,
        );
      } finally {
        await connection.run(`DROP TABLE IF EXISTS ${STAGING}`);
      }
    });
  }

  /**
   * Reads the entries of the Parquet file at `path` (named `shownAs` in errors) whose time is in
   * [from, to) (integer milliseconds), handing each to `onEntry` in file order; returns how many.
   * Request and model ids repeat from row to row, so they are fetched only where they change (decoding
   * a long string from DuckDB costs more than the rest of its row).
   */
  readParquet(
    path: string,
    shownAs: string,
    range: { from: number; to: number },
    onEntry: (entry: LogEntry) => void,
  ): Promise<number> {
    return this.use(shownAs, async (connection) => {
      const source = `read_parquet(${sqlString(path)}, file_row_number = true)
        WHERE time >= epoch_ms(${range.from}::BIGINT) AND time < epoch_ms(${range.to}::BIGINT)`;
      const changes = await connection.runAndReadAll(
        `SELECT file_row_number::DOUBLE, request_id, model_id FROM (
           SELECT file_row_number, request_id, model_id,
             request_id IS DISTINCT FROM lag(request_id) OVER byRow OR model_id IS DISTINCT FROM lag(model_id) OVER byRow AS changed
           FROM ${source} WINDOW byRow AS (ORDER BY file_row_number))
         WHERE changed ORDER BY file_row_number`,
      );
      const [changeRows, requestIds, modelIds] = changes.getColumns() as [number[], string[], string[]];
      const result = await connection.stream(
        `SELECT file_row_number::DOUBLE, epoch_ms(time)::DOUBLE, id, ${FEATURE_COLUMNS}, probability, prediction::DOUBLE
         FROM ${source} ORDER BY file_row_number`,
      );
      const entry: LogEntry = {
        time: 0,
        requestId: '',
        modelId: '',
        id: null,
        features: new Float64Array(FEATURES.length),
        probability: 0,
        prediction: 0,
      };
      const last = 3 + FEATURES.length;
      let next = 0;
      let rows = 0;
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        const count = chunk.rowCount; // a native call: read once per chunk
        const columns: DuckDBVector[] = [];
        for (let c = 0; c < chunk.columnCount; c++) columns.push(chunk.getColumnVector(c));
        const [row, time, id] = columns as [DuckDBVector, DuckDBVector, DuckDBVector];
        for (let i = 0; i < count; i++) {
          const at = row.getItem(i) as number;
          while (next < changeRows.length && changeRows[next]! <= at) {
            entry.requestId = requestIds[next]!;
            entry.modelId = modelIds[next]!;
            next++;
          }
          entry.time = time.getItem(i) as number;
          entry.id = id.getItem(i) as string | null;
          for (let j = 0; j < FEATURES.length; j++) entry.features[j] = columns[3 + j]!.getItem(i) as number;
          entry.probability = columns[last]!.getItem(i) as number;
          entry.prediction = columns[last + 1]!.getItem(i) as number;
          onEntry(entry);
        }
        rows += count;
      }
      return rows;
    });
  }

  /**
   * The number of entries and first and last time of the Parquet files at `paths` (null when they hold
   * none); `shownAs` names them in errors.
   */
  summarize(paths: readonly string[], shownAs: string): Promise<ParquetSummary | null> {
    if (paths.length === 0) return Promise.resolve(null);
    return this.use(shownAs, async (connection) => {
      const result = await connection.runAndReadAll(
        `SELECT count(*)::DOUBLE, epoch_ms(min(time))::DOUBLE, epoch_ms(max(time))::DOUBLE FROM read_parquet([${paths.map(sqlString).join(', ')}])`,
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
