/**
 * Data drift between a reference and a current data set, Evidently's default algorithm: every
 * feature, the target and any extra columns (such as model predictions) get a stat test (configured
 * or chosen by default), a score and a verdict; the dataset drifts when the share of drifted columns
 * reaches drift_share. Returns data only; src/report renders it.
 */
import { FEATURES, TARGET, type Dataset } from '../data/schema.ts';
import { ConfigError, DataError } from '../errors.ts';
import { columnDrift } from './column-drift.ts';
import { ColumnSample } from './column-sample.ts';
import { datasetDrift } from './dataset-drift.ts';
import { DEFAULT_DRIFT_SHARE, type DriftSection } from './options.ts';
import { STAT_TESTS } from './registry.ts';
import type { ColumnDrift, ColumnType, DriftReport } from './types.ts';

/** A column tested besides the schema's features and target, e.g. the model's predictions. */
export interface ExtraColumn {
  name: string;
  reference: Float64Array;
  current: Float64Array;
  columnType: ColumnType;
}

/** config.json's `drift` section (defaults: drift_share 0.5, no overrides) plus extra columns. */
export interface DriftOptions extends DriftSection {
  extraColumns?: readonly ExtraColumn[];
}

/** The features (numeric), the target (categorical), then the extra columns. */
function columnsToTest(reference: Dataset, current: Dataset, extra: readonly ExtraColumn[]): ExtraColumn[] {
  const columns: ExtraColumn[] = [
    ...FEATURES.map((name) => ({
      name,
      reference: reference.columns[name],
      current: current.columns[name],
      columnType: 'numeric' as const,
    })),
    { name: TARGET, reference: reference.columns[TARGET], current: current.columns[TARGET], columnType: 'categorical' },
    ...extra,
  ];
  const seen = new Set<string>();
  for (const { name } of columns) {
    if (seen.has(name)) throw new DataError(`drift: column '${name}' is given twice (extra columns must not reuse schema names)`);
    seen.add(name);
  }
  return columns;
}

/** Rejects overrides that name no tested column or a test that does not apply to the column's type. */
function checkOverrides(columns: readonly ExtraColumn[], overrides: DriftSection['columns']): void {
  for (const [name, override] of Object.entries(overrides ?? {})) {
    const column = columns.find((c) => c.name === name);
    if (!column) {
      throw new ConfigError(`drift.columns: there is no column '${name}' (drift is computed for ${columns.map((c) => `'${c.name}'`).join(', ')})`);
    }
    const test = override.test && STAT_TESTS[override.test];
    if (test && !test.columnTypes.includes(column.columnType)) {
      throw new ConfigError(
        `drift.columns.${name}.test: '${test.name}' does not apply to the ${column.columnType} column '${name}' (it takes ${test.columnTypes.join(' or ')} columns)`,
      );
    }
  }
}

/**
 * Tests every feature, the target and `options.extraColumns` for drift from `reference` to `current`.
 * Missing values (NaN, ±Infinity) are left out of the tests and counted per column. Throws ConfigError
 * when an override names an unknown column or a test unfit for the column's type.
 */
export function computeDrift(reference: Dataset, current: Dataset, options: DriftOptions = {}): DriftReport {
  const inputs = columnsToTest(reference, current, options.extraColumns ?? []);
  checkOverrides(inputs, options.columns);
  const columns: Record<string, ColumnDrift> = {};
  for (const input of inputs) {
    const sample = new ColumnSample(input.name, input.columnType, input.reference, input.current);
    columns[input.name] = columnDrift(sample, options.columns?.[input.name]);
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
    computed_at: new Date().toISOString(),
  };
}
