/**
 * Runs one of our command-line entry points in a child process (through tsx) and captures its output.
 */
import { spawnSync } from 'node:child_process';
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
