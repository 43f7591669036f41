/**
 * Lists the CSV files a path stands for: the file itself, or every *.csv directly inside a folder,
 * sorted by name (byte order, so the order is the same on every machine); and their total size.
 */
import { readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.ts';

/** Absolute paths of the CSV files at `path`; throws DataError when the path does not exist. */
export async function listCsvFiles(path: string): Promise<string[]> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    throw new DataError(`${path}: no such file or folder`, { cause: error });
  }
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  return (
    entries
      // not only regular files: a link or a FIFO named .csv is listed so that its reader reports it refused
      .filter((entry) => !entry.isDirectory() && entry.name.toLowerCase().endsWith('.csv'))
      .map((entry) => entry.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name) => join(path, name))
  );
}

/** The total size in bytes of `paths` (a file that cannot be read counts 0: its reader reports it). */
export async function totalBytes(paths: readonly string[]): Promise<number> {
  const sizes = await Promise.all(
    paths.map((file) =>
      stat(file).then(
        (info) => info.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}
