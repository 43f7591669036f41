/**
 * Status of the direct dependencies: installed vs wanted vs latest, from `npm outdated --json`. The
 * check never hangs: npm gets a 10 s limit (then it is killed), answers are cached for an hour, and
 * when the registry cannot be reached the answer is `{status: "unavailable", reason}` — cached too,
 * so later calls answer at once instead of waiting again.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../data/atomic-write.ts';
import { readJsonFileOrNull } from '../data/read-json-file.ts';

/** One direct dependency. */
const dependencyInfoSchema = z.object({
  name: z.string(),
  installed: z.string().nullable(),
  wanted: z.string().nullable(),
  latest: z.string().nullable(),
  outdated: z.boolean(),
});

/** The answer: the list, or why it could not be had. Either way, when it was checked. */
const dependencyStatusSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), checked_at: z.string(), dependencies: z.array(dependencyInfoSchema) }),
  z.object({ status: z.literal('unavailable'), checked_at: z.string(), reason: z.string() }),
]);

export type DependencyInfo = z.infer<typeof dependencyInfoSchema>;
export type DependencyStatus = z.infer<typeof dependencyStatusSchema>;

/** `npm outdated --json`: an entry per outdated package, or an error when the registry failed. */
const outdatedEntrySchema = z.object({
  current: z.string().optional(),
  wanted: z.string().optional(),
  latest: z.string().optional(),
});
const npmOutdatedSchema = z
  .object({ error: z.object({ summary: z.string().optional(), code: z.string().optional() }).optional() })
  .catchall(outdatedEntrySchema);

/** The parts of a package.json read here. */
const manifestSchema = z.object({
  version: z.string().optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.record(z.string(), z.string()).optional(),
});

/** Limits of the check. */
export interface DependencyCheckOptions {
  /** Kill npm after this long (default 10 s). */
  timeoutMs?: number;
  /** Reuse an answer this long (default 1 hour). */
  cacheMs?: number;
  /** Reuse an "unavailable" answer this long (default 10 minutes). */
  unavailableCacheMs?: number;
  /** Extra environment for npm (tests point npm_config_registry elsewhere). */
  env?: NodeJS.ProcessEnv;
  /** A file that keeps the answer between processes (the API, diagnostics and each cycle share it). */
  cacheFile?: string;
}

const cache = new Map<string, { status: DependencyStatus; until: number }>();
/** The check in progress per key: concurrent callers share it (one npm process, not one per request). */
const inFlight = new Map<string, Promise<DependencyStatus>>();

/** Forgets cached answers (for tests). */
export function clearDependencyCache(): void {
  cache.clear();
}

function runNpmOutdated(
  projectDir: string,
  timeoutMs: number,
  env: NodeJS.ProcessEnv | undefined,
): Promise<{ stdout: string; error: Error | null }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['outdated', '--json', '--fetch-retries=0', `--fetch-timeout=${timeoutMs}`, '--no-audit', '--no-fund'],
      {
        cwd: projectDir,
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        env: { ...process.env, ...env },
        maxBuffer: 4 << 20,
      },
      (error, stdout) => resolve({ stdout, error }),
    );
  });
}

async function directDependencies(projectDir: string): Promise<Record<string, string>> {
  const pkg = manifestSchema.parse(JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8')));
  return { ...pkg.dependencies, ...pkg.devDependencies };
}

async function installedVersion(projectDir: string, name: string): Promise<string | null> {
  try {
    return (
      manifestSchema.parse(JSON.parse(await readFile(join(projectDir, 'node_modules', name, 'package.json'), 'utf8')))
        .version ?? null
    );
  } catch {
    return null;
  }
}

/** Asks npm, within the time limit; never throws. */
async function check(
  projectDir: string,
  timeoutMs: number,
  env: NodeJS.ProcessEnv | undefined,
): Promise<DependencyStatus> {
  const checked_at = new Date().toISOString();
  const { stdout, error } = await runNpmOutdated(projectDir, timeoutMs, env);
  if (error && (error as { killed?: boolean }).killed)
    return { status: 'unavailable', checked_at, reason: `npm outdated did not answer within ${timeoutMs / 1000} s` };
  let parsed: z.ZodSafeParseResult<z.infer<typeof npmOutdatedSchema>>;
  try {
    parsed = npmOutdatedSchema.safeParse(stdout.trim() ? JSON.parse(stdout) : {});
  } catch {
    parsed = npmOutdatedSchema.safeParse(null);
  }
  if (!parsed.success)
    return {
      status: 'unavailable',
      checked_at,
      reason: `npm outdated gave no readable answer${error ? `: ${error.message.split('\n')[0]}` : ''}`,
    };
  const report = parsed.data;
  if (report.error)
    return {
      status: 'unavailable',
      checked_at,
      reason: `registry unreachable: ${report.error.code ?? ''} ${report.error.summary ?? ''}`.trim(),
    };
  if (error && Object.keys(report).length === 0)
    return { status: 'unavailable', checked_at, reason: error.message.split('\n')[0] ?? 'npm outdated failed' };
  const dependencies: DependencyInfo[] = [];
  for (const name of Object.keys(await directDependencies(projectDir)).sort()) {
    const entry = name === 'error' ? undefined : report[name];
    const installed = entry?.current ?? (await installedVersion(projectDir, name));
    dependencies.push(
      entry
        ? { name, installed, wanted: entry.wanted ?? null, latest: entry.latest ?? null, outdated: true }
        : { name, installed, wanted: installed, latest: installed, outdated: false },
    );
  }
  return { status: 'ok', checked_at, dependencies };
}

/** How long an answer stays fresh. */
function freshFor(status: DependencyStatus, options: DependencyCheckOptions): number {
  return status.status === 'ok' ? (options.cacheMs ?? 3_600_000) : (options.unavailableCacheMs ?? 600_000);
}

/** A fresh answer from the cache file, or null. */
async function readCacheFile(path: string, options: DependencyCheckOptions): Promise<DependencyStatus | null> {
  const status = await readJsonFileOrNull(path, dependencyStatusSchema);
  if (status === null) return null;
  const age = Date.now() - Date.parse(status.checked_at);
  return age >= 0 && age < freshFor(status, options) ? status : null;
}

/** The dependency status of the project at `projectDir`, from the caches when fresh. */
export function dependencyStatus(projectDir: string, options: DependencyCheckOptions = {}): Promise<DependencyStatus> {
  const key = `${projectDir}\0${options.cacheFile ?? ''}`;
  const cached = cache.get(key);
  if (cached && cached.until > Date.now()) return Promise.resolve(cached.status);
  let running = inFlight.get(key);
  if (!running) {
    running = refresh(key, projectDir, options).finally(() => inFlight.delete(key));
    inFlight.set(key, running);
  }
  return running;
}

/**
 * A fresh answer: from the cache file if another process left one, else from npm. An "unavailable"
 * answer does not replace an "ok" one that another process wrote meanwhile.
 */
async function refresh(key: string, projectDir: string, options: DependencyCheckOptions): Promise<DependencyStatus> {
  let status =
    (options.cacheFile && (await readCacheFile(options.cacheFile, options))) ||
    (await check(projectDir, options.timeoutMs ?? 10_000, options.env));
  if (status.status === 'unavailable' && options.cacheFile) {
    const other = await readCacheFile(options.cacheFile, options);
    if (other?.status === 'ok') status = other;
  }
  cache.set(key, { status, until: Date.parse(status.checked_at) + freshFor(status, options) });
  if (options.cacheFile) await writeJsonAtomic(options.cacheFile, status).catch(() => undefined);
  return status;
}
