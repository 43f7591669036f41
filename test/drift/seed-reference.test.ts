// Drift on the seed data against test/fixtures/seed-reference.json (made by
// scripts/reference/make-seed-reference.py with scipy and Evidently's formulas): reference =
// practicedata deduplicated (26 rows), current = sourcedata (26).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readDataset } from '../../src/data/read-dataset.ts';
import { FEATURES, NUMERIC_COLUMNS, TARGET } from '../../src/data/schema.ts';
import { ColumnSample } from '../../src/drift/column-sample.ts';
import { computeDrift } from '../../src/drift/drift.ts';
import { jensenShannonTest } from '../../src/drift/stattests/jensenshannon.ts';
import { ks2Samp } from '../../src/drift/stattests/ks.ts';
import { psiTest } from '../../src/drift/stattests/psi.ts';
import { normedWasserstein } from '../../src/drift/stattests/wasserstein.ts';
import { zTest } from '../../src/drift/stattests/z.ts';
import { ingestedRows } from '../helpers/ingested-rows.ts';

interface SeedColumn {
  n_unique: number;
  ks_statistic: number;
  ks_pvalue: number;
  z_pvalue: number | null;
  wasserstein_normed: number;
  jensenshannon: number;
  psi: number;
}

const seedFile = new URL('../fixtures/seed-reference.json', import.meta.url);
const expected = (
  JSON.parse(readFileSync(seedFile, 'utf8')) as { drift_reference_vs_current: Record<string, SeedColumn> }
).drift_reference_vs_current;

const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;

const reference = await ingestedRows(repo('practicedata'));
const current = (await readDataset(repo('sourcedata'))).dataset;

const sampleOf = (column: (typeof NUMERIC_COLUMNS)[number]) =>
  new ColumnSample(
    column,
    column === TARGET ? 'categorical' : 'numeric',
    reference.columns[column],
    current.columns[column],
  );

function assertRelative(actual: number, wanted: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - wanted) <= tolerance * Math.abs(wanted), `${what}: ${actual} vs ${wanted}`);
}

describe('drift on the seed data (reference practicedata, current sourcedata)', () => {
  it('reads 26 reference rows after deduplication and 26 current rows', () => {
    assert.equal(reference.rows, 26);
    assert.equal(current.rows, 26);
  });

  for (const column of NUMERIC_COLUMNS) {
    const want = expected[column]!;
    it(`${column}: KS statistic and p-value within 1e-9 of scipy's ks_2samp`, () => {
      const { reference: ref, current: cur } = sampleOf(column).sorted();
      const result = ks2Samp(ref, cur);
      assert.ok(
        Math.abs(result.statistic - want.ks_statistic) <= 1e-9,
        `D ${result.statistic} vs ${want.ks_statistic}`,
      );
      assert.ok(Math.abs(result.pValue - want.ks_pvalue) <= 1e-9, `p ${result.pValue} vs ${want.ks_pvalue}`);
      assert.equal(result.method, 'exact');
    });

    it(`${column}: normed Wasserstein, Jensen–Shannon and PSI within 1e-9 relative`, () => {
      const sample = sampleOf(column);
      const { reference: ref, current: cur } = sample.sorted();
      assertRelative(normedWasserstein(ref, cur), want.wasserstein_normed, 1e-9, 'wasserstein');
      assertRelative(jensenShannonTest.run(sample).score, want.jensenshannon, 1e-9, 'jensenshannon');
      assertRelative(psiTest.run(sample).score, want.psi, 1e-9, 'psi');
      assert.equal(sample.nUnique(), want.n_unique);
    });
  }

  it('exited: the z-test p-value within 1e-9 relative', () => {
    const want = expected[TARGET]!.z_pvalue;
    assert.ok(want !== null);
    assertRelative(zTest.run(sampleOf(TARGET)).score, want, 1e-9, 'z p-value');
  });

  it('the default choice: ks for the features, z for exited; 3 of 4 columns drifted; dataset drift', () => {
    const report = computeDrift(reference, current);
    assert.deepEqual(
      Object.values(report.columns).map((c) => [c.column, c.test]),
      [...FEATURES.map((f) => [f, 'ks']), [TARGET, 'z']],
    );
    for (const column of FEATURES) {
      assert.ok(Math.abs(report.columns[column]!.score - expected[column]!.ks_pvalue) <= 1e-9);
      assert.equal(report.columns[column]!.drifted, true);
    }
    assert.equal(report.columns[TARGET]!.drifted, false);
    assert.equal(report.share_drifted, 0.75);
    assert.equal(report.dataset_drift, true);
    assert.equal(report.reference_rows, 26);
    assert.equal(report.current_rows, 26);
  });
});
