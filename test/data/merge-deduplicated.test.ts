import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeDeduplicated, type RowsWithIds } from '../../src/data/merge-deduplicated.ts';
import type { NumericColumn } from '../../src/data/schema.ts';

/** Rows from [id, lastmonth, lastyear, employees, exited] tuples. */
function rows(tuples: [string | null, number, number, number, number][]): RowsWithIds {
  const names: NumericColumn[] = ['lastmonth_activity', 'lastyear_activity', 'number_of_employees', 'exited'];
  return {
    ids: tuples.map((t) => t[0]),
    dataset: {
      rows: tuples.length,
      columns: Object.fromEntries(
        names.map((c, j) => [c, Float64Array.from(tuples, (t) => t[j + 1] as number)]),
      ) as Record<NumericColumn, Float64Array>,
    },
  };
}

describe('mergeDeduplicated', () => {
  it('keeps the first of rows equal in every column, the id included, first set first', () => {
    const merged = mergeDeduplicated(
      rows([
        ['a', 1, 2, 3, 0],
        [null, 1, 2, 3, 0],
      ]),
      rows([
        ['a', 1, 2, 3, 0], // a repeat of the first set's row
        ['a', 1, 2, 3, 1], // another label: kept
        ['b', 1, 2, 3, 0], // another id: kept
        [null, 1, 2, 3, 0], // no id twice: a repeat, as ingestion compares NULLs
        ['b', 1, 2, 3, 0], // a repeat within the second set
        ['1:a', 1, 2, 3, 0], // ids that could run into the numbers are told apart
        ['1', 1, 2, 3, 0],
      ]),
    );
    assert.equal(merged.dropped, 3);
    assert.deepEqual(merged.ids, ['a', null, 'a', 'b', '1:a', '1']);
    assert.deepEqual(Array.from(merged.dataset.columns.exited), [0, 0, 1, 0, 0, 0]);
    assert.equal(merged.dataset.rows, 6);
  });

  it('refuses ids that do not match the rows', () => {
    const bad = { ...rows([['a', 1, 2, 3, 0]]), ids: [] };
    assert.throws(() => mergeDeduplicated(bad, rows([])), /0 ids for 1 rows/);
  });
});
