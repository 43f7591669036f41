// Whether dist/ holds the compiled form of the sources as they are now. `npm run build` stores a
// digest of every file the build depends on (src/**, tsconfig.json, the build script itself, and
// package-lock.json, since packages are bundled in) in dist/.source-digest; a command compares it with the digest of the files on disk before it runs the
// compiled code, so a stale dist/ is never run by mistake. Content, not modification times: a copy
// of the repository (cp, rsync, a CI checkout) keeps its digest, an edit of one byte changes it.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The file in dist/ that records the digest of the sources it was built from. */
export const DIGEST_FILE = '.source-digest';

const BUILD_FILES = ['tsconfig.json', 'package-lock.json', 'scripts/build.mjs'];

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.isFile() ? [path] : [];
  });
}

/** sha256 over the names and contents of src/** and the build files under `root`, in a fixed order. */
export function sourceDigest(root) {
  const hash = createHash('sha256');
  const files = [...sourceFiles(join(root, 'src')), ...BUILD_FILES.map((name) => join(root, name))];
  for (const file of files.map((f) => relative(root, f).split(sep).join('/')).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * 'fresh' (dist/ matches src/), 'missing' (no build), 'stale' (built from other sources), or
 * 'no-sources' (a deployment that carries dist/ without src/: nothing to compare, dist/ is the code).
 */
export function buildState(root) {
  const recorded = join(root, 'dist', DIGEST_FILE);
  if (!existsSync(recorded)) return 'missing';
  if (!existsSync(join(root, 'src'))) return 'no-sources';
  return readFileSync(recorded, 'utf8').trim() === sourceDigest(root) ? 'fresh' : 'stale';
}
