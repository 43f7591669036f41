/**
 * Collects a day's entries into columns, then puts them in time order. Entries come in write order
 * (segment name, then line order; a Parquet file's rows before its segment's later lines), one by one
 * from segment lines or a whole chunk of columns at a time from Parquet files, so a stable sort by time
 * keeps ties in write order. Model ids are kept as runs (one string per change, however many rows share
 * it); request ids and ids only when the builder keeps them, each request's id once; id hashes when
 * asked (a Parquet chunk brings them, an entry's id is hashed by the store after the day is read).
 */
import { FEATURES, type Feature } from '../data/schema.ts';
import type { PredictionLogRows } from './entry.ts';
import type { LogEntry } from './entry-line.ts';
import { type IdHashes, NO_ID, noIdHashes } from './id-hash.ts';

/** What a read keeps besides the numbers and model ids: request ids and ids, id hashes. */
export interface ReadColumns {
  ids: boolean;
  idHashes: boolean;
}

/** Whether rows read with `held` hold every column `wanted` asks for. */
export function holds(held: ReadColumns, wanted: ReadColumns): boolean {
  return (held.ids || !wanted.ids) && (held.idHashes || !wanted.idHashes);
}

/** Rows given as columns (a chunk of a Parquet file), `count` values each. */
export interface ColumnsChunk {
  count: number;
  time: Float64Array;
  /** In FEATURES order. */
  features: readonly Float64Array[];
  probability: Float64Array;
  prediction: Float64Array;
  /** Each row's model id, as an index into `models`. */
  modelIndex: Float64Array;
  models: readonly string[];
  /** Row `row`'s request id and caller's id; asked only by a builder that keeps ids. */
  requestId(row: number): string;
  id(row: number): string | null;
  /** The rows' id hashes; given when the builder keeps them. */
  idHash?: IdHashes;
}

/** Growable columns of log entries. */
export class RowsBuilder {
  private size = 0;
  private capacity: number;
  private time: Float64Array<ArrayBuffer>;
  private features: Float64Array<ArrayBuffer>[];
  private probability: Float64Array<ArrayBuffer>;
  private prediction: Float64Array<ArrayBuffer>;
  /** Rows where the model id changes, and the id from there on. */
  private readonly modelStarts: number[] = [];
  private readonly models: string[] = [];
  private readonly requestId: string[] = [];
  private readonly id: (string | null)[] = [];
  private hashHigh: Float64Array<ArrayBuffer>;
  private hashLow: Float64Array<ArrayBuffer>;
  /** Entries added one by one whose id is still to be hashed: their rows and ids. */
  private readonly unhashed: { rows: number[]; ids: string[] } = { rows: [], ids: [] };

  /** `columns`: what to keep besides the numbers; `expectedRows`: room to allocate at once (it grows beyond). */
  constructor(
    readonly columns: ReadColumns,
    expectedRows = 0,
  ) {
    this.capacity = expectedRows;
    this.time = new Float64Array(expectedRows);
    this.features = FEATURES.map(() => new Float64Array(expectedRows));
    this.probability = new Float64Array(expectedRows);
    this.prediction = new Float64Array(expectedRows);
    const hashRows = columns.idHashes ? expectedRows : 0;
    this.hashHigh = new Float64Array(hashRows);
    this.hashLow = new Float64Array(hashRows);
  }

  /** Entries added so far. */
  get rows(): number {
    return this.size;
  }

  /** Appends a copy of `entry`. */
  add(entry: LogEntry): void {
    if (this.size === this.capacity) this.grow(this.size + 1);
    const row = this.size++;
    this.time[row] = entry.time;
    for (let j = 0; j < this.features.length; j++) this.features[j]![row] = entry.features[j]!;
    this.probability[row] = entry.probability;
    this.prediction[row] = entry.prediction;
    this.addModel(row, entry.modelId);
    if (this.columns.ids) {
      this.pushRequestId(entry.requestId);
      this.id.push(entry.id);
    }
    if (this.columns.idHashes) {
      this.hashHigh[row] = NO_ID;
      this.hashLow[row] = 0;
      if (entry.id !== null) {
        this.unhashed.rows.push(row);
        this.unhashed.ids.push(entry.id);
      }
    }
  }

