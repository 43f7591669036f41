import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startTestServer } from '../helpers/api-server.ts';
import { ingestTrainScoreDeploy } from '../helpers/pipeline-steps.ts';
import { makeTempProject } from '../helpers/temp-project.ts';
import { runCli } from '../helpers/run-cli.ts';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { childEnv, REPO_ROOT } from '../helpers/temp-project.ts';

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function runApicalls(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/apicalls.ts'), ...args], {
      env: childEnv(),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm run apicalls', () => {
  it('calls every endpoint of a running server and writes apireturns.txt and apireturns.json', async () => {
    const project = makeTempProject();
    await ingestTrainScoreDeploy(project.config);
    const api = await startTestServer(project.config);
    try {
      const result = await runApicalls(['--config', project.configFile, '--url', api.url]);
      assert.equal(result.status, 0, result.stderr);
      const record = JSON.parse(readFileSync(join(project.config.output_model_path, 'apireturns.json'), 'utf8'));
      const calls = record.calls.map(
        (c: { method: string; path: string; status: number }) => `${c.method} ${c.path} ${c.status}`,
      );
      assert.deepEqual(calls, [
        'GET /health 200',
        'POST /prediction 200',
        'POST /prediction 200',
        'GET /scoring 200',
        'GET /summarystats 200',
        'GET /diagnostics 200',
        'GET /drift 404',
        'GET /metrics 200',
        'GET /openapi.json 200',
      ]);
      assert.deepEqual(record.calls[1].body.predictions, [0, 1, 1, 1, 1]);
      const text = readFileSync(join(project.config.output_model_path, 'apireturns.txt'), 'utf8');
      assert.match(text, /POST \/prediction \{"dataset_path":"testdata.csv"\}\n-> 200 in/);
      assert.match(text, /GET \/scoring\n-> 200/);
    } finally {
      await api.close();
      project.cleanup();
    }
  });

  it('exits 1 with one line when the server cannot be reached', async () => {
    const project = makeTempProject({ seed: [] });
    try {
      const port = await closedPort();
      const result = runCli('apicalls.ts', ['--config', project.configFile, '--url', `http://127.0.0.1:${port}/`]);
      assert.equal(result.status, 1);
      assert.equal(
        result.stderr,
        `apicalls: cannot reach the API at http://127.0.0.1:${port}/ (GET /health: ECONNREFUSED)\n`,
      );
    } finally {
      project.cleanup();
    }
  });
});
