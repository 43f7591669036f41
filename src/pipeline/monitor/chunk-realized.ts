/**
 * A chunk's realized performance once labels arrived: its served rows joined to the labels
 * (labels/label-join.ts), then F1, precision, recall and accuracy of the predicted classes against
 * the labels of the labelled rows (NannyML's realized metrics, monitoring/cbpe-realized.ts), when at
 * least `minRows` rows are labelled; with the coverage figures either way.
 */
import { joinLabels, UNLABELLED } from '../../labels/label-join.ts';
import type { LabelTable } from '../../labels/label-table.ts';
import { type IdHashes, NO_ID } from '../../prediction-log/id-hash.ts';
import { realizedMetricsOfCounts } from '../../monitoring/cbpe-realized.ts';
import type { CbpeMetrics } from '../../monitoring/cbpe.ts';

/** The labels a monitoring pass joins, and how. */
export interface LabelJoinOptions {
  table: LabelTable;
  horizonMs: number;
  /** Fewest labelled rows for a chunk's metrics. */
  minRows: number;
  /** One mark per slot of `table`, set where a labelled id was met among the predictions (for the count of unmatched labels). */
  seen: Uint8Array;
}

/** What a chunk's labels say: its coverage and, with enough labelled rows, its metrics (else null). */
export interface ChunkRealized {
  /** Rows logged with a caller's id (only those can ever be labelled). */
  identifiedRows: number;
  labelledRows: number;
  metrics: CbpeMetrics | null;
}

/**
 * The realized figures of the rows answered at `time` for the ids of `idHash` with predicted classes
 * `prediction` (0/1), counted in one pass over the join's result.
 */
export function chunkRealized(
  time: Float64Array,
  idHash: IdHashes,
  prediction: Float64Array,
  labels: LabelJoinOptions,
): ChunkRealized {
  const truth = joinLabels(time, idHash, labels.table, labels.horizonMs, labels.seen);
  const { high } = idHash;
  const counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  let identifiedRows = 0;
  for (let i = 0; i < truth.length; i++) {
    if (high[i] !== NO_ID) identifiedRows++;
    const label = truth[i];
    if (label === UNLABELLED) continue;
    if (prediction[i] === 1) {
      if (label === 1) counts.tp++;
      else counts.fp++;
    } else if (label === 1) counts.fn++;
    else counts.tn++;
  }
  const labelledRows = counts.tp + counts.fp + counts.fn + counts.tn;
  return {
    identifiedRows,
    labelledRows,
    metrics: labelledRows < labels.minRows ? null : realizedMetricsOfCounts(counts),
  };
}
