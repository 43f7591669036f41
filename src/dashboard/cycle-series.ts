/**
 * The series the dashboard charts draw, taken from cycle records: the live model's F1 on each new
 * batch, the share of drifted columns, and each column's drift test per cycle. Pure functions: records
 * in (newest first, as read), chart rows out (oldest first), at most CHART_CYCLES cycles each.
 */
import type { RunRecord } from '../records/run-record.ts';
import type { DriftCell } from '../report/charts/drift-heatmap.ts';
import type { DriftShareCycle } from '../report/charts/drift-share-over-cycles.ts';
import type { F1Cycle } from '../report/charts/f1-over-cycles.ts';

/** Most cycles a chart shows (the newest ones that recorded its numbers). */
export const CHART_CYCLES = 50;

/** The newest `CHART_CYCLES` runs for which `pick` gives a value, oldest first. */
function series<T>(runs: readonly RunRecord[], pick: (run: RunRecord) => T | null): T[] {
  const out: T[] = [];
  for (const run of runs) {
    if (out.length === CHART_CYCLES) break;
    const value = pick(run);
    if (value !== null) out.push(value);
  }
  return out.reverse();
}

/** F1 of the live model on each new batch, with the recorded score and what happened to a challenger. */
export function f1Series(runs: readonly RunRecord[]): F1Cycle[] {
  return series(runs, (run) => {
    const drift = run.decisions.model_drift;
    if (!drift) return null;
    const deploy = run.decisions.deploy;
    return {
      run_id: run.id,
      f1_new: drift.f1_new,
      f1_recorded: drift.f1_recorded,
      event: deploy ? (deploy.deployed ? 'deployed' : 'refused') : null,
    };
  });
}

/** Share of drifted columns per cycle that compared data. */
export function driftShareSeries(runs: readonly RunRecord[]): DriftShareCycle[] {
  return series(runs, (run) => {
    const drift = run.decisions.data_drift;
    return drift
      ? {
          run_id: run.id,
          share_drifted: drift.share_drifted,
          drift_share: drift.drift_share,
          dataset_drift: drift.dataset_drift,
        }
      : null;
  });
}

/** One cell per column and cycle that compared data. */
export function driftCellSeries(runs: readonly RunRecord[]): DriftCell[] {
  return series(runs, (run) => {
    const drift = run.decisions.data_drift;
    if (!drift) return null;
    return Object.entries(drift.columns).map(([column, c]) => ({
      run_id: run.id,
      column,
      test: c.test,
      score: c.score,
      threshold: c.threshold,
      drifted: c.drifted,
    }));
  }).flat();
}
