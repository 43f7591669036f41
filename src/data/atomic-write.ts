/**
 * Crash-safe writes: content goes to a temporary file in the same folder, is flushed to disk, then
 * renamed over the target. A reader (or a process killed mid-write) sees the old file or the new one,
 * never a half-written one.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Prefix of every temporary file or folder we create next to a target; safe to delete when stale. */
export const TEMP_PREFIX = '.tmp-';

/** A unique temporary path beside `target` (same folder, so the final rename is atomic). */
export function tempPathFor(target: string): string {
  return join(dirname(target), `${TEMP_PREFIX}${basename(target)}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Flushes a file's content to disk. */
export async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Renames a finished temporary file into place after flushing it; removes it if the rename fails. */
export async function commitTempFile(temp: string, target: string): Promise<void> {
  try {
    await fsyncFile(temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes `data` to `target` atomically; a new file gets `mode` (less the umask). */
export async function writeFileAtomic(target: string, data: string | Uint8Array, mode = 0o666): Promise<void> {
  const temp = tempPathFor(target);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The text of every JSON file written here: pretty JSON with a final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Writes a value as pretty JSON (with a final newline) atomically. */
export async function writeJsonAtomic(target: string, value: unknown): Promise<void> {
  await writeFileAtomic(target, jsonText(value));
}

/** Whether a process with this pid is running (signal 0 probes without sending anything). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files and folders left in `folder` by processes that died mid-write (their pid,
 * embedded in the name by tempPathFor, is no longer running). Returns the names removed.
 */
export async function removeStaleTemps(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const pid = Number(/-(\d+)-[0-9a-f]{8}$/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || processIsAlive(pid)) continue;
    await rm(join(folder, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
