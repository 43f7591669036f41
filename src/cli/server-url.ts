/**
 * The base URL of the configured server: config.json's `server.url`, else http://host:port (with
 * PORT/HOST from the environment taking precedence, as `npm start` does).
 */
import type { Config } from '../config.ts';

/** The URL clients of the configured server use. */
export function serverUrl(config: Config, env: NodeJS.ProcessEnv = process.env): string {
  if (config.server.url) return config.server.url;
  const host = env.HOST || config.server.host;
  const port = env.PORT || String(config.server.port);
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shownHost}:${port}/`;
}
