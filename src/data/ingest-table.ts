/**
 * The DuckDB side of ingestion: a table that collects rows per source file (straight from a validated
 * CSV file, or from a staging file of its good rows), marks exact duplicates and writes the rows kept
 * as CSV. Each row's first occurrence is kept, in input order, as pandas' drop_duplicates does.
 * Sources are appended in input order, so the table's insertion order (rowid, and the order DuckDB
 * guarantees for a filtered scan of one table) is the input order: no sort is needed to write it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from './duckdb.ts';
import { guardFormulaSql, needsFormulaGuardSql } from './formula-cells.ts';
import { COLUMNS, FEATURES, ID_COLUMN, TARGET } from './schema.ts';

const SCHEMA_COLUMNS = COLUMNS.map((c) => `"${c}"`).join(', ');
const COLUMN_TYPES: Record<string, string> = {
  [ID_COLUMN]: 'VARCHAR',
  ...Object.fromEntries(FEATURES.map((f) => [f, 'BIGINT'])),
  [TARGET]: 'TINYINT',
};

/** A view of the rows kept (schema columns, input order). */
export const DEDUPLICATED = 'deduplicated';

/** A `columns = {...}` struct for read_csv: schema columns typed, any other column read as text. */
function columnsSpec(header: readonly string[]): string {
  return `{${header.map((name, i) => `${sqlString(name || `column${i}`)}: '${COLUMN_TYPES[name] ?? 'VARCHAR'}'`).join(', ')}}`;
}

/** Rows gathered from the input files, by source file index. */
export class IngestTable {
  private lastSource = -1;

  private constructor(private readonly db: DuckDBConnection) {}

  /** Creates the (empty) table in `db`. */
  static async create(db: DuckDBConnection): Promise<IngestTable> {
    await db.run(
      `CREATE TABLE ingested (src INTEGER, ${COLUMNS.map((c) => `"${c}" ${COLUMN_TYPES[c]}`).join(', ')}, duplicate BOOLEAN DEFAULT false)`,
    );
    return new IngestTable(db);
  }

  /**
   * Appends the rows of CSV file `path` (with the given header, on its first line) as source `src`.
   * Sources come in input order: `src` is the last source again (after remove) or a later one.
   * Rows DuckDB cannot read are skipped here: callers check the count against their own validation.
   */
  async insertCsv(src: number, path: string, header: readonly string[], hasHeaderLine = true): Promise<void> {
    if (src < this.lastSource)
      throw new Error(`source ${src} appended after source ${this.lastSource}: sources must come in input order`);
    this.lastSource = src;
    await this.db.run(`INSERT INTO ingested (src, ${SCHEMA_COLUMNS}) SELECT ${src}, ${SCHEMA_COLUMNS} FROM read_csv(${sqlString(path)},
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
   * Marks every row equal to an earlier one (by rowid: input order) as a duplicate, keeps their
   * rowids in table `duplicates`, creates the DEDUPLICATED view, and returns the rows kept per source.
   */
  async deduplicate(): Promise<{ rows: number; keptBySource: Map<number, number> }> {
    // only rows that occur more than once are collected and joined back (NULL ids compare equal, as
    // in GROUP BY): cheaper than listing the first row of every group
    await this.db.run(
      `CREATE TABLE repeated AS SELECT min(rowid) AS first, ${SCHEMA_COLUMNS} FROM ingested GROUP BY ${SCHEMA_COLUMNS} HAVING count(*) > 1`,
    );
    const sameRow = COLUMNS.map((c) => `i."${c}" IS NOT DISTINCT FROM r."${c}"`).join(' AND ');
    await this.db.run(
      `CREATE TABLE duplicates AS SELECT i.rowid AS id, i.src FROM ingested i JOIN repeated r ON ${sameRow} WHERE i.rowid <> r.first`,
    );
    await this.db.run('DROP TABLE repeated');
    await this.db.run('UPDATE ingested SET duplicate = true WHERE rowid IN (SELECT id FROM duplicates)');
    await this.db.run(`CREATE VIEW ${DEDUPLICATED} AS SELECT ${SCHEMA_COLUMNS} FROM ingested WHERE NOT duplicate`);
    const counts = await this.db.runAndReadAll(
      'SELECT src, count(*)::BIGINT FROM ingested WHERE NOT duplicate GROUP BY src',
    );
    const keptBySource = new Map<number, number>();
    let rows = 0;
    for (const [src, n] of counts.getRows()) {
      keptBySource.set(Number(src), Number(n));
      rows += Number(n);
    }
    return { rows, keptBySource };
  }

  /**
   * After deduplicate: writes the rows kept, in input order, with a header line, as CSV to `outputPath`.
   * An id a spreadsheet would run as a formula is written with a leading ' (formula-cells.ts); when
   * there is one, every id is quoted (DuckDB quotes a whole column or nothing), else the file is as read.
   */
  async writeDeduplicated(outputPath: string): Promise<void> {
    const id = `"${ID_COLUMN}"`;
    const guarded = await this.db.runAndReadAll(
      `SELECT EXISTS (SELECT 1 FROM ${DEDUPLICATED} WHERE ${needsFormulaGuardSql(id)})`,
    );
    const columns = COLUMNS.map((c) => (c === ID_COLUMN ? `${guardFormulaSql(id)} AS ${id}` : `"${c}"`));
    await this.db.run(
      guarded.getRows()[0]?.[0]
        ? `COPY (SELECT ${columns.join(', ')} FROM ${DEDUPLICATED}) TO ${sqlString(outputPath)} (FORMAT csv, HEADER true, DELIMITER ',', FORCE_QUOTE (${id}))`
        : `COPY (SELECT * FROM ${DEDUPLICATED}) TO ${sqlString(outputPath)} (FORMAT csv, HEADER true, DELIMITER ',')`,
    );
  }

  /**
   * After deduplicate: for each source, the positions (0-based, in the order its rows were inserted)
   * of the rows that were dropped as duplicates. Null when a source's rows are not one contiguous
   * block (then positions cannot be told, and callers read the written file instead).
   */
  async duplicatePositions(): Promise<Map<number, number[]> | null> {
    const ranges = await this.db.runAndReadAll(
      'SELECT count(*) FROM (SELECT src FROM ingested GROUP BY src HAVING max(rowid) - min(rowid) + 1 <> count(*))',
    );
    if (Number(ranges.getRows()[0]?.[0] ?? 1) !== 0) return null;
    const result =
      await this.db.runAndReadAll(`WITH starts AS (SELECT src, min(rowid) AS start FROM ingested GROUP BY src)
      SELECT d.src, (d.id - s.start)::BIGINT AS position FROM duplicates d JOIN starts s ON d.src = s.src ORDER BY d.src, position`);
    const positions = new Map<number, number[]>();
    for (const [src, position] of result.getRows()) {
      const list = positions.get(Number(src)) ?? [];
      list.push(Number(position));
      positions.set(Number(src), list);
    }
    return positions;
  }
}
