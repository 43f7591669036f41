/**
 * Ingestion's outputs are opened in spreadsheets: an id or a rejected value that would run as a
 * formula (= + - @, tab, CR) is written as text, quoted with a leading ' (OWASP's advice), in
 * finaldata.csv and rejects.csv; numbers are written as they are, and what this project reads back from
 * finaldata.csv (the numbers, and the ids the cycle merges on) is what was ingested.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readDataset } from '../../../src/data/read-dataset.ts';
import { ingest } from '../../../src/pipeline/steps/ingest.ts';
import { finalDataIds } from '../../../src/pipeline/steps/training-data.ts';
import { makeTempProject } from '../../helpers/temp-project.ts';

const HEADER = 'corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited';
const NUMBERS = 'lastmonth_activity,lastyear_activity,number_of_employees,exited';

describe('ingestion writes cells a spreadsheet would run as text', () => {
  it('guards formula ids in finaldata.csv and formula values and file names in rejects.csv', async () => {
    const project = makeTempProject({
      seed: [],
      files: {
        'input/a.csv': [
          HEADER,
          '"=HYPERLINK(""http://x"")",1,2,3,0',
          "'quoted,4,5,6,1",
          '-3,7,8,9,0',
          'plain,10,11,12,1',
          '"\tTAB",13,14,15,0',
          '=1+2,13,14',
          '@SUM(A1),15,16',
          'negative,-3,1,1,0',
          '',
        ].join('\n'),
        'input/=evil.csv': 'name\nx\n',
      },
      config: { input_folder_path: 'input' },
    });
    try {
      const result = await ingest(project.config);
      assert.deepEqual(readFileSync(result.finalDataPath, 'utf8').split('\n'), [
        `"corporation",${NUMBERS}`,
        '"\'=HYPERLINK(""http://x"")",1,2,3,0',
        `"''quoted",4,5,6,1`,
        '"-3",7,8,9,0',
        '"plain",10,11,12,1',
        `"'\tTAB",13,14,15,0`,
        '',
      ]);
      assert.deepEqual(
        await finalDataIds(result.finalDataPath, result.dataset.rows),
        ['=HYPERLINK("http://x")', "'quoted", '-3', 'plain', '\tTAB'],
        'the cycle merges on the ids as ingested',
      );
      assert.deepEqual((await readDataset(result.finalDataPath)).dataset, result.dataset, 'the numbers read back');

      const rejects = readFileSync(result.rejectsPath!, 'utf8').split('\n');
      assert.deepEqual(rejects, [
        'file,line,column,value,reason',
        `"'=evil.csv",1,(file),,"file skipped: header lacks columns corporation, lastmonth_activity, lastyear_activity, number_of_employees, exited (found 'name')"`,
        'a.csv,7,number_of_employees,"\'=1+2,13,14","missing field: expected 5 fields, found 3"',
        'a.csv,8,number_of_employees,"\'@SUM(A1),15,16","missing field: expected 5 fields, found 3"',
        'a.csv,9,lastmonth_activity,-3,"negative count, expected a non-negative integer"',
        '',
      ]);
    } finally {
      project.cleanup();
    }
  });

  it('writes finaldata.csv unquoted, as before, when no id needs the guard', async () => {
    const project = makeTempProject({
      seed: [],
      files: { 'input/a.csv': `${HEADER}\nacme,1,2,3,0\n,4,5,6,1\n` },
      config: { input_folder_path: 'input' },
    });
    try {
      const result = await ingest(project.config);
      assert.equal(readFileSync(result.finalDataPath, 'utf8'), `${HEADER}\nacme,1,2,3,0\n,4,5,6,1\n`);
    } finally {
      project.cleanup();
    }
  });
});
