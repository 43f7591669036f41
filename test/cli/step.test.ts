import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/run-cli.ts';
import { makeTempProject } from '../helpers/temp-project.ts';

describe('npm run ingest (src/cli/step.ts ingest)', () => {
  it('ingests with --config and prints the result as JSON', () => {
    const project = makeTempProject({ seed: ['practicedata'] });
    try {
      const result = runCli('step.ts', ['ingest', '--config', project.configFile]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(JSON.parse(result.stdout).rows_final, 26);
      assert.ok(existsSync(join(project.dir, 'ingesteddata/finaldata.csv')));
    } finally {
      project.cleanup();
    }
  });

  it('stops with exit code 2 and one line naming the key when the config is wrong', () => {
    const project = makeTempProject({ seed: [] });
    try {
      writeFileSync(project.configFile, JSON.stringify({ input_folder_path: 42 }));
      const result = runCli('step.ts', ['ingest', '--config', project.configFile]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /^ingest: .*config\.json: key 'input_folder_path': .*\n$/);
      assert.equal(runCli('step.ts', ['ingest', '--config', join(project.dir, 'nope.json')]).status, 2);
      assert.equal(runCli('step.ts', ['ingest', '--bogus']).status, 2);
    } finally {
      project.cleanup();
    }
  });

  it('exits 1 with a clear message when nothing usable is found', () => {
    const project = makeTempProject({ seed: [], files: { 'practicedata/bad.csv': 'a,b\n1,2\n' } });
    try {
      const result = runCli('step.ts', ['ingest', '--config', project.configFile]);
      assert.equal(result.status, 1);
      assert.match(result.stderr, /ingest: .*practicedata: no valid rows to ingest \(bad\.csv: header lacks/);
    } finally {
      project.cleanup();
    }
  });
});
