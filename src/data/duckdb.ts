/**
 * DuckDB access: an in-memory database per operation, closed when the work is done, and the quoting
 * helper for paths placed into SQL text.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** Quotes a value as an SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Opens a further connection to the same database (one query runs at a time per connection). */
export type ConnectionOpener = () => Promise<DuckDBConnection>;

/**
 * Runs `work` with a connection to a fresh in-memory database, then closes it together with every
 * further connection `work` opened through `connect`.
 */
export async function withDuckDB<T>(work: (connection: DuckDBConnection, connect: ConnectionOpener) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connections = [await instance.connect()];
  const connect: ConnectionOpener = async () => {
    const connection = await instance.connect();
    connections.push(connection);
    return connection;
  };
  try {
    return await work(connections[0]!, connect);
  } finally {
    for (const connection of connections) connection.closeSync();
    instance.closeSync();
  }
}
