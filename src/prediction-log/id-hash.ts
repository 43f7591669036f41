/**
 * Callers' ids as 64-bit hashes, two unsigned 32-bit halves kept as numbers: what a read hands the
 * label join instead of the id strings (decoding a string per row costs more than the rest of a read).
 * Equal ids have equal hashes; two different ids share one with a chance of 2⁻⁶⁴ per pair. The store
 * decides the hash (the file store: DuckDB's `hash`) and hashes other ids with the same function
 * (PredictionLogStore.hashIds), so ids from elsewhere can be looked up among the rows read.
 */

/** Each row's id hash: `high[i]` NO_ID when row i has no id (then `low[i]` is 0). */
export interface IdHashes {
  high: Float64Array;
  low: Float64Array;
}

/** The high half of a row without an id (a hash half is never negative). */
export const NO_ID = -1;

/** No hashes (a read that did not ask for them). */
export function noIdHashes(): IdHashes {
  return { high: new Float64Array(0), low: new Float64Array(0) };
}

/** The SQL of the two halves of the hash of the VARCHAR column `column` (DuckDB's hash; NO_ID for NULL). */
export function idHashSql(column: string): [high: string, low: string] {
  return [
    `CASE WHEN ${column} IS NULL THEN ${NO_ID} ELSE (hash(${column}) >> 32)::DOUBLE END`,
    `CASE WHEN ${column} IS NULL THEN 0 ELSE (hash(${column}) & 4294967295)::DOUBLE END`,
  ];
}
