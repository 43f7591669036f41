/**
 * `npm start`: the API and the monitoring schedule in one process. Host and port come from the `PORT`
 * and `HOST` environment variables, else config.json's `server` section (default 127.0.0.1:8000).
 * When no model is deployed yet, a first cycle (bootstrap) runs right after the server listens, so a
 * fresh clone serves predictions within seconds. `--no-schedule` serves the API alone. SIGTERM/SIGINT
 * stop accepting connections, let requests in flight (and a running cycle) finish, write the prediction
 * log's last entries, then exit 0. Every answered prediction is logged (unless `prediction_log.enabled`
 * is false), see src/prediction-log/. Alerts in the outbox are delivered every few seconds
 * (src/alerts/). Beyond loopback it needs an access token (or server.allow_unauthenticated); every
 * request is checked by api/access.ts. A cycle started by POST /runs runs here too, and is waited for.
 */
import type { Server } from 'node:http';
import { startAlertDelivery } from '../alerts/delivery-loop.ts';
import { isLoopbackHost } from '../api/access.ts';
import { createApp, createHttpServer } from '../api/app.ts';
import { CycleStarter } from '../api/cycle-starter.ts';
import { TokenRegistry } from '../auth/token-registry.ts';
import { tokensPath } from '../auth/token-store.ts';
import { liveModelId } from '../deployment/live-deployment.ts';
import { runLoggedCycle, startSchedule } from '../pipeline/cycle/scheduler.ts';
import type { Config } from '../config.ts';
import { loadCommandConfig } from './command-config.ts';
import { ConfigError } from '../errors.ts';
import { log } from '../log.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { outputFolderLayout } from '../records/output-layout.ts';
import { PredictionLogThread } from '../workers/prediction-log-thread.ts';
import { parseCommandArgs } from './args.ts';
import { runCommand } from './run-command.ts';

/** Host and port: environment first, then config. */
export function listenAddress(config: Config, env: NodeJS.ProcessEnv = process.env): { host: string; port: number } {
  const port = env.PORT === undefined || env.PORT === '' ? config.server.port : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be an integer from 0 to 65535, got '${env.PORT}'`);
  return { host: env.HOST || config.server.host, port };
}

/** The prediction log's writer thread for `config`, or undefined when `prediction_log.enabled` is false. */
function predictionLogThread(config: Config): PredictionLogThread | undefined {
  if (!config.prediction_log.enabled) return undefined;
  return new PredictionLogThread(outputFolderLayout(config.output_folder_path).predictionLog, {
    flushIntervalMs: config.prediction_log.flush_interval_ms,
  });
}

/**
 * Refuses to listen beyond loopback without an access token (anyone reaching the port could read and
 * change everything) unless `server.allow_unauthenticated`, which is then warned about at every start.
 */
export function checkExposure(config: Config, host: string, tokens: TokenRegistry): void {
  if (tokens.enabled || isLoopbackHost(host)) return;
  if (!config.server.allow_unauthenticated)
    throw new ConfigError(
      `refusing to listen on ${host} without an access token: create one (npm run token -- create --name NAME --role admin), or set server.allow_unauthenticated to true`,
    );
  log.warn(
    `listening on ${host} with no access token: every endpoint is open to whoever reaches it (server.allow_unauthenticated)`,
  );
}

/** Closes the server gracefully: no new connections, in-flight requests finish, idle sockets close. */
export function closeGracefully(server: Server, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, timeoutMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

await runCommand('start', async () => {
  const args = parseCommandArgs(process.argv.slice(2), { 'no-schedule': { type: 'boolean' } });
  const config = loadCommandConfig(args.configFile);
  const { host, port } = listenAddress(config);
  const tokens = new TokenRegistry(tokensPath(config));
  checkExposure(config, host, tokens);
  const predictionLog = predictionLogThread(config);
  await predictionLog?.ready(); // no answer before the log can be written
  let actualPort = port;
  const selfTarget = async () => ({
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actualPort}/`,
    close: async () => {},
  });
  const cycles = new CycleStarter(config, { apiTarget: selfTarget });
  const created = createApp({ config, projectDir: PROJECT_ROOT, predictionLog, bindHost: host, tokens, cycles });
  const server = createHttpServer(created);
  server.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  if (typeof address === 'object' && address) actualPort = address.port;
  log.info({ host, port: actualPort }, `attrition-monitor API listening on http://${host}:${actualPort}`);
  process.stdout.write(`listening on http://${host}:${actualPort}\n`);
  // the stored labels read now, in the background, so that the first POST /labels need not wait for them
  created.services.labels
    .read()
    .catch((error: unknown) => log.warn({ err: error }, 'labels: the store cannot be read'));
  const schedule = args.values['no-schedule'] ? null : startSchedule(config, { apiTarget: selfTarget });
  const alertDelivery = startAlertDelivery(config);
  const bootstrap =
    schedule && (await liveModelId(config.prod_deployment_path)) === null
      ? runLoggedCycle(config, { trigger: 'start', apiTarget: selfTarget })
      : Promise.resolve();
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'shutting down: finishing requests in flight');
      const served = closeGracefully(server).then(() => predictionLog?.close()); // the last answers' entries written
      void Promise.all([served, schedule?.stop(), bootstrap, cycles.idle(), alertDelivery.stop()]).then(() =>
        resolve(),
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
});
