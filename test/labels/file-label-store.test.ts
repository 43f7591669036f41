import assert from 'node:assert/strict';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { FileLabelStore, LABELS_FILE } from '../../src/labels/file-label-store.ts';
import { exitedOf, type Label, observedAtOf } from '../../src/labels/label.ts';

const day = (d: number) => Date.UTC(2027, 0, d);
const label = (id: string, exited: 0 | 1, d: number): Label => ({ id, exited, observedAt: day(d) });

/** The labels of `id` as [day of month, exited] pairs. */
function labelsOf(byId: ReadonlyMap<string, number | readonly number[]>, id: string): [number, number][] {
  const held = byId.get(id);
  if (held === undefined) return [];
  return (typeof held === 'number' ? [held] : held).map((p) => [new Date(observedAtOf(p)).getUTCDate(), exitedOf(p)]);
}

describe('FileLabelStore', () => {
  let dir: string;
  let folder: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'labels-'));
    folder = join(dir, 'labels');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores new labels once, counts duplicates (also within one call) and refuses conflicts', async () => {
    const store = new FileLabelStore(folder);
    const first = await store.add([label('a', 1, 1), label('b', 0, 1), label('a', 1, 1), label('a', 0, 2)], 'api');
    assert.deepEqual(first, { stored: 3, duplicates: 1, conflicts: 0, conflicted: [] });
    const second = await store.add([label('a', 1, 1), label('a', 0, 1), label('c', 1, 3)], 'x.csv');
    assert.equal(second.stored, 1);
    assert.equal(second.duplicates, 1);
    assert.equal(second.conflicts, 1);
    assert.deepEqual(second.conflicted, [{ id: 'a', observed_at: '2027-01-01T00:00:00.000Z', stored: 1, given: 0 }]);
    const read = await store.read();
    assert.equal(read.count, 4);
    assert.deepEqual(labelsOf(read.byId, 'a'), [
      [1, 1],
      [2, 0],
    ]);
    assert.equal(statSync(join(folder, LABELS_FILE)).mode & 0o777, 0o600);
  });

  it('keeps an id’s labels in time order whatever order they arrive in', async () => {
    const store = new FileLabelStore(folder);
    await store.add([label('a', 0, 5), label('a', 1, 2), label('a', 0, 9), label('a', 1, 1)], 'api');
    assert.deepEqual(labelsOf((await store.read()).byId, 'a'), [
      [1, 1],
      [2, 1],
      [5, 0],
      [9, 0],
    ]);
  });

  it('sees what another process appended: reads catch up, conflicts are found across writers', async () => {
    const one = new FileLabelStore(folder);
    const two = new FileLabelStore(folder);
    await one.add([label('a', 1, 1)], 'api');
    await two.add([label('b', 0, 1)], 'api');
    const again = await one.add([label('b', 1, 1), label('b', 0, 1)], 'api');
    assert.equal(again.conflicts, 1);
    assert.equal(again.duplicates, 1);
    assert.equal((await two.read()).count, 2);
    const fresh = await new FileLabelStore(folder).read();
    assert.equal(fresh.count, 2);
    assert.equal(fresh.skipped, 0);
  });

  it('adds from several callers at once all land, each once', async () => {
    const stores = [new FileLabelStore(folder), new FileLabelStore(folder), new FileLabelStore(folder)];
    const results = await Promise.all(
      stores.flatMap((store, s) =>
        [0, 1, 2, 3].map((k) => store.add([label(`id-${k}`, 1, 1), label(`s${s}-${k}`, 0, 2)], 'api')),
      ),
    );
    assert.equal(
      results.reduce((sum, r) => sum + r.stored, 0),
      4 + 12,
    );
    const lines = readFileSync(join(folder, LABELS_FILE), 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 16);
  });

  it('skips a torn last line and ends it before appending, so later labels stay readable', async () => {
    const store = new FileLabelStore(folder);
    await store.add([label('a', 1, 1)], 'api');
    appendFileSync(join(folder, LABELS_FILE), '1798761600000\t1\t5\t"api"\t"tor');
    const other = new FileLabelStore(folder);
    assert.equal((await other.read()).count, 1);
    await other.add([label('b', 0, 1)], 'api');
    const fresh = await new FileLabelStore(folder).read();
    assert.equal(fresh.count, 2);
    assert.equal(fresh.skipped, 1);
    assert.deepEqual(labelsOf(fresh.byId, 'b'), [[1, 0]]);
  });

  it('never follows a link or reads a FIFO in place of the labels file', async () => {
    mkdirSync(folder);
    const outside = join(dir, 'secret.txt');
    writeFileSync(outside, 'secret\n');
    symlinkSync(outside, join(folder, LABELS_FILE));
    const store = new FileLabelStore(folder);
    await assert.rejects(store.read(), /symbolic link/);
    await assert.rejects(store.add([label('a', 1, 1)], 'api'), /symbolic link|ELOOP/);
    assert.equal(readFileSync(outside, 'utf8'), 'secret\n');
  });
});
