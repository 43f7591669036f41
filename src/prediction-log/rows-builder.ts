/**
 * Collects entries read from segments and Parquet files into columns, then puts them in time order.
 * Entries are added in write order (day, segment name, line order), so a stable sort by time keeps ties
 * in write order. Model ids are interned: equal ids share one string, however many rows hold them.
 */
import { FEATURES, type Feature } from '../data/schema.ts';
import type { PredictionLogRows } from './entry.ts';
import type { LogEntry } from './entry-line.ts';

/** Growable columns of log entries. */
export class RowsBuilder {
  private size = 0;
  private capacity = 0;
  private time = new Float64Array(0);
  private features: Float64Array<ArrayBuffer>[] = FEATURES.map(() => new Float64Array(0));
  private probability = new Float64Array(0);
  private prediction = new Float64Array(0);
  private readonly requestId: string[] = [];
  private readonly modelId: string[] = [];
  private readonly id: (string | null)[] = [];
  private readonly models = new Map<string, string>();
  private lastRequestId = '';

  /** Entries added so far. */
  get rows(): number {
    return this.size;
  }

  /** Appends a copy of `entry`. */
  add(entry: LogEntry): void {
    if (this.size === this.capacity) this.grow();
    const row = this.size++;
    this.time[row] = entry.time;
    for (let j = 0; j < this.features.length; j++) this.features[j]![row] = entry.features[j]!;
    this.probability[row] = entry.probability;
    this.prediction[row] = entry.prediction;
    // a request's entries are consecutive: keep one copy of its id
    if (entry.requestId !== this.lastRequestId) this.lastRequestId = entry.requestId;
    this.requestId.push(this.lastRequestId);
    let model = this.models.get(entry.modelId);
    if (model === undefined) {
      model = entry.modelId;
      this.models.set(model, model);
    }
    this.modelId.push(model);
    this.id.push(entry.id);
  }

  /**
   * The entries in time order (ties in the order added), rows [start, end) of that order, with
   * `skipped` as the count of lines that could not be read.
   */
  build(skipped: number, start = 0, end = this.size): PredictionLogRows {
    const from = Math.max(0, Math.min(start, this.size));
    const to = Math.max(from, Math.min(end, this.size));
    const order = this.timeOrder();
    const rows = to - from;
    const pick = (column: Float64Array): Float64Array => {
      const out = new Float64Array(rows);
      for (let i = 0; i < rows; i++) out[i] = column[order[from + i]!]!;
      return out;
    };
    const pickAll = <T>(column: T[]): T[] => {
      const out = new Array<T>(rows);
      for (let i = 0; i < rows; i++) out[i] = column[order[from + i]!]!;
      return out;
    };
    return {
      rows,
      time: pick(this.time),
      requestId: pickAll(this.requestId),
      modelId: pickAll(this.modelId),
      id: pickAll(this.id),
      features: Object.fromEntries(FEATURES.map((f, j) => [f, pick(this.features[j]!)])) as Record<
        Feature,
        Float64Array
      >,
      probability: pick(this.probability),
      prediction: pick(this.prediction),
      skipped,
    };
  }

  /** Row indices in time order, stable (Array.prototype.sort is, and is quick on presorted runs). */
  private timeOrder(): number[] {
    const time = this.time;
    const order = Array.from({ length: this.size }, (_, i) => i);
    let sorted = true;
    for (let i = 1; i < this.size && sorted; i++) sorted = time[i - 1]! <= time[i]!;
    if (!sorted) order.sort((a, b) => time[a]! - time[b]!);
    return order;
  }

  private grow(): void {
    this.capacity = Math.max(1024, this.capacity * 2);
    const larger = (old: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const next = new Float64Array(this.capacity);
      next.set(old);
      return next;
    };
    this.time = larger(this.time);
    this.features = this.features.map(larger);
    this.probability = larger(this.probability);
    this.prediction = larger(this.prediction);
  }
}
