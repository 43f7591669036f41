/**
 * Modes of what the service creates: by default files 0600 and folders 0700 (the server with its
 * bootstrap cycle and the prediction log, then a cycle with drift reports, retraining and deployment);
 * with `file_mode: "0640"`, files 0640 and folders 0750, while the files that ask for less (tokens.json)
 * stay 0600.
 */
import assert from 'node:assert/strict';
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli, startCli } from '../helpers/run-cli.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';

const OUTPUT_FOLDERS = ['ingesteddata', 'models', 'productiondeployment'];

/** Every file and folder under the project's output folders (links left out), with its mode. */
function modesOf(project: TempProject): Map<string, { folder: boolean; mode: number }> {
  const modes = new Map<string, { folder: boolean; mode: number }>();
  const walk = (path: string): void => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    modes.set(relative(project.dir, path), { folder: stat.isDirectory(), mode: stat.mode & 0o777 });
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  for (const folder of OUTPUT_FOLDERS) if (existsSync(join(project.dir, folder))) walk(join(project.dir, folder));
  return modes;
}

/** A project whose output folders the commands create themselves. */
function projectWithoutOutputs(config: Record<string, unknown> = {}): TempProject {
  const project = makeTempProject({ config });
  for (const folder of OUTPUT_FOLDERS) rmSync(join(project.dir, folder), { recursive: true });
  return project;
}

/** Starts the server with its schedule (a bootstrap cycle), asks for a prediction once a model is live, stops it. */
async function serveOnePrediction(project: TempProject): Promise<void> {
  const server = startCli('server.ts', ['--config', project.configFile], { PORT: '0' });
  try {
    let url: string | undefined;
    while (!url && server.child.exitCode === null) {
      url = /listening on (\S+)/.exec(server.output().stdout)?.[1];
      await sleep(50);
    }
    assert.ok(url, server.output().stderr);
    while ((await fetch(`${url}/health`)).status !== 200) await sleep(100);
    const answer = await fetch(`${url}/prediction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ records: [{ lastmonth_activity: 1, lastyear_activity: 2, number_of_employees: 3 }] }),
    });
    assert.equal(answer.status, 200);
  } finally {
    server.child.kill('SIGTERM');
  }
  assert.equal((await server.done).status, 0, server.output().stderr);
}

describe('modes of the files the service creates', () => {
  it('are 0600 for files and 0700 for folders by default', async () => {
    const project = projectWithoutOutputs();
    try {
      await serveOnePrediction(project);
      const config = JSON.parse(readFileSync(project.configFile, 'utf8'));
      writeFileSync(project.configFile, JSON.stringify({ ...config, input_folder_path: 'sourcedata' }));
      const cycle = runCli('fullprocess.ts', ['--config', project.configFile]);
      assert.equal(cycle.status, 0, cycle.stderr);

      const modes = modesOf(project);
      for (const expected of [
        'ingesteddata/finaldata.csv',
        'ingesteddata/drift_report.html',
        'ingesteddata/drift_reports',
        'ingesteddata/prediction_log',
        'models/trainedmodel.json',
        'models/confusionmatrix.png',
        'productiondeployment/versions',
      ])
        assert.ok(modes.has(expected), `${expected} was made`);
      assert.ok(
        [...modes.keys()].some((path) => /^ingesteddata\/prediction_log\/.+\/.+/.test(path)),
        'a prediction log segment was written',
      );
      for (const [path, { folder, mode }] of modes)
        assert.equal(mode.toString(8), folder ? '700' : '600', `${path} (${folder ? 'folder' : 'file'})`);
    } finally {
      project.cleanup();
    }
  });

  it('follow file_mode, x added to folders where r is set; files asking for less keep less', async () => {
    const project = projectWithoutOutputs({ file_mode: '0640' });
    try {
      for (const step of ['ingest', 'train']) {
        const result = runCli('step.ts', [step, '--config', project.configFile]);
        assert.equal(result.status, 0, result.stderr);
      }
      const token = runCli('token.ts', ['create', '--name', 'ci', '--role', 'read', '--config', project.configFile]);
      assert.equal(token.status, 0, token.stderr);

      const modes = Object.fromEntries([...modesOf(project)].map(([path, { mode }]) => [path, mode.toString(8)]));
      assert.deepEqual(modes, {
        ingesteddata: '750',
        'ingesteddata/finaldata.csv': '640',
        'ingesteddata/ingestedfiles.json': '640',
        'ingesteddata/ingestedfiles.txt': '640',
        'ingesteddata/summarystats.json': '640',
        'ingesteddata/tokens.json': '600',
        models: '750',
        'models/monitoring_reference.json': '640',
        'models/trainedmodel.json': '640',
      });
    } finally {
      project.cleanup();
    }
  });
});
