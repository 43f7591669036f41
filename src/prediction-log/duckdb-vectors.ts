/**
 * Column values out of DuckDB result chunks without a call per value. A DOUBLE vector of
 * @duckdb/node-api holds its chunk's values as a Float64Array (`items`, outside the package's typed
 * surface), so a column is copied whole; its validity mask (`validity.data`) is null when no value is
 * NULL. Both are checked at run time: a package version that changes them makes reads fail loudly
 * (the prediction log's tests read Parquet files), never read wrong numbers.
 */
import type { DuckDBVector } from '@duckdb/node-api';

/** What a DOUBLE vector holds besides its typed surface. */
interface DoubleVectorInternals {
  items?: unknown;
  validity?: { data?: unknown };
}

/**
 * The `count` values of a DOUBLE column vector, valid while its chunk is (copy them out); throws when
 * the vector is not a DOUBLE vector or holds a NULL.
 */
export function doubleValues(vector: DuckDBVector, count: number, column: string): Float64Array {
  const { items, validity } = vector as unknown as DoubleVectorInternals;
  if (!(items instanceof Float64Array) || items.length !== count)
    throw new Error(`column ${column}: not ${count} DOUBLE values`);
  // a mask is allocated only when a value may be NULL: then look at each
  if (validity?.data !== null) {
    for (let i = 0; i < count; i++) if (vector.getItem(i) === null) throw new Error(`column ${column}: a NULL value`);
  }
  return items;
}
