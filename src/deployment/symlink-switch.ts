/**
 * Atomic symlink replacement: a new link is made under a temporary name beside the old one and renamed
 * over it, so `current` (and every name pointing through it) moves from one version to the next in a
 * single step.
 */
import { lstat, readlink, rename, rm, symlink } from 'node:fs/promises';
import { tempPathFor } from '../data/atomic-write.ts';

/** Points the symlink `linkPath` at `target` (relative targets are kept relative), atomically. */
export async function replaceSymlink(linkPath: string, target: string): Promise<void> {
  const temp = tempPathFor(linkPath);
  await symlink(target, temp);
  try {
    await rename(temp, linkPath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Ensures `linkPath` is a symlink to `target`, replacing a regular file of the seed's layout. */
export async function ensureSymlink(linkPath: string, target: string): Promise<void> {
  try {
    const info = await lstat(linkPath);
    if (info.isSymbolicLink() && (await readlink(linkPath)) === target) return;
    if (info.isDirectory()) throw new Error(`${linkPath} is a folder; expected a file or a link`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await replaceSymlink(linkPath, target);
}

/** The target of a symlink, or null when there is no link at `linkPath`. */
export async function readSymlink(linkPath: string): Promise<string | null> {
  try {
    return await readlink(linkPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EINVAL' || code === 'ENOTDIR') return null;
    throw error;
  }
}
