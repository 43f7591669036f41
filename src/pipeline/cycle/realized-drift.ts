/**
 * Model drift judged on realized performance (config model_drift.source `realized` or `both`): the
 * newest chunk the live model served that has realized metrics (at least labels.min_rows labelled rows)
 * and F1 thresholds is drifted when its realized F1 is below the lower threshold. Chunks of other
 * versions say nothing about the live model; a live model with no such chunk is not drifted, and the
 * decision says why.
 */
import type { MonitoringFile } from '../../records/monitoring-file.ts';

/** The decision and the numbers behind it, as the run record keeps them. */
export interface RealizedDriftDecision {
  model_id: string;
  /** The chunk judged (its start), or null when none could be. */
  chunk_start: string | null;
  realized_f1: number | null;
  f1_lower: number | null;
  labelled_rows: number;
  drifted: boolean;
  note?: string;
}

/** The realized-drift decision for the live model `liveModelId` from a monitoring pass (null: the pass failed). */
export function decideRealizedDrift(monitoring: MonitoringFile | null, liveModelId: string): RealizedDriftDecision {
  const none = (note: string): RealizedDriftDecision => ({
    model_id: liveModelId,
    chunk_start: null,
    realized_f1: null,
    f1_lower: null,
    labelled_rows: 0,
    drifted: false,
    note,
  });
  if (!monitoring) return none('no production-monitoring pass to judge');
  // chunks are listed newest first
  const chunk = monitoring.chunks.find(
    (c) => c.model_id === liveModelId && c.realized.f1 !== null && (c.thresholds?.f1_lower ?? null) !== null,
  );
  if (!chunk) return none(`no chunk served by ${liveModelId} has enough labelled rows and F1 thresholds`);
  const realized = chunk.realized.f1!;
  const lower = chunk.thresholds!.f1_lower!;
  return {
    model_id: liveModelId,
    chunk_start: chunk.start,
    realized_f1: realized,
    f1_lower: lower,
    labelled_rows: chunk.realized.labelled_rows,
    drifted: realized < lower,
  };
}
