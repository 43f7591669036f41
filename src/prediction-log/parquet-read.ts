/**
 * Reading a log Parquet file into a RowsBuilder a chunk at a time: the number columns (time as DOUBLE
 * milliseconds) are copied whole from each chunk (duckdb-vectors.ts); the model id comes as an index
 * into the file's few distinct ids, so no string is decoded per row; request ids and ids are read only
 * when the builder keeps them, id hashes (computed by DuckDB, id-hash.ts) likewise. Rows come in file
 * order (DuckDB keeps a scan's order).
 */
import type { DuckDBConnection, DuckDBVector } from '@duckdb/node-api';
import { sqlString } from '../data/duckdb.ts';
import { FEATURES } from '../data/schema.ts';
import { doubleValues } from './duckdb-vectors.ts';
import { idHashSql } from './id-hash.ts';
import { timeFilter } from './parquet-sql.ts';
import type { RowsBuilder } from './rows-builder.ts';

/**
 * The distinct model ids of the rows of `source` (the Parquet file at `path`, filtered): from the file's
 * statistics when they name one id exactly (a day served by one version, the common case), else by
 * reading the column.
 */
async function fileModels(connection: DuckDBConnection, path: string, source: string): Promise<string[]> {
  const statistics = await connection.runAndReadAll(
    `SELECT min(stats_min_value), max(stats_max_value), bool_and(min_is_exact AND max_is_exact) FROM parquet_metadata(${sqlString(path)}) WHERE path_in_schema = 'model_id'`,
  );
  const [min, max, exact] = (statistics.getRows()[0] ?? []) as [string | null, string | null, boolean | null];
  if (exact && min !== null && min === max) return [min];
  const distinct = await connection.runAndReadAll(`SELECT DISTINCT model_id FROM ${source} AND model_id IS NOT NULL`);
  return distinct.getColumns()[0] as string[];
}

/**
 * The SQL of the number columns, by name: time, the features, probability, prediction, the model id's
 * index, then the id hash's halves when `idHashes`.
 */
function numberColumns(models: readonly string[], idHashes: boolean): [string, string][] {
  const modelIndex = models.map((m, k) => `WHEN ${sqlString(m)} THEN ${k}`).join(' ');
  const [high, low] = idHashSql('id');
  return [
    ['time', 'epoch_ms(time)::DOUBLE'],
    ...FEATURES.map((f): [string, string] => [f, `"${f}"::DOUBLE`]),
    ['probability', 'probability::DOUBLE'],
    ['prediction', 'prediction::DOUBLE'],
    ['model_id', `(CASE model_id ${modelIndex} END)::DOUBLE`],
    ...(idHashes ? [['id hash', high] as [string, string], ['id hash', low] as [string, string]] : []),
  ];
}

/** The string of a VARCHAR vector's row `row`; throws on NULL. */
function requiredString(vector: DuckDBVector, row: number, column: string): string {
  const value = vector.getItem(row);
  if (typeof value !== 'string') throw new Error(`column ${column}: a NULL value`);
  return value;
}

/**
 * Adds to `rows` the entries of the Parquet file at `path` whose time is in [from, to) (integer
 * milliseconds), in file order; returns how many. Throws on a NULL where the log has none.
 */
export async function readParquetFile(
  connection: DuckDBConnection,
  path: string,
  range: { from: number; to: number },
  rows: RowsBuilder,
): Promise<number> {
  const source = `read_parquet(${sqlString(path)}) WHERE ${timeFilter(range)}`;
  const models = await fileModels(connection, path, source);
  if (models.length === 0) return 0; // no entry in the range (an entry without a model id is refused below)
  const { ids, idHashes } = rows.columns;
  const numbers = numberColumns(models, idHashes);
  const columns = numbers.map(([, sql]) => sql);
  if (ids) columns.push('request_id', 'id');
  const result = await connection.stream(`SELECT ${columns.join(', ')} FROM ${source}`);
  let added = 0;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const count = chunk.rowCount; // a native call: read once per chunk
    const [time, ...rest] = numbers.map(([name], c) => doubleValues(chunk.getColumnVector(c), count, name));
    const [probability, prediction, modelIndex, hashHigh, hashLow] = rest.slice(FEATURES.length);
    const [requestId, id] = ids ? [numbers.length, numbers.length + 1].map((c) => chunk.getColumnVector(c)) : [];
    rows.addColumns({
      count,
      time: time!,
      features: rest.slice(0, FEATURES.length),
      probability: probability!,
      prediction: prediction!,
      modelIndex: modelIndex!,
      models,
      requestId: (row) => requiredString(requestId!, row, 'request_id'),
      id: (row) => id!.getItem(row) as string | null,
      idHash: idHashes ? { high: hashHigh!, low: hashLow! } : undefined,
    });
    added += count;
  }
  return added;
}
