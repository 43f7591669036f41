import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ingestTrainScoreDeploy } from '../helpers/pipeline-steps.ts';
import { childEnv, makeTempProject, REPO_ROOT } from '../helpers/temp-project.ts';

/** Starts src/cli/server.ts for `configFile` on an ephemeral port; resolves with its URL and the child. */
async function startServer(configFile: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'src/cli/server.ts'), '--config', configFile],
    {
      env: childEnv({ PORT: '0', HOST: '127.0.0.1', npm_config_registry: 'http://127.0.0.1:9/' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  child.stdout.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  return { url, child };
}

describe('npm start (src/cli/server.ts)', () => {
  it('on a fresh clone (nothing deployed) bootstraps a model and answers /health with it within seconds', async () => {
    const project = makeTempProject();
    try {
      const { url, child } = await startServer(project.configFile);
      const started = Date.now();
      let health: { ready?: boolean; model_id?: string } = {};
      while (Date.now() - started < 30_000) {
        const response = await fetch(`${url}/health`);
        health = (await response.json()) as typeof health;
        if (response.status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.equal(health.ready, true, 'a model went live');
      assert.match(health.model_id ?? '', /^\d{8}T\d{6}Z-[0-9a-f]{8}$/);
      const prediction = await fetch(`${url}/prediction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ dataset_path: 'testdata.csv' }),
      });
      assert.deepEqual(((await prediction.json()) as { predictions: number[] }).predictions, [0, 1, 1, 1, 1]);
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      assert.equal(code, 0);
    } finally {
      project.cleanup();
    }
  });

  it('listens on PORT/HOST from the environment, answers /health, and exits 0 on SIGTERM after in-flight requests', async () => {
    const project = makeTempProject();
    try {
      await ingestTrainScoreDeploy(project.config);
      const { url, child } = await startServer(project.configFile);
      const health = await fetch(`${url}/health`);
      assert.equal(health.status, 200);
      assert.equal(((await health.json()) as { ready: boolean }).ready, true);
      const inFlight = fetch(`${url}/prediction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ dataset_path: 'testdata.csv' }),
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      child.kill('SIGTERM');
      assert.equal((await inFlight).status, 200);
      const [code] = await once(child, 'exit');
      assert.equal(code, 0);
    } finally {
      project.cleanup();
    }
  });
});
