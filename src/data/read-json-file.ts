/**
 * Reading a JSON file, always validated by its zod schema: `readJsonFile` for records that must be
 * right (a missing file is `null`, a file that is not JSON or does not match is a CorruptFileError
 * naming the file, the field and the problem), `parseJsonText` for such a record's text already in
 * hand, `readJsonFileOrNull` for caches and hints that are simply ignored when absent, unreadable or
 * wrong. Files are opened once without following a link at their path and read only when the handle
 * is a regular file (data/open-regular-file.ts): a link planted in place of a record never shows
 * another file's contents, and a FIFO never hangs a reader (alerts/state.json did both).
 */
import type { z } from 'zod';
import { CorruptFileError } from '../errors.ts';
import { RefusedFileError, readRegularTextOrNull } from './open-regular-file.ts';

/** Parses `path` with `schema`; null when the file does not exist. `what` names it in messages. */
export async function readJsonFile<T extends z.ZodType>(
  path: string,
  schema: T,
  what: string,
): Promise<z.infer<T> | null> {
  let text: string | null;
  try {
    text = await readRegularTextOrNull(path);
  } catch (error) {
    if (error instanceof RefusedFileError)
      throw new CorruptFileError(`${path}: ${what} not read: ${error.reason}`, { cause: error });
    throw error;
  }
  return text === null ? null : parseJsonText(text, path, schema, what);
}

/** Parses `text`, the contents of `path`, with `schema`; a CorruptFileError names the file and the field. */
export function parseJsonText<T extends z.ZodType>(text: string, path: string, schema: T, what: string): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CorruptFileError(`${path}: corrupt ${what}, not valid JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CorruptFileError(
      `${path}: corrupt ${what}, field ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/** Parses `path` with `schema`; null when the file is absent, unreadable, not JSON or does not match. */
export async function readJsonFileOrNull<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T> | null> {
  try {
    return await readJsonFile(path, schema, 'file');
  } catch {
    return null;
  }
}
