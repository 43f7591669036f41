// `npm run build`: bundles every command of src/cli/ into dist/cli/<command>.js and every worker
// thread script of src/workers/ into dist/workers/<name>.js with esbuild (ES modules; code shared
// between them in dist/cli/chunks/, lazily imported modules in chunks of their own) and records the
// sources' digest (`--if-stale`: only when dist/ does not match src/).
// The pure JavaScript packages (zod, express, vega, ...) are bundled too: loading one file instead of
// hundreds is what makes start-up cheap (measured on this 2-core machine: vega + vega-lite 170 ms
// from node_modules, 55 ms bundled; express 65 -> 43 ms; zod's ~100 files, 50 ms, are not all
// needed). Left in node_modules: the native addons (DuckDB, resvg) and pino, whose transports start
// worker threads from files of their own. CommonJS packages in an ES module bundle need `require`,
// given by a banner through createRequire. Types are checked by `tsc --noEmit` (npm test, and `npm run
// build` before this script). esbuild writes into a new folder beside dist/, which then replaces
// dist/ by two renames, so a failed build leaves the previous dist/ as it was; a lock folder keeps two
// builds (say the server and a cron cycle both finding dist/ stale) from running at once.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildState, DIGEST_FILE, sourceDigest } from './build-state.mjs';

const LOCK = '.dist-build.lock';
const WAIT_MS = 5 * 60_000;
const EXTERNAL_PACKAGES = ['@duckdb/node-api', '@resvg/resvg-js', 'pino', 'pino-http', 'pino-pretty'];
const REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** esbuild's API, or null when it is not installed (a production install omits devDependencies). */
export function findBundler(root) {
  try {
    return createRequire(join(root, 'package.json'))('esbuild');
  } catch {
    return null;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Takes the build lock, waiting for another build; a lock left by a dead process is taken over. */
function takeLock(root) {
  const lock = join(root, LOCK);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return () => rmSync(lock, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const owner = Number(existsSync(join(lock, 'pid')) ? readFileSync(join(lock, 'pid'), 'utf8') : NaN);
    if (Number.isInteger(owner) && !alive(owner)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(
        `another build has held ${LOCK} for ${WAIT_MS / 60_000} minutes; remove it if no build is running`,
      );
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
}

/** The command entry points: the files of src/cli/ that run a command when imported. */
function commandEntries(root) {
  const folder = join(root, 'src', 'cli');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.ts') && readFileSync(join(folder, name), 'utf8').includes('await runCommand('))
    .map((name) => join(folder, name));
}

/** The worker thread scripts: src/workers/*-worker.ts, bundled to dist/workers/ (see src/workers/worker-file.ts). */
function workerEntries(root) {
  const folder = join(root, 'src', 'workers');
  return readdirSync(folder)
    .filter((name) => name.endsWith('-worker.ts'))
    .map((name) => join(folder, name));
}

/** Bundles src/ into dist/ unless it is fresh already (or `force`); throws with esbuild's errors on failure. */
export function build(root, { force = false } = {}) {
  const esbuild = findBundler(root);
  if (!esbuild)
    throw new Error(
      'esbuild is not installed (a production install omits devDependencies): build dist/ where they are, with npm run build',
    );
  const release = takeLock(root);
  try {
    if (!force && buildState(root) === 'fresh') return false;
    const digest = sourceDigest(root); // before bundling: an edit made meanwhile leaves dist/ stale, not wrongly fresh
    const next = join(root, `.dist-build-${process.pid}`);
    const old = join(root, `.dist-old-${process.pid}`);
    rmSync(next, { recursive: true, force: true });
    try {
      esbuild.buildSync({
        absWorkingDir: root,
        entryPoints: [...commandEntries(root), ...workerEntries(root)],
        outbase: join(root, 'src'),
        outdir: next,
        chunkNames: 'cli/chunks/[name]-[hash]',
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        external: EXTERNAL_PACKAGES,
        banner: { js: REQUIRE_BANNER },
        logLevel: 'silent',
      });
    } catch (error) {
      rmSync(next, { recursive: true, force: true });
      throw new Error(
        `esbuild failed:\n${(error.errors ?? []).map((e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`).join('\n') || error.message}`,
      );
    }
    writeFileSync(join(next, DIGEST_FILE), `${digest}\n`);
    if (existsSync(join(root, 'dist'))) renameSync(join(root, 'dist'), old);
    renameSync(next, join(root, 'dist'));
    rmSync(old, { recursive: true, force: true });
    return true;
  } finally {
    release();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  try {
    const started = performance.now();
    const built = build(root, { force: !process.argv.includes('--if-stale') });
    process.stderr.write(
      built
        ? `build: dist/ written in ${((performance.now() - started) / 1000).toFixed(1)} s\n`
        : 'build: dist/ is up to date\n',
    );
  } catch (error) {
    process.stderr.write(`build: ${error.message}\n`);
    process.exitCode = 1;
  }
}
