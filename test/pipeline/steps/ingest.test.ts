import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readIngestionRecord } from '../../../src/records/ingestion-record.ts';
import { checkForNewData } from '../../../src/pipeline/cycle/new-data.ts';
import { DataError } from '../../../src/errors.ts';
import { ingest, ingestFolder } from '../../../src/pipeline/steps/ingest.ts';
import { readDataset } from '../../../src/data/read-dataset.ts';
import { makeTempProject, seedReference } from '../../helpers/temp-project.ts';

const HEADER = 'corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited';
const GOOD = `${HEADER}\naaa,1,2,3,0\nbbb,4,5,6,1\n`;

/** Ingests a folder holding good.csv plus one bad file; returns the result and the outputs read back. */
async function ingestWith(badName: string, badContent: string | Buffer) {
  const project = makeTempProject({
    seed: [],
    files: { 'input/good.csv': GOOD, [`input/${badName}`]: badContent },
    config: { input_folder_path: 'input' },
  });
  try {
    const result = await ingest(project.config);
    const finalData = readFileSync(result.finalDataPath, 'utf8');
    const rejectsCsv = result.rejectsPath ? readFileSync(result.rejectsPath, 'utf8') : '';
    return { result, finalData, rejectsCsv };
  } finally {
    project.cleanup();
  }
}

describe('ingestion of the seed data', () => {
  it('writes 26 rows from practicedata (36 read, 10 duplicates), as the reference says', async () => {
    const reference = seedReference().datasets.reference;
    const project = makeTempProject();
    try {
      const { record, finalDataPath, rejectsPath } = await ingest(project.config);
      assert.equal(record.rows_read, reference.rows_read);
      assert.equal(record.rows_final, reference.rows_after_dedup);
      assert.equal(record.duplicates_removed, 10);
      assert.equal(rejectsPath, null);
      assert.deepEqual(
        record.files.map((f) => f.name),
        reference.files,
      );
      assert.deepEqual(
        record.files.map((f) => [f.rows_read, f.rows_kept, f.rows_duplicate]),
        [
          [17, 17, 0],
          [19, 9, 10],
        ],
      );
      const lines = readFileSync(finalDataPath, 'utf8').trimEnd().split('\n');
      assert.equal(lines[0], HEADER);
      assert.equal(lines.length, 27);
      assert.equal(new Set(lines).size, 27, 'no duplicate rows remain');
      assert.equal(lines[1], 'nciw,100,1359,1,0', 'input order is kept');
      assert.equal(
        readFileSync(join(project.config.output_folder_path, 'ingestedfiles.txt'), 'utf8'),
        'dataset1.csv\ndataset2.csv\n',
      );
      const saved = await readIngestionRecord(join(project.config.output_folder_path, 'ingestedfiles.json'));
      assert.deepEqual(saved, record);
      assert.match(record.files[0]?.sha256 ?? '', /^[0-9a-f]{64}$/);
    } finally {
      project.cleanup();
    }
  });
});

