/**
 * A one-entry cache for values derived from files: the value is recomputed only when its key (made of
 * model id, file size and modification time...) changes. Concurrent callers with the same key share
 * one computation. Keys of files come from data/file-key.ts.
 */

/** Caches the latest value of an async computation by key. */
export class KeyedCache<T> {
  private entry: { key: string; value: Promise<T> } | null = null;

  /** The value for `key`, computing it with `compute` when the key changed. */
  get(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.entry?.key === key) return this.entry.value;
    const value = compute();
    const entry = { key, value };
    this.entry = entry;
    value.catch(() => {
      if (this.entry === entry) this.entry = null;
    });
    return value;
  }
}
