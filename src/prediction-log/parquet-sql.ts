/**
 * The prediction log's Parquet files in SQL: the statement writing one and the filter by time. Columns:
 * time TIMESTAMP (ms precision), request_id, model_id, id (nullable) VARCHAR, the features and
 * probability DOUBLE, prediction TINYINT; rows in time order. Only id may be NULL, but the files say
 * OPTIONAL for every column (DuckDB 1.5's writer does not carry NOT NULL into Parquet), so reading
 * checks each chunk's validity masks (duckdb-vectors.ts).
 */
import { sqlString } from '../data/duckdb.ts';
import { FEATURES } from '../data/schema.ts';

const FEATURE_COLUMNS = FEATURES.map((f) => `"${f}"`).join(', ');

/**
 * The statement writing the rows of `query` as a log Parquet file at `path`. `query` gives the columns
 * by name: time (DOUBLE, ms since the epoch), request_id, model_id, id, the features, probability,
 * prediction, in time order.
 */
export function parquetCopySql(query: string, path: string): string {
  return `COPY (SELECT epoch_ms(time::BIGINT)::TIMESTAMP_MS AS time, request_id, model_id, id, ${FEATURE_COLUMNS}, probability::DOUBLE AS probability, prediction::TINYINT AS prediction FROM (${query})) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`;
}

/** The condition keeping a Parquet file's rows whose time is in [from, to) (integer milliseconds). */
export function timeFilter(range: { from: number; to: number }): string {
  // bounds of the column's own type: no conversion per row, and the scan can use the file's statistics
  return `time >= make_timestamp_ms(${range.from}) AND time < make_timestamp_ms(${range.to})`;
}
