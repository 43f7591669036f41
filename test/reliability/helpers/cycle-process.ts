/**
 * Runs `fullprocess` as a child process (`node --import tsx src/cli/fullprocess.ts --config X`) with
 * LOG_LEVEL=info, follows its JSON log lines on stderr, and can SIGKILL it at a chosen moment: right
 * after a given log line (optionally after a further delay) or after a delay from spawn.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { childEnv, REPO_ROOT } from '../../helpers/temp-project.ts';
import { rssOf } from './process-stats.ts';

/** When to kill the child. */
export type KillAt = { afterLine: RegExp; delayMs?: number } | { afterMs: number };

/** How a cycle process ended. */
export interface CycleExit {
  status: number | null;
  signal: NodeJS.Signals | null;
  /** Whether our SIGKILL ended it. */
  killed: boolean;
  stdout: string;
  stderr: string;
  /** The log messages seen (msg fields), in order. */
  messages: string[];
}

/** Runs one cycle on `configFile`; kills it at `killAt` when given; `onRss` hears its RSS every 100 ms. */
export function runCycleProcess(
  configFile: string,
  killAt?: KillAt,
  timeoutMs = 120_000,
  onRss?: (bytes: number) => void,
): Promise<CycleExit> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'src/cli/fullprocess.ts'), '--config', configFile],
      {
        cwd: REPO_ROOT,
        env: childEnv({ LOG_LEVEL: 'info', npm_config_registry: 'http://127.0.0.1:9/' }),
      },
    );
    let stdout = '';
    let stderr = '';
    let partial = '';
    let killed = false;
    const messages: string[] = [];
    const kill = () => {
      if (killed || child.exitCode !== null) return;
      killed = child.kill('SIGKILL');
    };
    const guard = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const sampler = onRss
      ? setInterval(() => {
          try {
            onRss(rssOf(child.pid!));
          } catch {
            // the process has just exited
          }
        }, 100)
      : null;
    if (killAt && 'afterMs' in killAt) setTimeout(kill, killAt.afterMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      partial += d;
      const lines = partial.split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        let msg = line;
        try {
          msg = String(JSON.parse(line).msg ?? line);
        } catch {
          // a plain line
        }
        messages.push(msg);
        if (killAt && 'afterLine' in killAt && killAt.afterLine.test(msg)) {
          if (killAt.delayMs) setTimeout(kill, killAt.delayMs);
          else kill();
        }
      }
    });
    child.on('exit', (status, signal) => {
      clearTimeout(guard);
      if (sampler) clearInterval(sampler);
      resolve({ status, signal, killed: killed && signal === 'SIGKILL', stdout, stderr, messages });
    });
  });
}
