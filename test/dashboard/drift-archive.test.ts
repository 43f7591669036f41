/**
 * The drift report archive: each cycle's reports are kept under drift_reports/<run id>, the oldest
 * beyond the retention are deleted, and the retention is a validated config key.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/errors.ts';
import { archiveDriftReport } from '../../src/pipeline/cycle/drift-archive.ts';
import { makeTempProject } from '../helpers/temp-project.ts';
import { syntheticRunId } from './synthetic-runs.ts';
import { DRIFT_REPORTS_DIR } from '../../src/records/output-layout.ts';

describe('drift report archive', () => {
  it('writes the reports under the run id and keeps only the newest `keep` runs', async () => {
    const project = makeTempProject({ seed: [] });
    try {
      const folder = project.config.output_folder_path;
      for (let i = 0; i < 5; i++) {
        const texts = { html: `<p>report ${i}</p>`, json: JSON.stringify({ i }) };
        assert.equal(
          await archiveDriftReport(folder, syntheticRunId(i), 3, texts),
          `${DRIFT_REPORTS_DIR}/${syntheticRunId(i)}.html`,
        );
      }
      const kept = readdirSync(join(folder, DRIFT_REPORTS_DIR)).sort();
      assert.deepEqual(
        kept,
        [2, 3, 4].flatMap((i) => [`${syntheticRunId(i)}.html`, `${syntheticRunId(i)}.json`]),
      );
      assert.equal(
        readFileSync(join(folder, DRIFT_REPORTS_DIR, `${syntheticRunId(3)}.html`), 'utf8'),
        '<p>report 3</p>',
      );
      assert.deepEqual(JSON.parse(readFileSync(join(folder, DRIFT_REPORTS_DIR, `${syntheticRunId(4)}.json`), 'utf8')), {
        i: 4,
      });
    } finally {
      project.cleanup();
    }
  });

  it('leaves foreign files alone and refuses a name that is not a run id', async () => {
    const project = makeTempProject({ seed: [] });
    try {
      const folder = project.config.output_folder_path;
      mkdirSync(join(folder, DRIFT_REPORTS_DIR));
      writeFileSync(join(folder, DRIFT_REPORTS_DIR, 'notes.txt'), 'mine');
      const texts = { html: '<p>r</p>', json: '{}' };
      await archiveDriftReport(folder, syntheticRunId(1), 1, texts);
      await archiveDriftReport(folder, syntheticRunId(2), 1, texts);
      assert.deepEqual(readdirSync(join(folder, DRIFT_REPORTS_DIR)).sort(), [
        `${syntheticRunId(2)}.html`,
        `${syntheticRunId(2)}.json`,
        'notes.txt',
      ]);
      await assert.rejects(archiveDriftReport(folder, '../escape', 1, texts), /not a run id/);
    } finally {
      project.cleanup();
    }
  });

  it('drift_reports.keep defaults to 100 and is validated strictly', () => {
    assert.deepEqual(parseConfig({}, '/tmp/config.json').drift_reports, { keep: 100 });
    assert.equal(parseConfig({ drift_reports: { keep: 5 } }, '/tmp/config.json').drift_reports.keep, 5);
    for (const [value, message] of [
      [{ keep: 0 }, /key 'drift_reports.keep'/],
      [{ keep: 2.5 }, /key 'drift_reports.keep'/],
      [{ keep: '10' }, /key 'drift_reports.keep'/],
      [{ keep: 10, days: 3 }, /unknown key 'days' in drift_reports/],
    ] as const) {
      assert.throws(
        () => parseConfig({ drift_reports: value }, '/tmp/config.json'),
        (error: unknown) => error instanceof ConfigError && message.test(error.message),
      );
    }
  });
});
