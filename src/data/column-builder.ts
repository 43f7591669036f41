/**
 * Growable typed columns: records are appended one at a time and the result is a Dataset whose numeric
 * columns are exact-length Float64Arrays.
 */
import { NUMERIC_COLUMNS, type Dataset, type NumericColumn } from './schema.ts';
import type { ValidRecord } from './record-validate.ts';

/** Collects valid records into typed columns. */
export class DatasetBuilder {
  private capacity: number;
  private size = 0;
  /** One array per NUMERIC_COLUMNS entry, in that order. */
  private columns: Float64Array[];
  /** One reader per column: each reads a single fixed key, which keeps V8's property access fast. */
  private readonly readers = NUMERIC_COLUMNS.map((column) => (values: ValidRecord['values']) => values[column]);

  /** `capacityHint`: the expected number of rows (the arrays grow past it when needed). */
  constructor(capacityHint = 1024) {
    this.capacity = Math.max(16, Math.ceil(capacityHint));
    this.columns = NUMERIC_COLUMNS.map(() => new Float64Array(this.capacity));
  }

  /** Appends one record (its numeric values are copied; the id is not kept). */
  add(record: ValidRecord): void {
    if (this.size === this.capacity) this.grow();
    const row = this.size++;
    const values = record.values;
    for (let j = 0; j < this.readers.length; j++) this.columns[j]![row] = this.readers[j]!(values);
  }

  /** The collected rows as a Dataset (columns trimmed to length); the builder is not used after this. */
  build(): Dataset {
    const columns = Object.fromEntries(NUMERIC_COLUMNS.map((c, j) => [c, this.columns[j]!.slice(0, this.size)])) as Record<NumericColumn, Float64Array>;
    return { rows: this.size, columns };
  }

  private grow(): void {
    this.capacity *= 2;
    this.columns = this.columns.map((old) => {
      const next = new Float64Array(this.capacity);
      next.set(old);
      return next;
    });
  }
}
