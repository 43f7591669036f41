/**
 * The process-wide pino logger, writing to stderr so that stdout stays free for command results:
 * JSON lines by default (for pipes, cron and log collectors), readable coloured lines through
 * pino-pretty when stderr is a terminal. LOG_LEVEL overrides the level (tests default to silent).
 * pino is loaded and the logger made on first use (a command that logs nothing, such as `npm run
 * history`, saves the ~15 ms pino takes to load).
 */
import type { Logger } from 'pino';
import { lazyRequire } from './lazy-require.ts';

const pinoPackage = lazyRequire<typeof import('pino')>('pino');

function createLogger(): Logger {
  const { pino } = pinoPackage();
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_TEST_CONTEXT ? 'silent' : 'info');
  if (process.stderr.isTTY) {
    return pino({
      level,
      transport: {
        target: 'pino-pretty',
        options: { destination: 2, colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    });
  }
  return pino({ level }, pino.destination({ dest: 2, sync: true }));
}

let logger: Logger | undefined;

/** The shared logger; modules make children with `log.child({ step: 'ingestion' })`. */
export const log: Logger = new Proxy({} as Logger, {
  get(_target, property) {
    logger ??= createLogger();
    const value: unknown = Reflect.get(logger, property, logger);
    return typeof value === 'function' ? value.bind(logger) : value;
  },
});
