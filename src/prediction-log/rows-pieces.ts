/**
 * A read's result from parts of days' rows: the rows of a time span of a day (binary search on its
 * sorted times), and the parts joined in day order. A single whole day the caller owns is returned as
 * it is; otherwise the parts are copied into columns allocated once.
 */
import { FEATURES, type Feature } from '../data/schema.ts';
import type { PredictionLogRows } from './entry.ts';
import { noIdHashes } from './id-hash.ts';
import type { ReadColumns } from './rows-builder.ts';

/** Rows [start, end) of one day's rows; `owned`: nobody else holds `rows` (read for this read, with its columns). */
export interface RowsPiece {
  rows: PredictionLogRows;
  start: number;
  end: number;
  owned: boolean;
}

/** The first index of sorted `time` whose value is not below `bound` (`time.length` when none). */
function lowerBound(time: Float64Array, bound: number): number {
  let low = 0;
  let high = time.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (time[middle]! < bound) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The rows of `rows` (in time order) whose time is in [from, to). */
export function timeSpan(rows: PredictionLogRows, from: number, to: number): { start: number; end: number } {
  const start = lowerBound(rows.time, from);
  return { start, end: Math.max(start, lowerBound(rows.time, to)) };
}

/**
 * The rows of `pieces` in order, with `skipped` lines; request ids and ids, id hashes when `columns` asks
 * for them (else empty: a piece may hold them all the same).
 */
export function joinPieces(pieces: readonly RowsPiece[], columns: ReadColumns, skipped: number): PredictionLogRows {
  const { ids, idHashes } = columns;
  const only = pieces.length === 1 ? pieces[0]! : null;
  if (only?.owned && only.start === 0 && only.end === only.rows.rows) return { ...only.rows, skipped };
  let rows = 0;
  for (const piece of pieces) rows += piece.end - piece.start;
  const numbers = (column: (piece: PredictionLogRows) => Float64Array): Float64Array => {
    const out = new Float64Array(rows);
    let at = 0;
    for (const { rows: part, start, end } of pieces) {
      out.set(column(part).subarray(start, end), at);
      at += end - start;
    }
    return out;
  };
  const strings = <T>(column: (piece: PredictionLogRows) => T[]): T[] =>
    pieces.flatMap(({ rows: part, start, end }) => column(part).slice(start, end));
  return {
    rows,
    time: numbers((part) => part.time),
    requestId: ids ? strings((part) => part.requestId) : [],
    modelId: strings((part) => part.modelId),
    id: ids ? strings((part) => part.id) : [],
    idHash: idHashes
      ? { high: numbers((part) => part.idHash.high), low: numbers((part) => part.idHash.low) }
      : noIdHashes(),
    features: Object.fromEntries(FEATURES.map((f) => [f, numbers((part) => part.features[f])])) as Record<
      Feature,
      Float64Array
    >,
    probability: numbers((part) => part.probability),
    prediction: numbers((part) => part.prediction),
    skipped,
  };
}
