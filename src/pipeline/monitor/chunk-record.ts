/**
 * A chunk's findings as monitoring.json records them (full doubles; NaN, an undefined metric,
 * written as null), with the thresholds and the alert flag.
 */
import type { ChunkFindings, TestVerdict } from '../../monitoring/chunk-findings.ts';
import type { CbpeMetric } from '../../monitoring/cbpe.ts';
import { alert, type Thresholds } from '../../monitoring/thresholds.ts';
import type { MonitoringChunk } from '../../records/monitoring-file.ts';
import type { ChunkRealized } from './chunk-realized.ts';

/** What a chunk's record says besides its findings. */
export interface ChunkFacts {
  start: number;
  end: number;
  partial: boolean;
  modelId: string;
  rows: number;
  /** Share of its rows predicted 1. */
  sharePositive: number;
  /** What its labels say (null: no label is stored). */
  realized: ChunkRealized | null;
}

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

const verdictRecord = (v: TestVerdict) => ({ ...v, score: orNull(v.score) });

/** The realized section of a chunk of `rows` rows. */
function realizedRecord(rows: number, realized: ChunkRealized | null): MonitoringChunk['realized'] {
  const metrics = realized?.metrics;
  return {
    f1: metrics ? orNull(metrics.f1) : null,
    precision: metrics ? orNull(metrics.precision) : null,
    recall: metrics ? orNull(metrics.recall) : null,
    accuracy: metrics ? orNull(metrics.accuracy) : null,
    labelled_rows: realized?.labelledRows ?? 0,
    identified_rows: realized?.identifiedRows ?? 0,
    coverage: (realized?.labelledRows ?? 0) / rows,
  };
}

/** The record of a chunk, with `findings` and `thresholds` when its version has a reference. */
export function chunkRecord(
  chunk: ChunkFacts,
  found: { findings: ChunkFindings; thresholds: Record<CbpeMetric, Thresholds>; calibrated: boolean } | null,
): MonitoringChunk {
  const base = {
    start: new Date(chunk.start).toISOString(),
    end: new Date(chunk.end).toISOString(),
    partial: chunk.partial,
    model_id: chunk.modelId,
    rows: chunk.rows,
    realized: realizedRecord(chunk.rows, chunk.realized),
  };
  if (!found) {
    return {
      ...base,
      reference: 'missing',
      estimated: null,
      thresholds: null,
      alert: false,
      realized_alert: false,
      drift: null,
      prediction: {
        share_positive: chunk.sharePositive,
        reference_share_positive: null,
        classes: null,
        probability: null,
      },
    };
  }
  const { findings, thresholds } = found;
  const { metrics, f1Band } = findings.estimate;
  return {
    ...base,
    reference: 'ok',
    estimated: {
      f1: orNull(metrics.f1),
      f1_lower: orNull(f1Band.lower),
      f1_upper: orNull(f1Band.upper),
      precision: orNull(metrics.precision),
      recall: orNull(metrics.recall),
      accuracy: orNull(metrics.accuracy),
      calibrated: found.calibrated,
    },
    thresholds: { f1_lower: orNull(thresholds.f1.lower), f1_upper: orNull(thresholds.f1.upper) },
    alert: alert(metrics.f1, thresholds.f1),
    realized_alert: base.realized.f1 !== null && alert(base.realized.f1, thresholds.f1),
    drift: {
      share_drifted: findings.drift.share_drifted,
      drift_share: findings.drift.drift_share,
      dataset_drift: findings.drift.dataset_drift,
      columns: Object.fromEntries(Object.entries(findings.drift.columns).map(([k, v]) => [k, verdictRecord(v)])),
    },
    prediction: {
      share_positive: findings.prediction.share_positive,
      reference_share_positive: findings.prediction.reference_share_positive,
      classes: verdictRecord(findings.prediction.classes),
      probability: verdictRecord(findings.prediction.probability),
    },
  };
}