describe('ingestion of bad files keeps the good rows and reports file, line, column and reason', () => {
  it('skips a file with the wrong header whole', async () => {
    const { result, rejectsCsv } = await ingestWith('wrong.csv', 'name,month,year\nx,1,2\n');
    assert.equal(result.record.rows_final, 2);
    const wrong = result.record.files.find((f) => f.name === 'wrong.csv');
    assert.match(wrong?.skipped ?? '', /header lacks columns corporation, lastmonth_activity/);
    assert.deepEqual(
      result.rejects.map((r) => [r.file, r.line, r.column]),
      [['wrong.csv', 1, '(file)']],
    );
    assert.match(rejectsCsv, /^file,line,column,value,reason\nwrong\.csv,1,\(file\),,"file skipped: header lacks/);
  });

  it('rejects text in a numeric column', async () => {
    const { result, finalData } = await ingestWith('text.csv', `${HEADER}\nccc,7,8,9,1\nddd,7,8,twelve,1\n`);
    assert.deepEqual(result.rejects, [
      {
        file: 'text.csv',
        line: 3,
        column: 'number_of_employees',
        value: 'twelve',
        reason: 'expected a non-negative integer',
      },
    ]);
    assert.equal(result.record.rows_final, 3);
    assert.match(finalData, /ccc,7,8,9,1/);
    assert.doesNotMatch(finalData, /ddd/);
  });

  it('skips an empty file', async () => {
    const { result } = await ingestWith('empty.csv', '');
    assert.deepEqual(
      result.rejects.map((r) => [r.file, r.line, r.reason]),
      [['empty.csv', 1, 'file skipped: empty file (no header line)']],
    );
    assert.equal(result.record.rows_final, 2);
  });

  it('rejects a truncated last row', async () => {
    const { result } = await ingestWith('truncated.csv', `${HEADER}\neee,1,1,1,1\nfff,2,2`);
    assert.deepEqual(
      result.rejects.map((r) => [r.file, r.line, r.column, r.reason]),
      [['truncated.csv', 3, 'number_of_employees', 'missing field: expected 5 fields, found 3']],
    );
    assert.equal(result.record.rows_final, 3);
  });

  it('rejects a label outside {0, 1}', async () => {
    const { result } = await ingestWith('label.csv', `${HEADER}\nggg,1,1,1,2\nhhh,1,1,1,-1\niii,1,1,1,0\n`);
    assert.deepEqual(
      result.rejects.map((r) => [r.line, r.column, r.value, r.reason]),
      [
        [2, 'exited', '2', 'label must be 0 or 1'],
        [3, 'exited', '-1', 'label must be 0 or 1'],
      ],
    );
    assert.equal(result.record.files.find((f) => f.name === 'label.csv')?.rows_kept, 1);
  });

  it('accepts a file with a UTF-8 BOM and Windows line endings', async () => {
    const { result, finalData } = await ingestWith('windows.csv', `\ufeff${HEADER}\r\njjj,10,20,30,1\r\n`);
    assert.deepEqual(result.rejects, []);
    assert.equal(result.rejectsPath, null);
    assert.match(finalData, /\njjj,10,20,30,1\n/);
  });

  it('keeps quoted fields intact through the merge', async () => {
    const { result, finalData } = await ingestWith(
      'quoted.csv',
      `${HEADER}\n"Smith, Jones ""&"" Co",1,2,3,1\n"multi\nline",4,5,6,0\nkkk,x,5,6,0\n`,
    );
    assert.equal(result.record.rows_final, 4);
    assert.match(finalData, /\n"Smith, Jones ""&"" Co",1,2,3,1\n/);
    assert.match(finalData, /\n"multi\nline",4,5,6,0\n/);
    assert.deepEqual(
      result.rejects.map((r) => r.line),
      [5],
      'the line number counts the line break inside the quoted field',
    );
  });
});

describe('ingestion keeping the rows in memory', () => {
  it('returns exactly the rows of finaldata.csv, in input order, also when a file went through staging', async () => {
    // a.csv has a rejected row (staging path: removed from DuckDB and appended again), b.csv repeats a row of a.csv
    const project = makeTempProject({
      seed: [],
      files: {
        'input/a.csv': `${HEADER}\nfirst,1,1,1,1\nbad,x,1,1,1\nshared,2,2,2,0\n`,
        'input/b.csv': `${HEADER}\nshared,2,2,2,0\nlast,3,3,3,1\nlast,3,3,3,1\n`,
      },
      config: { input_folder_path: 'input' },
    });
    try {
      const { dataset, finalDataPath, record } = await ingestFolder({
        inputFolder: project.config.input_folder_path,
        outputFolder: project.config.output_folder_path,
      });
      const fromFile = (await readDataset(finalDataPath)).dataset;
      assert.deepEqual(dataset, fromFile);
      assert.deepEqual(
        readFileSync(finalDataPath, 'utf8')
          .split('\n')
          .slice(1, -1)
          .map((line) => line.split(',')[0]),
        ['first', 'shared', 'last'],
        'first occurrences, in file order',
      );
      assert.deepEqual(
        record.files.map((f) => [f.rows_kept, f.rows_duplicate]),
        [
          [2, 0],
          [1, 2],
        ],
      );
    } finally {
      project.cleanup();
    }
  });

  it('matches the file on the seed data', async () => {
    const project = makeTempProject({ seed: ['practicedata'] });
    try {
      const { dataset, finalDataPath } = await ingest(project.config);
      assert.deepEqual(dataset, (await readDataset(finalDataPath)).dataset);
    } finally {
      project.cleanup();
    }
  });
});

describe('ingestion failures and new-data detection', () => {
  it('fails with a clear message when nothing usable is found, leaving earlier outputs untouched', async () => {
    const project = makeTempProject({ seed: ['practicedata'] });
    try {
      await ingest(project.config);
      const before = readFileSync(join(project.config.output_folder_path, 'finaldata.csv'), 'utf8');
      writeFileSync(join(project.dir, 'practicedata/dataset1.csv'), 'nothing,useful\n');
      writeFileSync(join(project.dir, 'practicedata/dataset2.csv'), `${HEADER}\nx,-1,1,1,1\n`);
      await assert.rejects(ingest(project.config), (error: unknown) => {
        assert.ok(error instanceof DataError);
        assert.match(
          error.message,
          /no valid rows to ingest \(dataset1\.csv: header lacks .*; dataset2\.csv: all 1 rows rejected\)/,
        );
        return true;
      });
      assert.equal(readFileSync(join(project.config.output_folder_path, 'finaldata.csv'), 'utf8'), before);
    } finally {
      project.cleanup();
    }
  });

  it('fails on an empty input folder', async () => {
    const project = makeTempProject({
      seed: [],
      files: { 'input/readme.txt': 'not a csv' },
      config: { input_folder_path: 'input' },
    });
    try {
      await assert.rejects(ingest(project.config), /no \*\.csv files to ingest/);
    } finally {
      project.cleanup();
    }
  });

  it('reports no new data for unchanged files, and new data when one byte changes or a file is added', async () => {
    const project = makeTempProject({ seed: ['practicedata'] });
    try {
      const { record } = await ingest(project.config);
      const folder = project.config.input_folder_path;
      assert.deepEqual(await checkForNewData(folder, record), {
        hasNewData: false,
        newFiles: [],
        changedFiles: [],
        removedFiles: [],
      });
      const path = join(folder, 'dataset2.csv');
      writeFileSync(path, readFileSync(path, 'utf8').replace('abcd,78', 'abcd,79'));
      assert.deepEqual(await checkForNewData(folder, record), {
        hasNewData: true,
        newFiles: [],
        changedFiles: ['dataset2.csv'],
        removedFiles: [],
      });
      writeFileSync(join(folder, 'dataset9.csv'), GOOD);
      assert.deepEqual((await checkForNewData(folder, record)).newFiles, ['dataset9.csv']);
      assert.equal((await checkForNewData(folder, null)).newFiles.length, 3);
    } finally {
      project.cleanup();
    }
  });
});
