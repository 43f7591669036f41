import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/run-cli.ts';
import { ingestTrainScoreDeploy } from '../helpers/pipeline-steps.ts';
import { makeTempProject, seedReference } from '../helpers/temp-project.ts';

describe('npm run diagnostics', () => {
  it('answers within 15 s when the registry is unreachable, with the dependency section marked unavailable', async () => {
    const project = makeTempProject();
    try {
      await ingestTrainScoreDeploy(project.config);
      const start = Date.now();
      const result = runCli('step.ts', ['diagnostics', '--config', project.configFile], {
        env: { npm_config_registry: 'http://127.0.0.1:9/' },
        timeoutMs: 20_000,
      });
      const elapsed = Date.now() - start;
      assert.equal(result.status, 0, result.stderr);
      assert.ok(elapsed < 15_000, `took ${elapsed} ms`);
      const report = JSON.parse(result.stdout);
      assert.equal(report.dependencies.status, 'unavailable');
      assert.deepEqual(report.predictions.predictions, seedReference().datasets.reference.test_predictions);
      assert.equal(report.summary_statistics.lastmonth_activity.median, 73);
      assert.equal(report.missing_data.exited, 0);
      assert.equal(report.timings.rows, 26);
      assert.ok(report.timings.ingestion_ms > 0 && report.timings.training_ms > 0);
    } finally {
      project.cleanup();
    }
  });
});
