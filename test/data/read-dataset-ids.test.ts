import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readDatasetFile } from '../../src/data/read-dataset.ts';

const dir = mkdtempSync(join(tmpdir(), 'read-dataset-ids-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A CSV file of `lines` after the schema's header, in column order other than the schema's. */
function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    `lastmonth_activity,corporation,lastyear_activity,number_of_employees,exited\n${lines.join('\n')}\n`,
  );
  return path;
}

describe('readDatasetFile keeps the id column when asked', () => {
  const path = csv('ids.csv', [
    '1,plain,2,3,0',
    '4,"quoted, with comma",5,6,1',
    '7,,8,9,0',
    '-1,rejected,1,1,1',
    '10,é€😀,11,12,1',
  ]);

  it('ids in row order, aligned with the valid rows (bytes and text lines alike), empty ones null', async () => {
    const { dataset, ids } = await readDatasetFile(path, path, { ids: true });
    assert.equal(dataset.rows, 4);
    assert.deepEqual(ids, ['plain', 'quoted, with comma', null, 'é€😀']);
    assert.deepEqual(Array.from(dataset.columns.lastmonth_activity), [1, 4, 7, 10]);
  });

  it('no ids unless asked', async () => {
    const loaded = await readDatasetFile(path, path);
    assert.equal(loaded.ids, undefined);
    assert.equal(loaded.dataset.rows, 4);
  });
});
