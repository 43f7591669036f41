import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { summarizeCsv } from '../../src/diagnostics/summary-stats.ts';
import { ingestedDataSummary } from '../../src/pipeline/steps/diagnose.ts';
import { ingest } from '../../src/pipeline/steps/ingest.ts';
import { withInput } from '../helpers/pipeline-steps.ts';
import { makeTempProject, seedReference } from '../helpers/temp-project.ts';
import { FINAL_DATA_CSV, SUMMARY_STATS_JSON } from '../../src/records/output-layout.ts';

function close(actual: number | null, expected: number, what: string): void {
  assert.ok(
    actual !== null && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  );
}

describe('summary statistics of the ingested data', () => {
  for (const [key, folder] of [
    ['reference', 'practicedata'],
    ['current', 'sourcedata'],
  ] as const) {
    it(`match pandas on ${folder} (mean, median, std with ddof 1; no missing values)`, async () => {
      const expected = seedReference().datasets[key];
      const project = makeTempProject({ seed: [folder] });
      try {
        const config = withInput(project.config, folder);
        await ingest(config);
        const { rows, summary, missing_percent } = await ingestedDataSummary(config);
        assert.equal(rows, expected.rows_after_dedup);
        for (const [column, stats] of Object.entries(expected.summary) as [
          keyof typeof summary,
          { mean: number; median: number; std: number },
        ][]) {
          close(summary[column].mean, stats.mean, `${column} mean`);
          close(summary[column].median, stats.median, `${column} median`);
          close(summary[column].std, stats.std, `${column} std`);
        }
        assert.deepEqual(missing_percent, expected.missing_percent);
      } finally {
        project.cleanup();
      }
    });
  }

  it('computes quartiles by linear interpolation and counts missing values', async () => {
    const project = makeTempProject({ seed: [] });
    try {
      const path = join(project.dir, 'data.csv');
      // quartiles of 1,2,3,4 by linear interpolation (numpy's default): 1.75 and 3.25
      writeFileSync(
        path,
        'corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited\na,1,10,5,0\n,2,20,5,1\nc,3,30,5,1\n,4,40,5,0\n',
      );
      const { summary, missing_percent } = await summarizeCsv(path);
      assert.equal(summary.lastmonth_activity.q25, 1.75);
      assert.equal(summary.lastmonth_activity.q75, 3.25);
      assert.equal(summary.number_of_employees.std, 0);
      assert.equal(missing_percent.corporation, 50);
      assert.equal(missing_percent.exited, 0);
    } finally {
      project.cleanup();
    }
  });

  it('are stored by ingestion for the finaldata.csv it wrote, and equal the ones computed from the file', async () => {
    const project = makeTempProject({ seed: ['sourcedata'] });
    try {
      const config = withInput(project.config, 'sourcedata');
      await ingest(config);
      const finalData = join(config.output_folder_path, FINAL_DATA_CSV);
      const stored = JSON.parse(readFileSync(join(config.output_folder_path, SUMMARY_STATS_JSON), 'utf8'));
      const computed = await summarizeCsv(finalData);
      assert.equal(stored.rows, computed.rows);
      assert.deepEqual(stored.missing_percent, computed.missing_percent);
      for (const [column, stats] of Object.entries(computed.summary)) {
        for (const [name, value] of Object.entries(stats))
          close(stored.summary[column][name], value as number, `${column} ${name}`);
      }
      assert.deepEqual(await ingestedDataSummary(config), {
        rows: stored.rows,
        summary: stored.summary,
        missing_percent: stored.missing_percent,
      });
    } finally {
      project.cleanup();
    }
  });

  it('are computed again when finaldata.csv no longer is the file they describe, or the stored file is corrupt', async () => {
    const project = makeTempProject({ seed: ['practicedata'] });
    try {
      const config = withInput(project.config, 'practicedata');
      await ingest(config);
      const finalData = join(config.output_folder_path, FINAL_DATA_CSV);
      const summaryFile = join(config.output_folder_path, SUMMARY_STATS_JSON);
      appendFileSync(finalData, 'added,1000000,1000000,1000000,1\n');
      const changed = await ingestedDataSummary(config);
      assert.equal(changed.rows, seedReference().datasets.reference.rows_after_dedup + 1);
      assert.equal(changed.summary.lastmonth_activity.max, 1000000);
      writeFileSync(summaryFile, '{"format_version": 1, "data_key": ');
      assert.deepEqual(await ingestedDataSummary(config), changed);
    } finally {
      project.cleanup();
    }
  });
});
