/**
 * Growable typed columns: records are appended one at a time and the result is a Dataset whose numeric
 * columns are exact-length Float64Arrays.
 */
import { NUMERIC_COLUMNS, type Dataset, type NumericColumn } from './schema.ts';
import type { ValidRecord } from './record-validate.ts';

/** Collects valid records into typed columns. */
export class DatasetBuilder {
  private capacity = 1024;
  private size = 0;
  private readonly ids: (string | null)[] = [];
  private columns = Object.fromEntries(NUMERIC_COLUMNS.map((c) => [c, new Float64Array(1024)])) as Record<NumericColumn, Float64Array>;

  /** Appends one record. */
  add(record: ValidRecord): void {
    if (this.size === this.capacity) this.grow();
    for (const column of NUMERIC_COLUMNS) this.columns[column][this.size] = record.values[column];
    this.ids.push(record.id);
    this.size++;
  }

  /** The collected rows as a Dataset (columns trimmed to length). */
  build(): Dataset {
    const columns = Object.fromEntries(NUMERIC_COLUMNS.map((c) => [c, this.columns[c].slice(0, this.size)])) as Record<NumericColumn, Float64Array>;
    return { rows: this.size, ids: this.ids.slice(), columns };
  }

  private grow(): void {
    this.capacity *= 2;
    for (const column of NUMERIC_COLUMNS) {
      const next = new Float64Array(this.capacity);
      next.set(this.columns[column]);
      this.columns[column] = next;
    }
  }
}
