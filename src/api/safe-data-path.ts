/**
 * Resolves a client-given data file name inside one allowed folder. Anything that could leave the
 * folder is refused before any file is read: path separators, `..`, absolute paths, URL-encoded tricks
 * (the name is taken literally), NUL bytes, non-CSV names, and symlinks whose real path is elsewhere.
 */
import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { AppError, NotFoundError } from '../errors.ts';

/** A 400 for a dataset_path that is not allowed. */
export class UnsafePathError extends AppError {
  constructor(message: string) {
    super(400, message);
  }
}

const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._ -]{0,199}\.csv$/;

/** The real path of CSV file `name` directly inside `folder`; throws UnsafePathError or NotFoundError. */
export async function resolveDataFile(folder: string, name: string): Promise<string> {
  if (!SAFE_NAME.test(name) || name.includes('..')) {
    throw new UnsafePathError(`dataset_path must be the name of a .csv file inside the test data folder (letters, digits, '.', '_', '-', ' '; no folders): got ${JSON.stringify(name.slice(0, 100))}`);
  }
  const root = await realpath(folder);
  let real: string;
  try {
    real = await realpath(join(root, name));
  } catch {
    throw new NotFoundError(`dataset_path ${JSON.stringify(name)}: no such file in the test data folder`);
  }
  if (!real.startsWith(root + sep)) throw new UnsafePathError(`dataset_path ${JSON.stringify(name)} points outside the test data folder`);
  if (!(await stat(real)).isFile()) throw new UnsafePathError(`dataset_path ${JSON.stringify(name)} is not a regular file`);
  return real;
}
