/**
 * Reading and writing model files on disk: `trainedmodel.json` written atomically, read back through the
 * zod-validated parser so a corrupted or foreign file is refused with an error naming it.
 */
import { readFile } from 'node:fs/promises';
import { writeJsonAtomic } from '../data/atomic-write.ts';
import { NotFoundError } from '../errors.ts';
import { parseModelFile, type ModelFile } from '../model/model-file.ts';
import type { LogisticModel } from '../model/logistic-regression.ts';

/** A model read from disk: the fitted parameters and the whole file record. */
export interface StoredModel {
  model: LogisticModel;
  file: ModelFile;
  path: string;
}

/** Reads and validates the model file at `path`; NotFoundError when it does not exist. */
export async function readModelFile(path: string, hint = 'run `npm run train` first'): Promise<StoredModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new NotFoundError(`${path}: no model file (${hint})`, { cause: error });
    throw error;
  }
  return { ...parseModelFile(text, path), path };
}

/** Writes a model file atomically. */
export async function writeModelFile(path: string, file: ModelFile): Promise<void> {
  await writeJsonAtomic(path, file);
}
