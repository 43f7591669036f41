/**
 * Runs one of our command-line entry points in a child process (through tsx) and captures its output.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { childEnv, REPO_ROOT } from './temp-project.ts';

/** The outcome of a command run. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `src/cli/<script>` with `args` in `cwd`. */
export function runCli(
  script: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli', script), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: childEnv(options.env),
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A command started in the background: its process, its output so far, and its end. */
export interface StartedCli {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  done: Promise<CliResult>;
}

/**
 * Starts `src/cli/<script>` with `args` without blocking this process (a test's own servers keep
 * answering it meanwhile, which runCli's spawnSync would stop).
 */
export function startCli(script: string, args: string[], env: Record<string, string> = {}): StartedCli {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli', script), ...args], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult>((resolve) => child.on('exit', (status) => resolve({ status, stdout, stderr })));
  return { child, output: () => ({ stdout, stderr }), done };
}
