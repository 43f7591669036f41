/**
 * Runs a command's main function and turns its outcome into an exit code: 0 success, 1 a failed step
 * (with a one-line message), 2 a configuration or usage error. Other codes can be returned by `main`.
 */
import { AppError, ConfigError, describeError } from '../errors.ts';
import { log } from '../log.ts';

/** Exit codes every command shares. */
export const EXIT = { ok: 0, failed: 1, config: 2, locked: 3 } as const;

/** Runs `main`, logs a failure as one line, sets process.exitCode. */
// biome-ignore lint/suspicious/noConfusingVoidType: a command's main returns an exit code, or nothing for success
export async function runCommand(name: string, main: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await main()) ?? EXIT.ok;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exitCode = EXIT.config;
      return;
    }
    const message = describeError(error);
    if (error instanceof AppError) log.debug({ command: name, err: error }, `${name} failed`);
    else log.error({ command: name, err: error }, `${name} failed unexpectedly`);
    process.stderr.write(`${name}: ${message}\n`);
    process.exitCode = EXIT.failed;
  }
}
