/**
 * The typed result of a drift computation. Computed by drift.ts, rendered by src/report/ (JSON and
 * HTML); the renderers read these numbers and compute nothing statistical themselves.
 */

/** How a test's score is read: a p-value (drift when small) or a distance (drift when large). */
export type ScoreKind = 'p_value' | 'distance';

/** The kind of values a column holds, as the default test choice sees them. */
export type ColumnType = 'numeric' | 'categorical';

/** Reference and current distributions of one column on shared bins, for charts. */
export interface ColumnDistribution {
  /** Bin labels in order ("0", "1" for one bin per value; "[a, b)" ranges for histograms). */
  bins: string[];
  /** Share of non-missing reference values in each bin (sums to 1, or all 0 when empty). */
  reference: number[];
  /** Share of non-missing current values in each bin. */
  current: number[];
  /** Histogram edges (bins.length + 1 of them) when the bins are value ranges; absent for one bin per value. */
  edges?: number[];
}

/** The drift verdict for one column, without the distributions (what production monitoring keeps). */
export interface ColumnVerdict {
  column: string;
  column_type: ColumnType;
  /** Stat test name as registered (e.g. "ks", "z", "chisquare", "wasserstein", "jensenshannon", "psi"). */
  test: string;
  kind: ScoreKind;
  /** The p-value or distance; always a finite number. */
  score: number;
  /** The test statistic when the test has a finite one (KS D, chi-square, z). */
  statistic?: number;
  threshold: number;
  drifted: boolean;
  /** Distinct non-missing values over both samples together (what the default choice counted). */
  n_unique: number;
  missing: { reference: number; current: number };
  /** Why the score is what it is when a special case decided it (an empty sample, a single category). */
  note?: string;
}

/** The drift verdict for one column with its distributions, for charts. */
export interface ColumnDrift extends ColumnVerdict {
  distribution: ColumnDistribution;
}

/** A whole drift report: per-column verdicts (with distributions unless asked without) and the dataset verdict. */
export interface DriftReport<Column extends ColumnVerdict = ColumnDrift> {
  reference_rows: number;
  current_rows: number;
  /** Share of columns that drifted. */
  share_drifted: number;
  /** The share that makes dataset drift (Evidently's drift_share, default 0.5). */
  drift_share: number;
  dataset_drift: boolean;
  /** Column name -> verdict, in the order the columns were tested. */
  columns: Record<string, Column>;
  /** Drift of the model's predictions when a model was given (not counted in share_drifted), else null. */
  prediction: Column | null;
  /** ISO time the report was computed. */
  computed_at: string;
}
