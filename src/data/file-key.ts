/**
 * A cheap identity for a file's current content: it changes whenever the file is replaced or written
 * (inode, size, modification time), so values derived from the file can be cached against it.
 */
import { stat } from 'node:fs/promises';

/** The key of the file at `path`; '' when it does not exist. */
export async function fileKey(path: string): Promise<string> {
  try {
    const info = await stat(path);
    return `${info.ino}:${info.size}:${info.mtimeMs}`;
  } catch {
    return '';
  }
}
