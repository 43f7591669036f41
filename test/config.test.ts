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
      dataset_max_bytes: 50 * 1024 * 1024,
      allow_unauthenticated: false,
      allowed_hosts: [],
      metrics_public: false,
      session_hours: 8,
    });
  });

  it('resolves server.tokens_file against the folder of the config file', () => {
    const config = parseConfig({ server: { tokens_file: 'secrets/tokens.json' } }, join(dir, 'sub/config.json'));
    assert.equal(config.server.tokens_file, join(dir, 'sub/secrets/tokens.json'));
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

describe('config: alerts', () => {
  const hook = (extra: object) => ({ alerts: { webhooks: [{ name: 'ops', ...extra }] } });

  it('defaults to no webhook, stale after a week, a repeat every 24 hours and 5 attempts', () => {
    const { alerts } = parseConfig({}, join(dir, 'config.json'));
    assert.deepEqual(alerts, {
      webhooks: [],
      stale_after_hours: 168,
      repeat_after_hours: 24,
      max_attempts: 5,
      retry_base_seconds: 30,
    });
  });

  it('takes http(s) webhooks only, a json one with the variable of its signing secret', () => {
    const ok = parseConfig(hook({ url: 'https://hooks.example/x', secret_env: 'OPS_SECRET' }), join(dir, 'c.json'));
    assert.equal(ok.alerts.webhooks[0]!.format, 'json');
    expectConfigError(hook({ url: 'file:///etc/passwd', secret_env: 'S' }), /alerts\.webhooks\.0\.url.*http/);
    expectConfigError(hook({ url: 'https://hooks.example/x' }), /secret_env.*signed/);
    expectConfigError(hook({ format: 'slack' }), /url or url_env/);
    expectConfigError(hook({ format: 'slack', url: 'https://a.example', url_env: 'U' }), /url or url_env/);
    expectConfigError(hook({ format: 'slack', url_env: 'not a name' }), /environment variable name/);
  });

  it('refuses rules naming an unknown channel or kind', () => {
    const webhooks = [{ name: 'ops', format: 'slack', url_env: 'OPS_URL' }];
    expectConfigError({ alerts: { webhooks, rules: [{ channels: ['pager'] }] } }, /no webhook is named 'pager'/);
    expectConfigError({ alerts: { webhooks, rules: [{ kinds: ['drift'], channels: ['ops'] }] } }, /kinds/);
  });
});
