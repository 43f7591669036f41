/**
 * Starts the real API server (`node --import tsx src/cli/server.ts --no-schedule`) on an ephemeral
 * loopback port for a reliability test, and reports whether it is still running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { childEnv, REPO_ROOT } from '../../helpers/temp-project.ts';

/** A running server process. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the server wrote to stderr so far. */
  stderr: () => string;
  stop: () => Promise<number | null>;
}

/** Starts the server on 127.0.0.1 with PORT=0 and waits for its "listening on" line. */
export function startServerProcess(configFile: string): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'src/cli/server.ts'), '--no-schedule', '--config', configFile],
      {
        cwd: REPO_ROOT,
        env: childEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', npm_config_registry: 'http://127.0.0.1:9/' }),
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
    child.stdout.on('data', (d) => {
      stdout += d;
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (!url) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        url,
        child,
        stderr: () => stderr,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.once('exit', (code) => done(code));
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
