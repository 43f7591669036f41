/**
 * Cuts the prediction log into chunks (config `monitoring.chunk`): UTC calendar periods or runs of N
 * consecutive rows, each read from the store on its own so memory holds one chunk at a time. A chunk
 * served by several model versions is split by version, in the order the versions first served in it.
 */
import { FEATURES, type Feature } from '../../data/schema.ts';
import type { ChunkSpec } from '../../monitoring/chunk-periods.ts';
import { periodsBetween } from '../../monitoring/chunk-periods.ts';
import type { ServedRows } from '../../monitoring/chunk-findings.ts';
import type { PredictionLogRows, PredictionLogStore } from '../../prediction-log/entry.ts';
import type { IdHashes } from '../../prediction-log/id-hash.ts';
import { take } from '../../monitoring/typed-arrays.ts';

/** One version's rows of one chunk. */
export interface LogChunk {
  /** A period's bounds, or a size chunk's first and last entry's time (ms). */
  start: number;
  end: number;
  partial: boolean;
  modelId: string;
  served: ServedRows;
  /** When each served row was answered (ms), and its caller's id's hash (empty arrays unless read with them). */
  time: Float64Array;
  idHash: IdHashes;
}

/** The rows of `rows` at `positions` (all of them, in order, are handed over without a copy), as served rows. */
function pick(rows: PredictionLogRows, positions: Int32Array): ServedRows {
  const whole = positions.length === rows.rows;
  const column = (values: Float64Array) => (whole ? values : take(values, positions));
  const features = Object.fromEntries(FEATURES.map((f) => [f, column(rows.features[f])])) as Record<
    Feature,
    Float64Array
  >;
  return {
    rows: positions.length,
    features,
    probability: column(rows.probability),
    prediction: column(rows.prediction),
  };
}

/** Positions of each model id's rows (in order), ids in order of first appearance. */
function byModel(rows: PredictionLogRows): Map<string, Int32Array> {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < rows.rows; i++) {
    const id = rows.modelId[i]!;
    const group = groups.get(id);
    if (group) group.push(i);
    else groups.set(id, [i]);
  }
  return new Map([...groups].map(([id, positions]) => [id, Int32Array.from(positions)]));
}

/** The per-version chunks of one read. */
function split(
  rows: PredictionLogRows,
  bounds: (positions: Int32Array) => { start: number; end: number },
  partial: boolean,
): LogChunk[] {
  const groups = byModel(rows);
  const whole = groups.size === 1;
  return [...groups].map(([modelId, positions]) => ({
    ...bounds(positions),
    partial,
    modelId,
    served: pick(rows, positions),
    time: whole ? rows.time : take(rows.time, positions),
    idHash:
      whole || rows.idHash.high.length === 0
        ? rows.idHash
        : { high: take(rows.idHash.high, positions), low: take(rows.idHash.low, positions) },
  }));
}

/**
 * The log's chunks in time order, oldest first, with the number of entries read and skipped. A period
 * chunk is partial while `now` is inside its period; a size chunk while it has fewer than N rows.
 * `idHashes`: read the hashes of the callers' ids too (the label join needs them; reading them costs).
 */
export async function* logChunks(
  store: PredictionLogStore,
  spec: ChunkSpec,
  now: number,
  counts: { rows: number; skipped: number },
  idHashes = false,
): AsyncGenerator<LogChunk> {
  const bounds = await store.bounds();
  if (!bounds) return;
  if ('period' in spec) {
    for (const period of periodsBetween(bounds.first, bounds.last, spec.period)) {
      const rows = await store.read({ from: period.start, to: period.end }, { ids: false, idHashes });
      counts.rows += rows.rows;
      counts.skipped += rows.skipped;
      yield* split(rows, () => period, now < period.end);
    }
    return;
  }
  for (let offset = 0; offset < bounds.rows; offset += spec.size) {
    const rows = await store.read({ offset, limit: spec.size }, { ids: false, idHashes });
    counts.rows += rows.rows;
    counts.skipped += rows.skipped;
    const times = rows.time;
    yield* split(
      rows,
      (positions) => ({ start: times[positions[0]!]!, end: times[positions.at(-1)!]! }),
      rows.rows < spec.size,
    );
  }
}
