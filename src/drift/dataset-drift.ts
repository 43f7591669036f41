/**
 * The dataset verdict, Evidently's `get_dataset_drift`: the share of drifted columns, and dataset
 * drift when that share reaches drift_share.
 */

/** Share of drifted columns (0 when there is none) and whether it reaches `driftShare`. */
export function datasetDrift(
  drifted: readonly boolean[],
  driftShare: number,
): { share_drifted: number; dataset_drift: boolean } {
  const count = drifted.filter(Boolean).length;
  const share = drifted.length > 0 ? count / drifted.length : 0;
  return { share_drifted: share, dataset_drift: drifted.length > 0 && share >= driftShare };
}
