/**
 * The labelled production rows a challenger may be trained on (config
 * training.include_labelled_production): every prediction logged in the last labels.horizon_days that
 * a stored label covers (the join of labels/label-join.ts), as a training row: the caller's id as the
 * corporation, the three features served, the label as `exited`. The log is read a day at a time and
 * only the labelled rows are kept.
 */
import type { Config } from '../../config.ts';
import { FEATURES, type NumericColumn, TARGET } from '../../data/schema.ts';
import { FileLabelStore } from '../../labels/file-label-store.ts';
import { joinLabels, UNLABELLED } from '../../labels/label-join.ts';
import { LabelTable } from '../../labels/label-table.ts';
import { DAY_MS } from '../../prediction-log/day.ts';
import { FilePredictionLogStore } from '../../prediction-log/file-store.ts';
import type { RowsWithIds } from '../../data/merge-deduplicated.ts';
import { outputFolderLayout } from '../../records/output-layout.ts';

/** The labelled rows, and the span of the log they were looked for in (ms, [from, to)). */
export interface LabelledProduction extends RowsWithIds {
  ids: string[];
  from: number;
  to: number;
}

/** The labelled production rows of the horizon before `now` (see the module comment). */
export async function labelledProductionRows(config: Config, now: number): Promise<LabelledProduction> {
  const layout = outputFolderLayout(config.output_folder_path);
  const horizonMs = config.labels.horizon_days * DAY_MS;
  const span = { from: now - horizonMs, to: now + 1 };
  const ids: string[] = [];
  const values: Record<NumericColumn, number[]> = {
    lastmonth_activity: [],
    lastyear_activity: [],
    number_of_employees: [],
    [TARGET]: [],
  };
  const labels = new FileLabelStore(layout.labels);
  const stored = await labels.read().finally(() => labels.close());
  const log = new FilePredictionLogStore(layout.predictionLog);
  try {
    const bounds = stored.count > 0 ? await log.bounds() : null;
    if (bounds) {
      const table = LabelTable.of(stored, await log.hashIds([...stored.byId.keys()]));
      const first = Math.max(span.from, bounds.first);
      for (let day = first - (first % DAY_MS); day < Math.min(span.to, bounds.last + 1); day += DAY_MS) {
        const range = { from: Math.max(day, span.from), to: Math.min(day + DAY_MS, span.to) };
        const rows = await log.read(range, { ids: true, idHashes: true });
        const truth = joinLabels(rows.time, rows.idHash, table, horizonMs);
        for (let i = 0; i < rows.rows; i++) {
          if (truth[i] === UNLABELLED) continue;
          ids.push(rows.id[i]!);
          for (const f of FEATURES) values[f].push(rows.features[f][i]!);
          values[TARGET].push(truth[i]!);
        }
      }
    }
  } finally {
    await log.close();
  }
  const columns = Object.fromEntries(Object.entries(values).map(([c, v]) => [c, Float64Array.from(v)])) as Record<
    NumericColumn,
    Float64Array
  >;
  return { ids, dataset: { rows: ids.length, columns }, ...span };
}
