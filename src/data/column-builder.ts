/**
 * Growable typed columns: records are appended one at a time and the result is a Dataset whose
 * numeric columns are Float64Arrays. Sized from the input's byte count, the columns never need to
 * grow: a record takes at least MIN_RECORD_BYTES bytes, and the part of a column that stays unused is
 * address space only (the system maps memory on first write). First writes are what costs here, so
 * the builder writes each value once: no growth copies, no trimming copy (build returns views), and
 * rows are removed by compacting in place.
 */
import { NUMERIC_COLUMNS, type Dataset, type NumericColumn } from './schema.ts';
import type { ValidRecord } from './record-validate.ts';

/** The shortest valid record: an empty id, four one-digit values, no line break ("," + "0,0,0,0"). */
const MIN_RECORD_BYTES = 8;

/** Above this many rows, the byte count no longer sizes the columns up front (they grow instead). */
const MAX_PRESIZED_ROWS = 1 << 26;

/** A capacity that holds every record of `bytes` bytes of CSV text. */
export function capacityForBytes(bytes: number): number {
  return Math.min(MAX_PRESIZED_ROWS, Math.ceil(bytes / MIN_RECORD_BYTES) + 1);
}

/** Collects valid records into typed columns. */
export class DatasetBuilder {
  private capacity: number;
  private size = 0;
  /** One array per NUMERIC_COLUMNS entry, in that order. */
  private columns: Float64Array[];

  /** `capacity`: the rows to make room for (see capacityForBytes); the columns grow past it if needed. */
  constructor(capacity = 1024) {
    this.capacity = Math.max(16, Math.ceil(capacity));
    this.columns = NUMERIC_COLUMNS.map(() => new Float64Array(this.capacity));
  }

  /** Rows collected so far. */
  get rows(): number {
    return this.size;
  }

  /** Appends one record (its numeric values are copied; the id is not kept). */
  add(record: ValidRecord): void {
    if (this.size === this.capacity) this.grow();
    const row = this.size++;
    const values = record.values;
    const columns = this.columns;
    for (let j = 0; j < columns.length; j++) columns[j]![row] = values[j]!;
  }

  /** Forgets the rows from index `rows` on. */
  truncate(rows: number): void {
    this.size = Math.min(this.size, Math.max(0, rows));
  }

  /** Removes the rows at `positions` (ascending, distinct), moving the rest up in order. */
  removeRows(positions: readonly number[]): void {
    let to = positions[0] ?? this.size;
    for (let k = 0; k < positions.length; k++) {
      const from = positions[k]! + 1;
      const end = positions[k + 1] ?? this.size;
      for (const column of this.columns) column.copyWithin(to, from, end);
      to += end - from;
    }
    this.size = to;
  }

  /** The collected rows as a Dataset (views of the columns); the builder is not used after this. */
  build(): Dataset {
    const columns = Object.fromEntries(
      NUMERIC_COLUMNS.map((c, j) => [c, this.columns[j]!.subarray(0, this.size)]),
    ) as Record<NumericColumn, Float64Array>;
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
