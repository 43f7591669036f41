// config.json's drift section: what it accepts and the messages for what it does not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { driftSectionSchema } from '../../src/drift/options.ts';

/** The first issue's path and message, or null when the section parses. */
function firstIssue(raw: unknown): [string, string] | null {
  const result = driftSectionSchema.safeParse(raw);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  return [issue.path.join('.'), issue.message];
}

describe('driftSectionSchema', () => {
  it('accepts an empty section, drift_share in (0, 1] and per-column tests and thresholds', () => {
    assert.deepEqual(driftSectionSchema.parse({}), {});
    const section = {
      drift_share: 1,
      columns: { exited: { test: 'psi', threshold: 0.2 }, lastmonth_activity: { threshold: 0.01 } },
    };
    assert.deepEqual(driftSectionSchema.parse(section), section);
  });

  it('rejects drift_share outside (0, 1]', () => {
    assert.deepEqual(firstIssue({ drift_share: 0 }), ['drift_share', 'must be greater than 0 and at most 1']);
    assert.deepEqual(firstIssue({ drift_share: 1.5 }), ['drift_share', 'must be greater than 0 and at most 1']);
    assert.deepEqual(firstIssue({ drift_share: 'half' }), ['drift_share', 'must be a number']);
  });

  it('names the registered tests when the test is unknown', () => {
    assert.deepEqual(firstIssue({ columns: { exited: { test: 'anderson' } } }), [
      'columns.exited.test',
      "must be one of 'ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi'",
    ]);
  });

  it('rejects negative thresholds, and p-value thresholds above 1', () => {
    assert.deepEqual(firstIssue({ columns: { exited: { threshold: -1 } } }), [
      'columns.exited.threshold',
      'must be at least 0',
    ]);
    assert.deepEqual(firstIssue({ columns: { exited: { test: 'z', threshold: 5 } } }), [
      'columns.exited.threshold',
      "'z' gives a p-value: its threshold must be between 0 and 1",
    ]);
    assert.equal(firstIssue({ columns: { lastyear_activity: { test: 'wasserstein', threshold: 5 } } }), null);
  });

  it('is strict: unknown keys are reported', () => {
    const result = driftSectionSchema.safeParse({ columns: { exited: { tests: 'z' } } });
    assert.equal(result.success, false);
    assert.equal(result.error?.issues[0]?.code, 'unrecognized_keys');
    assert.equal(driftSectionSchema.safeParse({ share: 0.5 }).success, false);
  });
});
