/**
 * Starts the API app in-process on an ephemeral loopback port for a test, with a temporary project.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp, createHttpServer, type CreatedApp } from '../../src/api/app.ts';
import type { Config } from '../../src/config.ts';
import type { PredictionLogSink } from '../../src/prediction-log/entry.ts';
import { REPO_ROOT } from './temp-project.ts';

/** A running test server. */
export interface TestServer extends CreatedApp {
  url: string;
  server: Server;
  close: () => Promise<void>;
}

/**
 * Starts createApp(config) on 127.0.0.1:0; the dependency check points at a closed local port.
 * `predictionLog`: where answered predictions are handed (none by default).
 */
export async function startTestServer(
  config: Config,
  options: { predictionLog?: PredictionLogSink } = {},
): Promise<TestServer> {
  const created = createApp({
    config,
    projectDir: REPO_ROOT,
    requestLogs: false,
    dependencyOptions: { env: { npm_config_registry: 'http://127.0.0.1:9/' } },
    predictionLog: options.predictionLog,
  });
  const server = createHttpServer(created);
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...created,
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }).then(() => created.cycles.idle()),
  };
}

/** The status, text and parsed JSON body (null when not JSON) of a response. */
async function readAnswer(response: Response): Promise<{ status: number; body: any; text: string; headers: Headers }> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, body, text, headers: response.headers };
}

/** POSTs a JSON value (or raw text) and returns status, parsed body and headers. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<{ status: number; body: any; text: string; headers: Headers }> {
  return readAnswer(
    await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }),
  );
}

/** GETs a path and returns status and parsed JSON body (null when not JSON). */
export async function getJson(url: string): Promise<{ status: number; body: any; text: string; headers: Headers }> {
  return readAnswer(await fetch(url));
}
