/**
 * The log's folders, opened without following a symbolic link (a link placed where the log folder or a
 * day folder belongs could send entries anywhere, or read them from anywhere). Entries inside an opened
 * folder are reached through its handle (Linux: /proc/self/fd/N/<name>), so a folder swapped for a
 * link after the check is never used.
 */
import { constants, lstat, mkdir, open } from 'node:fs/promises';
import { readPathOf, RefusedFileError } from '../data/open-regular-file.ts';

const FOLDER_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

/** A folder held open. */
export interface OpenedFolder {
  /** A path that reaches this very folder (Linux: /proc/self/fd/N); join entry names to it. */
  path: string;
  /** Flushes the folder's entries (a file created or renamed in it) to disk. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens folder `path` if it is a folder reached without a symbolic link at its end; `shownAs` names it
 * in the error otherwise. A missing folder rejects with ENOENT.
 */
export async function openFolder(path: string, shownAs: string): Promise<OpenedFolder> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, FOLDER_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTDIR' && code !== 'ELOOP') throw error;
    const link = code === 'ELOOP' || (await lstat(path).catch(() => null))?.isSymbolicLink();
    throw new RefusedFileError(shownAs, link ? 'a symbolic link: not followed' : 'not a folder', { cause: error });
  }
  return {
    path: readPathOf(handle.fd, path),
    sync: () => handle.sync(),
    close: () => handle.close(),
  };
}

/**
 * Opens folder `path` (see openFolder), creating it and any missing parent first (mode 700) if missing;
 * `created` says whether it was.
 */
export async function ensureFolder(path: string, shownAs: string): Promise<{ folder: OpenedFolder; created: boolean }> {
  let created = false;
  try {
    created = (await mkdir(path, { recursive: true, mode: 0o700 })) !== undefined;
  } catch (error) {
    // a file or a link in the way: openFolder says which
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return { folder: await openFolder(path, shownAs), created };
}
