/**
 * Status of the direct dependencies: installed vs wanted vs latest, from `npm outdated --json`. The
 * check never hangs: npm gets a 10 s limit (then it is killed), answers are cached for an hour, and
 * when the registry cannot be reached the answer is `{status: "unavailable", reason}` — cached too,
 * so later calls answer at once instead of waiting again.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../data/atomic-write.ts';

/** One direct dependency. */
export interface DependencyInfo {
  name: string;
  installed: string | null;
  wanted: string | null;
  latest: string | null;
  outdated: boolean;
}

/** The answer: the list, or why it could not be had. Either way, when it was checked. */
export type DependencyStatus =
  | { status: 'ok'; checked_at: string; dependencies: DependencyInfo[] }
  | { status: 'unavailable'; checked_at: string; reason: string };

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

/** Forgets cached answers (for tests). */
export function clearDependencyCache(): void {
  cache.clear();
}

function runNpmOutdated(projectDir: string, timeoutMs: number, env: NodeJS.ProcessEnv | undefined): Promise<{ stdout: string; error: Error | null }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['outdated', '--json', '--fetch-retries=0', `--fetch-timeout=${timeoutMs}`, '--no-audit', '--no-fund'],
      { cwd: projectDir, timeout: timeoutMs, killSignal: 'SIGKILL', env: { ...process.env, ...env }, maxBuffer: 4 << 20 },
      (error, stdout) => resolve({ stdout, error }),
    );
  });
}

async function directDependencies(projectDir: string): Promise<Record<string, string>> {
  const pkg = JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8'));
  return { ...pkg.dependencies, ...pkg.devDependencies };
}

async function installedVersion(projectDir: string, name: string): Promise<string | null> {
  try {
    return JSON.parse(await readFile(join(projectDir, 'node_modules', name, 'package.json'), 'utf8')).version ?? null;
  } catch {
    return null;
  }
}

/** Asks npm, within the time limit; never throws. */
async function check(projectDir: string, timeoutMs: number, env: NodeJS.ProcessEnv | undefined): Promise<DependencyStatus> {
  const checked_at = new Date().toISOString();
  const { stdout, error } = await runNpmOutdated(projectDir, timeoutMs, env);
  if (error && (error as { killed?: boolean }).killed) return { status: 'unavailable', checked_at, reason: `npm outdated did not answer within ${timeoutMs / 1000} s` };
  let report: Record<string, { current?: string; wanted?: string; latest?: string }> & { error?: { summary?: string; code?: string } };
  try {
    report = stdout.trim() ? JSON.parse(stdout) : {};
  } catch {
    return { status: 'unavailable', checked_at, reason: `npm outdated gave no readable answer${error ? `: ${error.message.split('\n')[0]}` : ''}` };
  }
  if (report.error) return { status: 'unavailable', checked_at, reason: `registry unreachable: ${report.error.code ?? ''} ${report.error.summary ?? ''}`.trim() };
  if (error && Object.keys(report).length === 0) return { status: 'unavailable', checked_at, reason: error.message.split('\n')[0] ?? 'npm outdated failed' };
  const dependencies: DependencyInfo[] = [];
  for (const name of Object.keys(await directDependencies(projectDir)).sort()) {
    const entry = report[name];
    const installed = entry?.current ?? (await installedVersion(projectDir, name));
    dependencies.push(entry
      ? { name, installed, wanted: entry.wanted ?? null, latest: entry.latest ?? null, outdated: true }
      : { name, installed, wanted: installed, latest: installed, outdated: false });
  }
  return { status: 'ok', checked_at, dependencies };
}

/** How long an answer stays fresh. */
function freshFor(status: DependencyStatus, options: DependencyCheckOptions): number {
  return status.status === 'ok' ? options.cacheMs ?? 3_600_000 : options.unavailableCacheMs ?? 600_000;
}

/** A fresh answer from the cache file, or null. */
async function readCacheFile(path: string, options: DependencyCheckOptions): Promise<DependencyStatus | null> {
  try {
    const status = JSON.parse(await readFile(path, 'utf8')) as DependencyStatus;
    const age = Date.now() - Date.parse(status.checked_at);
    return (status.status === 'ok' || status.status === 'unavailable') && age >= 0 && age < freshFor(status, options) ? status : null;
  } catch {
    return null;
  }
}

/** The dependency status of the project at `projectDir`, from the caches when fresh. */
export async function dependencyStatus(projectDir: string, options: DependencyCheckOptions = {}): Promise<DependencyStatus> {
  const key = `${projectDir}\0${options.cacheFile ?? ''}`;
  const cached = cache.get(key);
  if (cached && cached.until > Date.now()) return cached.status;
  const status = (options.cacheFile && (await readCacheFile(options.cacheFile, options))) || (await check(projectDir, options.timeoutMs ?? 10_000, options.env));
  cache.set(key, { status, until: Date.parse(status.checked_at) + freshFor(status, options) });
  if (options.cacheFile) await writeJsonAtomic(options.cacheFile, status).catch(() => undefined);
  return status;
}
