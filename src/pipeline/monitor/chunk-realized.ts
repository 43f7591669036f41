/**
 * A chunk's realized performance once labels arrived: its served rows joined to the labels
 * (labels/label-join.ts), then F1, precision, recall and accuracy of the predicted classes against
 * the labels of the labelled rows (NannyML's realized metrics, monitoring/cbpe-realized.ts), when at
 * least `minRows` rows are labelled; with the coverage figures either way.
 */
import { joinLabels, UNLABELLED } from '../../labels/label-join.ts';
import type { LabelTable } from '../../labels/label-table.ts';
import { type IdHashes, NO_ID } from '../../prediction-log/id-hash.ts';
import { realizedMetrics } from '../../monitoring/cbpe-realized.ts';
import type { CbpeMetrics } from '../../monitoring/cbpe.ts';

/** The labels a monitoring pass joins, and how. */
export interface LabelJoinOptions {
  table: LabelTable;
  horizonMs: number;
  /** Fewest labelled rows for a chunk's metrics. */
  minRows: number;
  /** Set to 1 for each id of `table` met among the predictions (for the count of unmatched labels). */
  seen: Uint8Array;
}

/** What a chunk's labels say: its coverage and, with enough labelled rows, its metrics (else null). */
export interface ChunkRealized {
  /** Rows logged with a caller's id (only those can ever be labelled). */
  identifiedRows: number;
  labelledRows: number;
  metrics: CbpeMetrics | null;
}

/** The realized figures of the rows answered at `time` for the ids of `idHash` with predicted classes `prediction`. */
export function chunkRealized(
  time: Float64Array,
  idHash: IdHashes,
  prediction: Float64Array,
  labels: LabelJoinOptions,
): ChunkRealized {
  const truth = joinLabels(time, idHash, labels.table, labels.horizonMs, labels.seen);
  let identifiedRows = 0;
  for (const high of idHash.high) if (high !== NO_ID) identifiedRows++;
  let labelledRows = 0;
  for (const t of truth) if (t !== UNLABELLED) labelledRows++;
  if (labelledRows < labels.minRows) return { identifiedRows, labelledRows, metrics: null };
  const yTrue = new Float64Array(labelledRows);
  const yPred = new Float64Array(labelledRows);
  for (let i = 0, k = 0; i < truth.length; i++) {
    if (truth[i] === UNLABELLED) continue;
    yTrue[k] = truth[i]!;
    yPred[k++] = prediction[i]!;
  }
  return { identifiedRows, labelledRows, metrics: realizedMetrics(yTrue, yPred) };
}
