import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { FileLabelStore } from '../../src/labels/file-label-store.ts';
import { readLabelsFile } from '../../src/labels/labels-csv.ts';
import { readLabels } from '../../src/pipeline/steps/read-labels.ts';
import { outputFolderLayout } from '../../src/records/output-layout.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';

const GOOD = 'id,exited,observed_at\nacme,1,2027-03-01\nglobex,0,2027-03-01T12:00:00Z\n';

describe('readLabelsFile', () => {
  let project: TempProject;
  beforeEach(() => {
    project = makeTempProject({ seed: [] });
  });
  afterEach(() => project.cleanup());

  it('keeps the good rows and reports each bad field by file, line, column and value', async () => {
    const path = join(project.dir, 'batch.csv');
    writeFileSync(
      path,
      'note,observed_at,exited,id\nx,2027-03-01,1,acme\ny,2027-03-01,2,initech\nz,,1,\n"w",2027-02-30,0,hooli\nv,2027-03-02T00:00:00+02:00,0," umbrella "\n',
    );
    const { report, labels } = await readLabelsFile(path);
    assert.deepEqual(labels, [
      { id: 'acme', exited: 1, observedAt: Date.UTC(2027, 2, 1) },
      { id: 'umbrella', exited: 0, observedAt: Date.UTC(2027, 2, 1, 22) },
    ]);
    assert.equal(report.rowsRead, 5);
    assert.equal(report.rowsRejected, 3);
    assert.deepEqual(
      report.rejects.map((r) => [r.file, r.line, r.column, r.value]),
      [
        ['batch.csv', 3, 'exited', '2'],
        ['batch.csv', 4, 'id', ''],
        ['batch.csv', 4, 'observed_at', ''],
        ['batch.csv', 5, 'observed_at', '2027-02-30'],
      ],
    );
  });

  it('skips a file without the columns, a link and a FIFO, saying why', async () => {
    const header = join(project.dir, 'header.csv');
    writeFileSync(header, 'id,exited\nacme,1\n');
    assert.match((await readLabelsFile(header)).report.skipped ?? '', /header lacks column observed_at/);
    const outside = join(project.dir, 'secret.txt');
    writeFileSync(outside, GOOD);
    const link = join(project.dir, 'link.csv');
    symlinkSync(outside, link);
    const linked = await readLabelsFile(link);
    assert.match(linked.report.skipped ?? '', /symbolic link/);
    assert.deepEqual(linked.labels, []);
    const fifo = join(project.dir, 'fifo.csv');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    assert.match((await readLabelsFile(fifo)).report.skipped ?? '', /not a regular file/);
  });
});

describe('the labels step', () => {
  let project: TempProject;
  let folder: string;
  beforeEach(() => {
    project = makeTempProject({ seed: [], files: { 'labelsdata/a.csv': GOOD } });
    folder = project.config.labels_folder_path;
  });
  afterEach(() => project.cleanup());

  it('reads new files once, re-reads a changed one (its old labels then duplicates), records and rejects', async () => {
    const layout = outputFolderLayout(project.config.output_folder_path);
    const store = new FileLabelStore(layout.labels);
    const first = await readLabels(project.config, store);
    assert.equal(first.stored, 2);
    assert.equal(first.files.length, 1);
    const again = await readLabels(project.config, store);
    assert.equal(again.files.length, 0);
    assert.equal(again.unchanged, 1);

    writeFileSync(join(folder, 'a.csv'), `${GOOD}acme,0,2027-03-01\ninitech,1,2027-04-01\nbad,1,soon\n`);
    utimesSync(join(folder, 'a.csv'), new Date(), new Date(Date.now() + 5000));
    const changed = await readLabels(project.config, store);
    assert.deepEqual([changed.stored, changed.duplicates, changed.conflicts, changed.rowsRejected], [1, 2, 1, 1]);
    assert.match(
      readFileSync(layout.labelsRejects, 'utf8'),
      /^file,line,column,value,reason\na\.csv,6,observed_at,soon,/,
    );
    const record = JSON.parse(readFileSync(layout.labelsFiles, 'utf8'));
    assert.deepEqual(
      record.files.map((f: { name: string; stored: number; conflicts: number }) => [f.name, f.stored, f.conflicts]),
      [['a.csv', 1, 1]],
    );
    assert.equal((await store.read()).count, 3);
  });

  it('holds no labels when the labels folder does not exist', async () => {
    rmSync(folder, { recursive: true });
    const store = new FileLabelStore(outputFolderLayout(project.config.output_folder_path).labels);
    assert.deepEqual(await readLabels(project.config, store), {
      files: [],
      unchanged: 0,
      stored: 0,
      duplicates: 0,
      conflicts: 0,
      rowsRejected: 0,
    });
  });
});
