/**
 * The DuckDB ingestion table on its own: first occurrences kept in input order (also after a source was
 * removed and appended again; rows without an id included), the positions of the dropped rows, and sources refused out of order.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { withDuckDB } from '../../src/data/duckdb.ts';
import { IngestTable } from '../../src/data/ingest-table.ts';
import { COLUMNS } from '../../src/data/schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'attrition-ingest-table-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function csv(name: string, rows: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${COLUMNS.join(',')}\n${rows.join('\n')}\n`);
  return path;
}

describe('IngestTable', () => {
  it('keeps first occurrences in input order and tells where the duplicates were', async () => {
    const a = csv('a.csv', ['x,1,1,1,1', 'y,2,2,2,0', 'x,1,1,1,1', ',4,4,4,0']);
    const b = csv('b.csv', ['y,2,2,2,0', 'z,3,3,3,1', 'x,1,1,1,0', ',4,4,4,0']);
    const output = join(dir, 'out.csv');
    const { kept, positions } = await withDuckDB(async (db) => {
      const table = await IngestTable.create(db);
      await table.insertCsv(0, a, COLUMNS);
      await table.remove(0); // as when a file goes through staging: removed, then appended again
      await table.insertCsv(0, a, COLUMNS);
      await table.insertCsv(1, b, COLUMNS);
      const kept = await table.deduplicate();
      await table.writeDeduplicated(output);
      return { kept, positions: await table.duplicatePositions() };
    });
    assert.equal(
      readFileSync(output, 'utf8'),
      `${COLUMNS.join(',')}\nx,1,1,1,1\ny,2,2,2,0\n,4,4,4,0\nz,3,3,3,1\nx,1,1,1,0\n`,
    );
    assert.equal(kept.rows, 5);
    assert.deepEqual([...kept.keptBySource].sort(), [
      [0, 3],
      [1, 2],
    ]);
    assert.deepEqual(
      positions,
      new Map([
        [0, [2]],
        [1, [0, 3]],
      ]),
      'rows without an id are duplicates of each other too',
    );
  });

  it('refuses a source appended after a later one', async () => {
    const a = csv('c.csv', ['x,1,1,1,1']);
    await withDuckDB(async (db) => {
      const table = await IngestTable.create(db);
      await table.insertCsv(1, a, COLUMNS);
      await assert.rejects(table.insertCsv(0, a, COLUMNS), /source 0 appended after source 1/);
    });
  });
});
