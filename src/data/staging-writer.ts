/**
 * Writes validated records to a staging CSV (the schema's columns, no header) in large buffered
 * chunks. Used for files with rejected rows: only their good rows reach DuckDB.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { csvField } from './csv-format.ts';
import type { ValidRecord } from './record-validate.ts';

const FLUSH_AT = 1 << 20;

/** A staging file being written; `add` is synchronous and cheap, `close` flushes. */
export class StagingWriter {
  private readonly fd: number;
  private buffer = '';
  private closed = false;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'wx');
  }

  /** Appends one record. */
  add(record: ValidRecord): void {
    let line = csvField(record.id);
    for (const value of record.values) line += `,${value}`; // NUMERIC_COLUMNS order: the file's column order
    this.buffer += `${line}\n`;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  /** Flushes and closes the file (again: a no-op). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  private flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}
