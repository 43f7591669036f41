/**
 * A memory-bounded cache of values made from files (the API's parsed data sets). Each value is kept
 * under its file's path with the identity the file had when it was read (device, inode, size,
 * modification and change times) and is served only while the file still has that identity, so an
 * edited, rewritten or replaced file is read afresh on the next request. Values are weighed in bytes
 * by the caller; past the budget, the least recently used go first, and a value heavier than the whole
 * budget is not kept at all.
 */
import type { Stats } from 'node:fs';

/** What tells one version of a file from another (from fstat of the handle the value was read from). */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** The identity of the file `info` describes. */
export function fileIdentity(info: Stats): FileIdentity {
  return { dev: info.dev, ino: info.ino, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs };
}

function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.ino === b.ino && a.dev === b.dev && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

interface Entry<T> {
  identity: FileIdentity;
  value: T;
  bytes: number;
}

/** Values by file path, within `budgetBytes`, least recently used evicted first. */
export class FileValueCache<T> {
  /** In use order, least recent first (a Map iterates in insertion order; a hit re-inserts). */
  private readonly entries = new Map<string, Entry<T>>();
  private used = 0;

  constructor(readonly budgetBytes: number) {}

  /** Bytes held by the values kept. */
  get bytes(): number {
    return this.used;
  }

  /** How many values are kept. */
  get size(): number {
    return this.entries.size;
  }

  /** The value kept for `path` if the file still has `identity` (a stale value is dropped). */
  get(path: string, identity: FileIdentity): T | undefined {
    const entry = this.entries.get(path);
    if (entry === undefined) return undefined;
    this.drop(path, entry);
    if (!sameIdentity(entry.identity, identity)) return undefined;
    this.entries.set(path, entry);
    this.used += entry.bytes;
    return entry.value;
  }

  /**
   * Keeps `value` (weighing `bytes`) for `path` at `identity`, replacing what was kept for that path and
   * evicting the least recently used values as needed. Returns false, keeping nothing, when `bytes`
   * exceeds the whole budget.
   */
  set(path: string, identity: FileIdentity, value: T, bytes: number): boolean {
    const old = this.entries.get(path);
    if (old !== undefined) this.drop(path, old);
    if (bytes > this.budgetBytes) return false;
    for (const [oldestPath, oldest] of this.entries) {
      if (this.used + bytes <= this.budgetBytes) break;
      this.drop(oldestPath, oldest);
    }
    this.entries.set(path, { identity, value, bytes });
    this.used += bytes;
    return true;
  }

  private drop(path: string, entry: Entry<T>): void {
    this.entries.delete(path);
    this.used -= entry.bytes;
  }
}
