import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileIdentity, FileValueCache, type FileIdentity } from '../../src/api/file-value-cache.ts';

const dir = mkdtempSync(join(tmpdir(), 'attrition-file-cache-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A modification time (seconds) that files are set to, to make two of them alike. */
const SOME_TIME = 1_700_000_000;

const identity = (ino: number): FileIdentity => ({ dev: 1, ino, size: 10, mtimeMs: 1000, ctimeMs: 1000 });

describe('FileValueCache', () => {
  it('keeps values within the budget, evicting the least recently used first', () => {
    const cache = new FileValueCache<string>(300);
    assert.equal(cache.set('a', identity(1), 'A', 100), true);
    assert.equal(cache.set('b', identity(2), 'B', 100), true);
    assert.equal(cache.set('c', identity(3), 'C', 100), true);
    assert.equal(cache.get('a', identity(1)), 'A'); // a is now the most recently used: b goes first
    cache.set('d', identity(4), 'D', 100);
    assert.equal(cache.get('b', identity(2)), undefined);
    assert.deepEqual(
      ['a', 'c', 'd'].map((key, i) => cache.get(key, identity([1, 3, 4][i]!))),
      ['A', 'C', 'D'],
    );
    assert.equal(cache.bytes, 300);
    cache.set('e', identity(5), 'E', 250); // needs the room of a, c and d (c was used least recently)
    assert.equal(cache.size, 1);
    assert.equal(cache.bytes, 250);
    assert.equal(cache.get('e', identity(5)), 'E');
  });

  it('keeps nothing heavier than the whole budget, and dropping the old value for that key', () => {
    const cache = new FileValueCache<string>(100);
    cache.set('a', identity(1), 'A', 50);
    cache.set('b', identity(2), 'B', 50);
    assert.equal(cache.set('a', identity(9), 'A2', 101), false);
    assert.equal(cache.get('a', identity(9)), undefined);
    assert.equal(cache.get('a', identity(1)), undefined, 'the old version is gone too');
    assert.equal(cache.get('b', identity(2)), 'B', 'other values stay');
    assert.equal(cache.bytes, 50);
    assert.equal(new FileValueCache<string>(0).set('a', identity(1), 'A', 1), false, 'a budget of 0 keeps nothing');
  });

  it('replacing a key frees its old weight', () => {
    const cache = new FileValueCache<string>(100);
    cache.set('a', identity(1), 'A', 80);
    cache.set('a', identity(2), 'A2', 90);
    assert.equal(cache.size, 1);
    assert.equal(cache.bytes, 90);
    assert.equal(cache.get('a', identity(2)), 'A2');
  });

  it('serves a value only while the file keeps its identity: edited, replaced, same size and time on another inode', () => {
    const path = join(dir, 'data.csv');
    writeFileSync(path, 'one,1\n');
    const cache = new FileValueCache<string>(1000);
    cache.set(path, fileIdentity(statSync(path)), 'first', 10);
    assert.equal(cache.get(path, fileIdentity(statSync(path))), 'first', 'unchanged file: a hit');

    writeFileSync(path, 'two,22\n'); // edited in place: new size and mtime
    assert.equal(cache.get(path, fileIdentity(statSync(path))), undefined);
    assert.equal(cache.size, 0, 'a stale value is dropped');

    utimesSync(path, SOME_TIME, SOME_TIME);
    const before = statSync(path);
    cache.set(path, fileIdentity(before), 'second', 10);
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'two,33\n'); // same size
    utimesSync(other, SOME_TIME, SOME_TIME); // same modification time
    renameSync(other, path); // replaced: another inode under the same name
    const after = statSync(path);
    assert.equal(after.size, before.size);
    assert.equal(after.mtimeMs, before.mtimeMs);
    assert.notEqual(after.ino, before.ino);
    assert.equal(cache.get(path, fileIdentity(after)), undefined);
  });

  it('a file touched back to its old modification time still differs by its change time', () => {
    const path = join(dir, 'touched.csv');
    writeFileSync(path, 'a,1\n');
    utimesSync(path, SOME_TIME, SOME_TIME);
    const before = statSync(path);
    const cache = new FileValueCache<string>(1000);
    cache.set(path, fileIdentity(before), 'old', 10);
    const start = Date.now();
    while (Date.now() - start < 20); // let the clock move past the file system's time granularity
    writeFileSync(path, 'b,2\n'); // same size
    utimesSync(path, SOME_TIME, SOME_TIME);
    const after = statSync(path);
    assert.equal(after.mtimeMs, before.mtimeMs);
    assert.equal(cache.get(path, fileIdentity(after)), undefined);
  });
});
