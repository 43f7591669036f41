/**
 * The API the cycle calls after a deployment: the configured server when it answers /health within a
 * second, otherwise an in-process app on an ephemeral loopback port, closed after the calls. The API
 * modules (Express and the rest) are imported only when that app is needed.
 */
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.ts';
import type { ApiTarget } from '../pipeline/cycle/fullprocess.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { serverUrl } from './server-url.ts';

/** Whether a server answers at `url` (any HTTP answer to /health within `timeoutMs`). */
async function answers(url: string, timeoutMs: number): Promise<boolean> {
  try {
    await fetch(new URL('/health', url), { signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}

/** The configured server, or a temporary in-process one. */
export async function findApiTarget(config: Config): Promise<ApiTarget> {
  const configured = serverUrl(config);
  if (await answers(configured, 1000)) return { url: configured, close: async () => {} };
  const { createApp, createHttpServer } = await import('../api/app.ts');
  const server = createHttpServer(createApp({ config, projectDir: PROJECT_ROOT, requestLogs: false }));
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
