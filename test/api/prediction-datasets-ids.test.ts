import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PredictionDatasets } from '../../src/api/prediction-datasets.ts';

const folder = mkdtempSync(join(tmpdir(), 'prediction-datasets-ids-'));
after(() => rmSync(folder, { recursive: true, force: true }));
writeFileSync(
  join(folder, 'w.csv'),
  `corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited\n${'n'.repeat(300)},1,2,3,0\n`,
);

/** The data sets of `folder` within `cacheBytes`, with or without their ids. */
function datasets(cacheBytes: number, keepIds = false): PredictionDatasets {
  return new PredictionDatasets({ folder, folderName: 'testdata', cacheBytes, maxFileBytes: 1 << 20, keepIds });
}

/** The rows of `name`, read through a source as the services do. */
async function rowsOf(datasets: PredictionDatasets, name: string) {
  const source = datasets.source(name);
  try {
    return await source.rows();
  } finally {
    source.close();
  }
}

describe('the data sets /prediction names keep their ids only for the prediction log', () => {
  it('without the log: no ids kept', async () => {
    const { ids } = await rowsOf(datasets(1 << 20), 'w.csv');
    assert.equal(ids, null);
  });

  it('with the log: ids as the log keeps them (cut to 200 characters)', async () => {
    const { ids } = await rowsOf(datasets(1 << 20, true), 'w.csv');
    assert.deepEqual(ids, ['n'.repeat(200)]);
  });

  it("the ids' memory counts in the cache's budget", async () => {
    // 1200 bytes hold the entry and its row (~1066 bytes) but not its id too (~430 bytes more)
    const without = datasets(1200);
    assert.equal(await rowsOf(without, 'w.csv'), await rowsOf(without, 'w.csv'), 'kept: the same rows from memory');
    const withIds = datasets(1200, true);
    assert.notEqual(await rowsOf(withIds, 'w.csv'), await rowsOf(withIds, 'w.csv'), 'too heavy: read again');
  });
});
