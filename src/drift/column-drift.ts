/**
 * The drift verdict for one column: the configured test or Evidently's default choice, its threshold,
 * the score and the distribution on the shared bins for charts. Degenerate input gives a defined,
 * finite result: when either sample has no non-missing value the test is not run, the score is the
 * "no drift" value (p-value 1, distance 0) and `note` says why; single-category columns are handled by
 * the tests themselves (see chisquare and z).
 */
import type { ColumnSample } from './column-sample.ts';
import type { ColumnOverride } from './options.ts';
import { STAT_TESTS } from './registry.ts';
import { selectDefaultTest } from './select-test.ts';
import type { StatTest, TestOutcome } from './stattest.ts';
import type { ColumnDistribution, ColumnDrift, ColumnVerdict, ScoreKind } from './types.ts';

/** The score that means "no drift" for a kind of test. */
function noDriftScore(kind: ScoreKind): number {
  return kind === 'p_value' ? 1 : 0;
}

function runTest(test: StatTest, sample: ColumnSample): TestOutcome {
  const emptyRef = sample.reference.length === 0;
  const emptyCur = sample.current.length === 0;
  if (emptyRef || emptyCur) {
    const which = emptyRef && emptyCur ? 'both samples' : emptyRef ? 'the reference sample' : 'the current sample';
    return { score: noDriftScore(test.kind), note: `no non-missing values in ${which}: the test was not run` };
  }
  const outcome = test.run(sample);
  if (!Number.isFinite(outcome.score)) {
    return { score: noDriftScore(test.kind), note: `the ${test.name} test gave no finite score (values too large?)` };
  }
  return outcome;
}

function distribution(sample: ColumnSample): ColumnDistribution {
  const bins = sample.bins();
  const shares = sample.binShares();
  return {
    bins: bins.labels,
    reference: Array.from(shares.reference),
    current: Array.from(shares.current),
    ...(bins.edges ? { edges: Array.from(bins.edges) } : {}),
  };
}

/** Tests one column; `override` (already checked against the column type) replaces the default choice. */
export function columnVerdict(sample: ColumnSample, override: ColumnOverride = {}): ColumnVerdict {
  const nUnique = sample.nUnique();
  const name =
    override.test ??
    selectDefaultTest({ columnType: sample.columnType, referenceRows: sample.reference.length, nUnique });
  const test = STAT_TESTS[name];
  const threshold = override.threshold ?? test.defaultThreshold;
  const outcome = runTest(test, sample);
  return {
    column: sample.name,
    column_type: sample.columnType,
    test: test.name,
    kind: test.kind,
    score: outcome.score,
    ...(outcome.statistic !== undefined ? { statistic: outcome.statistic } : {}),
    threshold,
    drifted: test.drifted(outcome.score, threshold),
    n_unique: nUnique,
    missing: { ...sample.missing },
    ...(outcome.note ? { note: outcome.note } : {}),
  };
}

/** Tests one column as columnVerdict does, with both samples' distributions on shared bins. */
export function columnDrift(sample: ColumnSample, override: ColumnOverride = {}): ColumnDrift {
  const { note, ...verdict } = columnVerdict(sample, override);
  return { ...verdict, distribution: distribution(sample), ...(note ? { note } : {}) };
}
