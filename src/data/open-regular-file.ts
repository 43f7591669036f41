/**
 * Opens a data file once, so that what is checked is what is read: never through a symbolic link
 * (O_NOFOLLOW: a link placed in an input folder could point at any file of the machine), never waiting
 * on a FIFO or a device (O_NONBLOCK, then fstat of the handle must say a regular file; a FIFO left in
 * the input folder once hung a cycle for good). Readers then open `readPath`: on Linux
 * /proc/self/fd/N, which reopens the very file the handle holds, so a file swapped in after the check
 * is never read; elsewhere the path itself.
 */
import { existsSync } from 'node:fs';
import { constants, type FileHandle, open, readFile } from 'node:fs/promises';
import { DataError } from '../errors.ts';

/** A file refused before anything was read from it; `reason` says why without the path. */
export class RefusedFileError extends DataError {
  constructor(
    path: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${reason}`, options);
  }
}

/** An opened, checked regular file. */
export interface OpenedFile {
  /** The path it was opened by (what reports and errors name). */
  path: string;
  /** A path that reads exactly this file (Linux: /proc/self/fd/N). */
  readPath: string;
  size: number;
  /** Closes the handle (after every read through readPath). */
  close(): Promise<void>;
}

const FD_LINKS = existsSync('/proc/self/fd') ? '/proc/self/fd' : null;

/** Read-only, not through a symbolic link at the path's end, never blocking on a FIFO. */
export const CHECKED_OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** The path that reads exactly the file open as `fd` (Linux: /proc/self/fd/N), else `fallback`. */
export function readPathOf(fd: number, fallback: string): string {
  return FD_LINKS === null ? fallback : `${FD_LINKS}/${fd}`;
}

/** Opens `path` for reading if it is a regular file reached without a symbolic link at its end. */
export async function openRegularFile(path: string): Promise<OpenedFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, CHECKED_OPEN_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new RefusedFileError(path, 'a symbolic link: not followed', { cause: error });
    }
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile())
      throw new RefusedFileError(path, 'not a regular file (a FIFO, device, socket or folder): not read');
    return {
      path,
      readPath: readPathOf(handle.fd, path),
      size: info.size,
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The text of the regular file at `path` (opened as openRegularFile does), or null when it does not exist. */
export async function readRegularTextOrNull(path: string): Promise<string | null> {
  let file: OpenedFile;
  try {
    file = await openRegularFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return await readFile(file.readPath, 'utf8');
  } finally {
    await file.close();
  }
}
