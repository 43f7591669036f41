import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { childEnv, makeTempProject, REPO_ROOT } from '../helpers/temp-project.ts';

function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/fullprocess.ts'), ...args], {
      env: childEnv({ npm_config_registry: 'http://127.0.0.1:9/', ...env }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm run fullprocess', () => {
  it('two cycles started together: one works, the other exits 3 at once', async () => {
    const project = makeTempProject();
    try {
      const results = await Promise.all([run(['--config', project.configFile]), run(['--config', project.configFile])]);
      const statuses = results.map((r) => r.status).sort();
      assert.deepEqual(statuses, [0, 3], results.map((r) => r.stderr).join('\n'));
      const locked = results.find((r) => r.status === 3)!;
      assert.match(
        locked.stderr,
        /^fullprocess: another cycle is running \(pid \d+, started .*\); lock .*fullprocess\.lock\n$/,
      );
      assert.match(results.find((r) => r.status === 0)!.stdout, /^bootstrap: /);
    } finally {
      project.cleanup();
    }
  });

  it('exits 2 on a configuration error', async () => {
    const project = makeTempProject();
    writeFileSync(project.configFile, JSON.stringify({ schedule: { cron: 'every minute' } }));
    try {
      const result = await run(['--config', project.configFile]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /key 'schedule\.cron': not a valid cron expression/);
    } finally {
      project.cleanup();
    }
  });
});
