/**
 * The process-wide pino logger: JSON lines by default (for pipes, cron and log collectors), readable
 * coloured lines through pino-pretty when stdout is a terminal. LOG_LEVEL overrides the level.
 */
import { pino, type Logger } from 'pino';

function createLogger(): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_TEST_CONTEXT ? 'silent' : 'info');
  if (process.stdout.isTTY) {
    return pino({
      level,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } },
    });
  }
  return pino({ level });
}

/** The shared logger; modules make children with `log.child({ step: 'ingestion' })`. */
export const log: Logger = createLogger();
