/**
 * The process-wide pino logger, writing to stderr so that stdout stays free for command results:
 * JSON lines by default (for pipes, cron and log collectors), readable coloured lines through
 * pino-pretty when stderr is a terminal. LOG_LEVEL overrides the level (tests default to silent).
 */
import { pino, type Logger } from 'pino';

function createLogger(): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_TEST_CONTEXT ? 'silent' : 'info');
  if (process.stderr.isTTY) {
    return pino({
      level,
      transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } },
    });
  }
  return pino({ level }, pino.destination({ dest: 2, sync: true }));
}

/** The shared logger; modules make children with `log.child({ step: 'ingestion' })`. */
export const log: Logger = createLogger();
