/**
 * The shape every stat test shares: a descriptor (name, score kind, column types, default threshold,
 * drift rule) and a `run` that reads what it needs from a prepared ColumnSample. The numerical work
 * of each test is a pure function next to its descriptor in stattests/<name>.ts.
 */
import type { ColumnSample } from './column-sample.ts';
import type { ColumnType, ScoreKind } from './types.ts';

/** What a test run gives: the drift score, the test statistic when there is one, and any caveat. */
export interface TestOutcome {
  /** The p-value or distance. */
  score: number;
  /** The test statistic (KS D, chi-square, z), when the test has one and it is finite. */
  statistic?: number;
  /** Why the score is what it is, when a special case decided it. */
  note?: string;
}

/** A registered stat test. */
export interface StatTest {
  readonly name: string;
  readonly kind: ScoreKind;
  /** Column types the test may be chosen for in config (the default choice may go beyond them). */
  readonly columnTypes: readonly ColumnType[];
  readonly defaultThreshold: number;
  /** Whether `score` means drift at `threshold`. */
  drifted(score: number, threshold: number): boolean;
  /** Runs the test on both samples (each non-empty). */
  run(sample: ColumnSample): TestOutcome;
}
