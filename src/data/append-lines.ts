/**
 * Appending lines to a JSON-lines file safely: opened once without following a link (O_NOFOLLOW: a
 * link planted at the path fails the append instead of writing wherever it points), never blocking on
 * a FIFO, checked to be a regular file on the handle; a last line left torn by a crash is ended first,
 * then the lines go in one write and are synced. A file created here gets `mode` (less the umask).
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

const FLAGS = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Appends `lines` (each without its line feed) to the file at `path`. */
export async function appendLines(path: string, lines: readonly string[], mode = 0o666): Promise<void> {
  if (lines.length === 0) return;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, FLAGS, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new Error(`${path}: a symbolic link, not followed`);
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`${path}: not a regular file`);
    let torn = false;
    if (info.size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, info.size - 1);
      torn = last[0] !== 10;
    }
    await handle.appendFile(`${torn ? '\n' : ''}${lines.join('\n')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
