/**
 * The DuckDB side of ingestion: a table that collects rows per source file (straight from a validated
 * CSV file, or from a staging file of its good rows), then writes the deduplicated result as CSV.
 * Exact duplicate rows are removed keeping each row's first occurrence, in input order, as pandas'
 * drop_duplicates does.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from './duckdb.ts';
import { COLUMNS, FEATURES, ID_COLUMN, TARGET } from './schema.ts';

const SCHEMA_COLUMNS = COLUMNS.map((c) => `"${c}"`).join(', ');
const COLUMN_TYPES: Record<string, string> = {
  [ID_COLUMN]: 'VARCHAR',
  ...Object.fromEntries(FEATURES.map((f) => [f, 'BIGINT'])),
  [TARGET]: 'TINYINT',
};

/** Rows are ordered by source, then by row (rowid); both fit one BIGINT key. */
const SOURCE_SHIFT = 40;
const ORDER_KEY = `((src::BIGINT << ${SOURCE_SHIFT}) + rowid)`;

/** A `columns = {...}` struct for read_csv: schema columns typed, any other column read as text. */
function columnsSpec(header: readonly string[]): string {
  return `{${header.map((name, i) => `${sqlString(name || `column${i}`)}: '${COLUMN_TYPES[name] ?? 'VARCHAR'}'`).join(', ')}}`;
}

/** Rows gathered from the input files, by source file index. */
export class IngestTable {
  private constructor(private readonly db: DuckDBConnection) {}

  /** Creates the (empty) table in `db`. */
  static async create(db: DuckDBConnection): Promise<IngestTable> {
    await db.run(`CREATE TABLE ingested (src INTEGER, ${COLUMNS.map((c) => `"${c}" ${COLUMN_TYPES[c]}`).join(', ')})`);
    return new IngestTable(db);
  }

  /**
   * Appends the rows of CSV file `path` (with the given header, on its first line) as source `src`.
   * Rows DuckDB cannot read are skipped here: callers check the count against their own validation.
   */
  async insertCsv(src: number, path: string, header: readonly string[], hasHeaderLine = true): Promise<void> {
    await this.db.run(`INSERT INTO ingested SELECT ${src}, ${SCHEMA_COLUMNS} FROM read_csv(${sqlString(path)},
      header = ${hasHeaderLine}, auto_detect = false, delim = ',', quote = '"', escape = '"', ignore_errors = true,
      columns = ${columnsSpec(header)})`);
  }

  /** Number of rows held for source `src`. */
  async count(src: number): Promise<number> {
    const result = await this.db.runAndReadAll(`SELECT count(*)::BIGINT FROM ingested WHERE src = ${src}`);
    return Number(result.getRows()[0]?.[0] ?? 0);
  }

  /** Drops every row of source `src`. */
  async remove(src: number): Promise<void> {
    await this.db.run(`DELETE FROM ingested WHERE src = ${src}`);
  }

  /**
   * Writes the deduplicated rows (schema columns, header line) to `outputPath`; rows kept per source.
   * A row's first occurrence is the earliest by (source, row): input order, whatever order the
   * sources were inserted in. Without `keepInput` the inserted rows are dropped before writing (less
   * memory), and duplicatePositions can no longer be asked.
   */
  async writeDeduplicated(outputPath: string, keepInput: boolean): Promise<{ rows: number; keptBySource: Map<number, number> }> {
    await this.db.run(`CREATE TABLE deduplicated AS
      SELECT min(${ORDER_KEY}) AS first_key, ${SCHEMA_COLUMNS} FROM ingested GROUP BY ${SCHEMA_COLUMNS}`);
    if (!keepInput) await this.db.run('DROP TABLE ingested');
    await this.db.run(`COPY (SELECT ${SCHEMA_COLUMNS} FROM deduplicated ORDER BY first_key)
      TO ${sqlString(outputPath)} (FORMAT csv, HEADER true, DELIMITER ',')`);
    const counts = await this.db.runAndReadAll(`SELECT (first_key >> ${SOURCE_SHIFT})::INTEGER AS src, count(*)::BIGINT FROM deduplicated GROUP BY src`);
    const keptBySource = new Map<number, number>();
    let rows = 0;
    for (const [src, n] of counts.getRows()) {
      keptBySource.set(Number(src), Number(n));
      rows += Number(n);
    }
    return { rows, keptBySource };
  }

  /**
   * After writeDeduplicated: for each source, the positions (0-based, in the order its rows were
   * inserted) of the rows that were dropped as duplicates. Null when a source's rows are not one
   * contiguous block (then positions cannot be told, and callers read the written file instead).
   */
  async duplicatePositions(): Promise<Map<number, number[]> | null> {
    const ranges = await this.db.runAndReadAll('SELECT count(*) FROM (SELECT src FROM ingested GROUP BY src HAVING max(rowid) - min(rowid) + 1 <> count(*))');
    if (Number(ranges.getRows()[0]?.[0] ?? 1) !== 0) return null;
    const result = await this.db.runAndReadAll(`WITH starts AS (SELECT src, min(rowid) AS start FROM ingested GROUP BY src)
      SELECT i.src, (i.rowid - s.start)::BIGINT FROM ingested i JOIN starts s ON i.src = s.src
      WHERE ${ORDER_KEY.replaceAll('src', 'i.src').replaceAll('rowid', 'i.rowid')} NOT IN (SELECT first_key FROM deduplicated)`);
    const positions = new Map<number, number[]>();
    for (const [src, position] of result.getRows()) {
      const list = positions.get(Number(src)) ?? [];
      list.push(Number(position));
      positions.set(Number(src), list);
    }
    for (const list of positions.values()) list.sort((a, b) => a - b);
    return positions;
  }
}