  /** Hashes the ids of the entries added one by one, with the store's `hash` (call before build). */
  async hashIds(hash: (ids: readonly string[]) => Promise<IdHashes>): Promise<void> {
    const { rows, ids } = this.unhashed;
    if (rows.length === 0) return;
    const hashes = await hash(ids);
    rows.forEach((row, k) => {
      this.hashHigh[row] = hashes.high[k]!;
      this.hashLow[row] = hashes.low[k]!;
    });
    this.unhashed.rows = [];
    this.unhashed.ids = [];
  }

  /** Appends the rows of `chunk`, copying its number columns whole. */
  addColumns(chunk: ColumnsChunk): void {
    const { count } = chunk;
    if (this.size + count > this.capacity) this.grow(this.size + count);
    const at = this.size;
    this.time.set(chunk.time, at);
    for (let j = 0; j < this.features.length; j++) this.features[j]!.set(chunk.features[j]!, at);
    this.probability.set(chunk.probability, at);
    this.prediction.set(chunk.prediction, at);
    let index = -1;
    for (let i = 0; i < count; i++) {
      if (chunk.modelIndex[i] === index) continue;
      index = chunk.modelIndex[i]!;
      this.addModel(at + i, chunk.models[index]!);
    }
    if (this.columns.ids) {
      for (let i = 0; i < count; i++) {
        this.pushRequestId(chunk.requestId(i));
        this.id.push(chunk.id(i));
      }
    }
    if (this.columns.idHashes) {
      if (!chunk.idHash) throw new Error('a chunk without the id hashes the read asked for');
      this.hashHigh.set(chunk.idHash.high, at);
      this.hashLow.set(chunk.idHash.low, at);
    }
    this.size += count;
  }

  /** The entries in time order (ties in the order added), with `skipped` as the count of lines not read. */
  build(skipped: number): PredictionLogRows {
    if (this.unhashed.rows.length > 0) throw new Error('ids added one by one are not hashed yet (hashIds)');
    const rows = this.size;
    const order = this.timeOrder();
    const numbers = (column: Float64Array<ArrayBuffer>): Float64Array => {
      if (!order) return column.length === rows ? column : column.slice(0, rows);
      const out = new Float64Array(rows);
      for (let i = 0; i < rows; i++) out[i] = column[order[i]!]!;
      return out;
    };
    const strings = <T>(column: T[]): T[] => (order ? order.map((i) => column[i]!) : column);
    return {
      rows,
      time: numbers(this.time),
      requestId: strings(this.requestId),
      modelId: strings(this.modelIds()),
      id: strings(this.id),
      idHash: this.columns.idHashes ? { high: numbers(this.hashHigh), low: numbers(this.hashLow) } : noIdHashes(),
      features: Object.fromEntries(FEATURES.map((f, j) => [f, numbers(this.features[j]!)])) as Record<
        Feature,
        Float64Array
      >,
      probability: numbers(this.probability),
      prediction: numbers(this.prediction),
      skipped,
    };
  }

  private addModel(row: number, modelId: string): void {
    if (this.models.at(-1) === modelId) return;
    this.modelStarts.push(row);
    this.models.push(modelId);
  }

  /** A request's entries are consecutive: its id is kept once, however many entries share it. */
  private pushRequestId(requestId: string): void {
    const last = this.requestId.at(-1);
    this.requestId.push(last === requestId ? last : requestId);
  }

  /** Each row's model id, from the runs. */
  private modelIds(): string[] {
    const out = new Array<string>(this.size);
    for (let k = 0; k < this.models.length; k++)
      out.fill(this.models[k]!, this.modelStarts[k]!, this.modelStarts[k + 1] ?? this.size);
    return out;
  }

  /** Row indices in time order, stable; null when the rows are in time order already. */
  private timeOrder(): number[] | null {
    const time = this.time;
    let sorted = true;
    for (let i = 1; i < this.size && sorted; i++) sorted = time[i - 1]! <= time[i]!;
    if (sorted) return null;
    return Array.from({ length: this.size }, (_, i) => i).sort((a, b) => time[a]! - time[b]!);
  }

  /** Makes room for `rows` rows at least (doubling, so appending one by one stays linear). */
  private grow(rows: number): void {
    this.capacity = Math.max(1024, this.capacity * 2, rows);
    const larger = (old: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const next = new Float64Array(this.capacity);
      next.set(old.subarray(0, this.size));
      return next;
    };
    this.time = larger(this.time);
    this.features = this.features.map(larger);
    this.probability = larger(this.probability);
    this.prediction = larger(this.prediction);
    if (this.columns.idHashes) {
      this.hashHigh = larger(this.hashHigh);
      this.hashLow = larger(this.hashLow);
    }
  }
}
