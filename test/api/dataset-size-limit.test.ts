/**
 * server.dataset_max_bytes (security review, finding 5): a dataset_path file above the limit is a 413
 * naming the file and the limit, told from the opened handle's size before anything is read; a file
 * at the limit is served; a file that grows past the limit while it is read is a 413 too, and no more
 * than the limit is read.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DatasetTooLargeError, PredictionDatasets } from '../../src/api/prediction-datasets.ts';
import { readDatasetFile } from '../../src/data/read-dataset.ts';
import { postJson, startTestServer } from '../helpers/api-server.ts';
import { ingestTrainScoreDeploy } from '../helpers/pipeline-steps.ts';
import { makeTempProject } from '../helpers/temp-project.ts';

const HEADER = 'corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited\n';
const LIMIT = 1000;

/** A valid CSV file of exactly `bytes` bytes (rows of 10 bytes, the last one's id pads it). */
function csvOfBytes(bytes: number): string {
  const rows = `${HEADER}${'a,1,2,3,0\n'.repeat(Math.floor((bytes - HEADER.length - 20) / 10))}`;
  const last = ',4,5,6,1\n';
  return `${rows}${'x'.repeat(bytes - rows.length - last.length)}${last}`;
}

describe('server.dataset_max_bytes', () => {
  it('a file at the limit is served; one byte more is a 413 naming the file (relative) and the limit', async () => {
    const project = makeTempProject({
      seed: ['practicedata', 'testdata'],
      config: { server: { dataset_max_bytes: LIMIT } },
    });
    await ingestTrainScoreDeploy(project.config);
    const api = await startTestServer(project.config);
    const predict = (name: string) => postJson(`${api.url}/prediction`, { dataset_path: name });
    try {
      writeFileSync(join(project.config.test_data_path, 'at.csv'), csvOfBytes(LIMIT));
      writeFileSync(join(project.config.test_data_path, 'over.csv'), csvOfBytes(LIMIT + 1));
      const at = await predict('at.csv');
      assert.equal(at.status, 200, at.text);
      assert.equal(at.body.predictions.length, Math.floor((LIMIT - HEADER.length - 20) / 10) + 1);
      const over = await predict('over.csv');
      assert.equal(over.status, 413);
      assert.deepEqual(over.body, {
        error: `testdata/over.csv: ${LIMIT + 1} bytes, above the limit of ${LIMIT} bytes (server.dataset_max_bytes)`,
      });
      // a file served from memory that grows past the limit is a 413 on the next request
      appendFileSync(join(project.config.test_data_path, 'at.csv'), '\n');
      assert.equal((await predict('at.csv')).status, 413);
    } finally {
      await api.close();
      project.cleanup();
    }
  });

  it('a file that grows past the limit between its check and its reading is a 413, read no further', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dataset-size-limit-'));
    try {
      writeFileSync(join(folder, 'growing.csv'), csvOfBytes(LIMIT));
      const datasets = new PredictionDatasets({
        folder,
        folderName: 'testdata',
        cacheBytes: 1 << 20,
        maxFileBytes: LIMIT,
      });
      const source = datasets.source('growing.csv');
      try {
        appendFileSync(join(folder, 'growing.csv'), 'b,1,2,3,0\n'.repeat(10_000));
        await assert.rejects(source.rows(), (error: unknown) => {
          assert.ok(error instanceof DatasetTooLargeError);
          assert.equal(error.status, 413);
          assert.equal(
            error.message,
            `testdata/growing.csv: grew while it was read, above the limit of ${LIMIT} bytes (server.dataset_max_bytes)`,
          );
          return true;
        });
      } finally {
        source.close();
      }
      const { files } = await readDatasetFile('growing.csv', join(folder, 'growing.csv'), { maxBytes: LIMIT });
      assert.equal(files[0]?.bytes, LIMIT + 1, 'read up to one byte past the limit');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
