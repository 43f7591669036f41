/**
 * The new-data check opens each known file once, checked: a link or a FIFO put in place of an ingested
 * file is "changed" (ingestion then reports it skipped), never followed, never waited on (the review
 * left a scheduled cycle at "ingestion: started" forever with a FIFO linked into the input folder).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sha256File } from '../../../src/data/file-hash.ts';
import { checkForNewData } from '../../../src/pipeline/cycle/new-data.ts';
import type { IngestionRecord } from '../../../src/records/ingestion-record.ts';

describe('checkForNewData', () => {
  it('reports a link or a FIFO in place of an ingested file as changed, without following or waiting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'new-data-'));
    try {
      const folder = join(dir, 'input');
      mkdirSync(folder);
      const secret = join(dir, 'secret.csv');
      writeFileSync(secret, 'corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited\nx,1,2,3,0\n');
      const secretHash = await sha256File(secret);
      // the record says a.csv held the secret's bytes, and b.csv some others
      const record = {
        files: [
          { name: 'a.csv', sha256: secretHash },
          { name: 'b.csv', sha256: 'f'.repeat(64) },
        ],
      } as unknown as IngestionRecord;
      symlinkSync(secret, join(folder, 'a.csv'));
      execFileSync('mkfifo', [join(folder, 'b.csv')]);
      const check = await checkForNewData(folder, record);
      assert.deepEqual(check.changedFiles, ['a.csv', 'b.csv'], 'a followed link would hash as unchanged');
      assert.equal(check.hasNewData, true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
