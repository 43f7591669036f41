/**
 * DuckDB access: an in-memory database per operation, closed when the work is done, and the quoting
 * helper for paths placed into SQL text. The DuckDB package is required on first use (it takes ~0.15 s
 * to load), so commands that read no file through it do not pay for it; required rather than imported,
 * because importing CommonJS from an ES module makes Node scan every file it re-exports for names.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { lazyRequire } from '../lazy-require.ts';

const duckdb = lazyRequire<typeof import('@duckdb/node-api')>('@duckdb/node-api');

/** Quotes a value as an SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Runs `work` with a connection to a fresh in-memory database, then closes it. */
export async function withDuckDB<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const { DuckDBInstance } = duckdb();
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
