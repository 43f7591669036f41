/**
 * Data drift between a reference and a current data set, Evidently's default algorithm: every
 * feature and the target get a stat test (configured or chosen by default), a score and a verdict; the
 * dataset drifts when the share of drifted columns reaches drift_share. The model's predictions, when
 * given, get the same treatment as prediction drift, reported apart. Returns data only; src/report
 * renders it.
 */
import { FEATURES, TARGET, type Dataset } from '../data/schema.ts';
import { ConfigError } from '../errors.ts';
import { columnDrift, columnVerdict } from './column-drift.ts';
import { ColumnSample } from './column-sample.ts';
import { datasetDrift } from './dataset-drift.ts';
import { type ColumnOverride, DEFAULT_DRIFT_SHARE, type DriftSection } from './options.ts';
import { STAT_TESTS } from './registry.ts';
import type { ColumnType, ColumnVerdict, DriftReport } from './types.ts';

/** One column to test: its name, type and both samples. */
interface TestedColumn {
  name: string;
  reference: Float64Array;
  current: Float64Array;
  columnType: ColumnType;
}

/** The name of the model-prediction column (reported apart; overridable in config like any column). */
export const PREDICTION_COLUMN = 'prediction';

/** config.json's `drift` section (defaults: drift_share 0.5, no overrides) plus the model's predictions. */
export interface DriftOptions extends DriftSection {
  /** 0/1 predictions of the model on both samples: prediction drift, reported apart from the columns. */
  predictions?: { reference: Float64Array; current: Float64Array };
  /** Test the target too (default true). Served data has no target: production monitoring tests the features only. */
  target?: boolean;
}

/** The features (numeric), then the target (categorical). */
function columnsToTest(reference: Dataset, current: Dataset): TestedColumn[] {
  return [
    ...FEATURES.map((name) => ({
      name,
      reference: reference.columns[name],
      current: current.columns[name],
      columnType: 'numeric' as const,
    })),
    { name: TARGET, reference: reference.columns[TARGET], current: current.columns[TARGET], columnType: 'categorical' },
  ];
}

/** Rejects overrides that name no tested column or a test that does not apply to the column's type. */
function checkOverrides(columns: readonly TestedColumn[], overrides: DriftSection['columns']): void {
  for (const [name, override] of Object.entries(overrides ?? {})) {
    const column = columns.find((c) => c.name === name);
    if (!column) {
      throw new ConfigError(
        `drift.columns: there is no column '${name}' (drift is computed for ${columns.map((c) => `'${c.name}'`).join(', ')})`,
      );
    }
    const test = override.test && STAT_TESTS[override.test];
    if (test && !test.columnTypes.includes(column.columnType)) {
      throw new ConfigError(
        `drift.columns.${name}.test: '${test.name}' does not apply to the ${column.columnType} column '${name}' ` +
          `(it takes ${test.columnTypes.join(' or ')} columns)`,
      );
    }
  }
}

/**
 * Tests every feature and the target for drift from `reference` to `current`, and the model's
 * predictions when given (prediction drift: reported, not counted in the dataset verdict). Missing
 * values (NaN, ±Infinity) are left out of the tests and counted per column. Throws ConfigError when an
 * override names an unknown column or a test unfit for the column's type.
 */
export function computeDrift(reference: Dataset, current: Dataset, options: DriftOptions = {}): DriftReport {
  return driftWith(columnDrift, reference, current, options);
}

/** computeDrift without the distributions (no bins: what production monitoring needs of every chunk). */
export function computeDriftVerdicts(
  reference: Dataset,
  current: Dataset,
  options: DriftOptions = {},
): DriftReport<ColumnVerdict> {
  return driftWith(columnVerdict, reference, current, options);
}

/** The drift report of `reference` and `current`, each column judged by `judge`. */
function driftWith<Column extends ColumnVerdict>(
  judge: (sample: ColumnSample, override?: ColumnOverride) => Column,
  reference: Dataset,
  current: Dataset,
  options: DriftOptions,
): DriftReport<Column> {
  // Without the target it stays a known column for the overrides' check (one drift section serves the
  // cycle and production monitoring) but is not tested.
  const known = columnsToTest(reference, current);
  const inputs = options.target === false ? known.filter((column) => column.name !== TARGET) : known;
  const prediction: TestedColumn | null = options.predictions
    ? { name: PREDICTION_COLUMN, ...options.predictions, columnType: 'categorical' }
    : null;
  checkOverrides(prediction ? [...known, prediction] : known, options.columns);
  const columns: Record<string, Column> = {};
  for (const input of inputs) {
    const sample = new ColumnSample(input.name, input.columnType, input.reference, input.current);
    columns[input.name] = judge(sample, options.columns?.[input.name]);
  }
  const driftShare = options.drift_share ?? DEFAULT_DRIFT_SHARE;
  const verdict = datasetDrift(
    Object.values(columns).map((c) => c.drifted),
    driftShare,
  );
  return {
    reference_rows: reference.rows,
    current_rows: current.rows,
    share_drifted: verdict.share_drifted,
    drift_share: driftShare,
    dataset_drift: verdict.dataset_drift,
    columns,
    prediction: prediction
      ? judge(
          new ColumnSample(prediction.name, 'categorical', prediction.reference, prediction.current),
          options.columns?.[prediction.name],
        )
      : null,
    computed_at: new Date().toISOString(),
  };
}
