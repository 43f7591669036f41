import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig, parseConfig } from '../src/config.ts';
import { ConfigError } from '../src/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'config-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function expectConfigError(raw: unknown, pattern: RegExp): void {
  assert.throws(
    () => parseConfig(raw, join(dir, 'config.json')),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, pattern);
      assert.doesNotMatch(error.message, /\n/, 'one line');
      return true;
    },
  );
}

describe('config', () => {
  it('resolves relative paths against the folder of the config file and fills defaults', () => {
    const config = parseConfig(
      { input_folder_path: 'in', output_folder_path: '/abs/out' },
      join(dir, 'sub/config.json'),
    );
    assert.equal(config.input_folder_path, join(dir, 'sub/in'));
    assert.equal(config.output_folder_path, '/abs/out');
    assert.equal(config.test_data_path, join(dir, 'sub/testdata'));
    assert.equal(config.prod_deployment_path, join(dir, 'sub/productiondeployment'));
    assert.equal(config.model.C, 1);
    assert.equal(config.schedule.cron, '*/10 * * * *');
    assert.deepEqual(config.retrain_on, ['model_drift', 'data_drift']);
    assert.equal(config.deploy_policy, 'if_not_worse');
    assert.equal(config.model_drift.test, 'raw');
    assert.deepEqual(config.server, {
      host: '127.0.0.1',
      port: 8000,
      body_limit_bytes: 1048576,
      dataset_cache_bytes: 64 * 1024 * 1024,
    });
  });

  it('names the key and the problem in one line', () => {
    expectConfigError({ input_folder_path: 3 }, /config\.json: key 'input_folder_path': .*expected string/i);
    expectConfigError({ output_folder_path: '' }, /key 'output_folder_path': must be a non-empty path/);
    expectConfigError({ input_folder: 'x' }, /unknown key 'input_folder'/);
    expectConfigError({ model: { C: -1 } }, /key 'model\.C': /);
    expectConfigError([], /key '\(root\)'/);
    expectConfigError({ schedule: { cron: '61 * * * *' } }, /key 'schedule\.cron': not a valid cron expression/);
    expectConfigError({ deploy_policy: 'sometimes' }, /key 'deploy_policy': /);
    expectConfigError({ retrain_on: ['weather'] }, /key 'retrain_on\.0': /);
    expectConfigError({ model_drift: { test: 'vibes' } }, /key 'model_drift\.test': /);
    expectConfigError(
      { drift: { columns: { exited: { test: 'nope' } } } },
      /key 'drift\.columns\.exited\.test': must be one of/,
    );
    expectConfigError({ drift: { drift_share: 0 } }, /key 'drift\.drift_share': must be greater than 0/);
    expectConfigError({ server: { port: 70000 } }, /key 'server\.port': /);
  });

  it('reports an unreadable or malformed file', () => {
    assert.throws(() => loadConfig(join(dir, 'missing.json')), /missing\.json: cannot read the config file \(ENOENT\)/);
    writeFileSync(join(dir, 'broken.json'), '{"input_folder_path": ');
    assert.throws(() => loadConfig(join(dir, 'broken.json')), /broken\.json: not valid JSON/);
  });
});
