/**
 * What the charts over production chunks share: the row a chart receives per chunk of the prediction
 * log, the x encoding (one band per chunk, oldest left, labelled with the chunk's start; every chart is
 * given all the chunks as its domain, so charts of the same chunks line up and a chunk a chart cannot
 * draw leaves a gap), a point size that shrinks as chunks crowd, and how a pair of bounds reads.
 */

/** One chunk as the production charts draw it. */
export interface ChartChunk {
  /** Unique position on the axis, made by {@link chunkKey}. */
  key: string;
  /** What the chunk covers, for accessible labels: "week of 2026-03-02". */
  period: string;
  model_id: string;
  /** The open, newest chunk, still filling. */
  partial: boolean;
  rows: number;
  /** The estimated F1 and its sampling-error band; null without a reference or when F1 is undefined. */
  estimate: { f1: number; lower: number | null; upper: number | null } | null;
  /** The version's F1 thresholds; null without a reference. */
  thresholds: { lower: number | null; upper: number | null } | null;
  /** The estimated F1 left the thresholds. */
  alert: boolean;
  /** Drift of the served features; null without a reference. */
  drift: { share_drifted: number; dataset_drift: boolean } | null;
  /** The F1 on the labelled rows (null below labels.min_rows or when undefined) and whether it left the thresholds. */
  realized: { f1: number; alert: boolean } | null;
  /** Share of the rows a delayed label covers. */
  coverage: number;
}

/** The separator between an axis label and the chunk's index in a key (never part of a label). */
const SEPARATOR = '|';

/** A chunk's unique key: its axis label (a chunk start, "2026-03-02") and its index among the chunks. */
export function chunkKey(axisLabel: string, index: number): string {
  return `${axisLabel}${SEPARATOR}${index}`;
}

/** The x encoding of a chart with one band per chunk, oldest left; labels that would overlap are dropped. */
export function chunkAxisEncoding(chunks: readonly ChartChunk[]) {
  const keys = chunks.map((c) => c.key);
  return {
    field: 'key',
    type: 'ordinal' as const,
    scale: { domain: keys, paddingInner: chunks.length > 60 ? 0 : 0.15, paddingOuter: 0.05 },
    title: 'chunk start (UTC)',
    axis: {
      description: `X-axis: ${chunks.length} chunks by start (UTC), oldest left`,
      labelExpr: `slice(datum.value, 0, indexof(datum.value, '${SEPARATOR}'))`,
      labelAngle: 0,
      labelFlush: true,
      labelOverlap: 'greedy' as const,
      labelSeparation: 8,
      labelFontSize: 10,
      ticks: false,
      titleFontSize: 11,
    },
  };
}

/** The area of a point mark: 45 when chunks are far apart, down to 8 when hundreds share the plot. */
export function chunkPointSize(chunks: number, plotWidth: number): number {
  const band = plotWidth / Math.max(1, chunks);
  return Math.round(Math.min(45, Math.max(8, band * band * 0.5)));
}

/** A pair of bounds either of which may be undefined: "0.620 – 0.900", "≥ 0.620", "≤ 0.900", "–". */
export function formatBounds(lower: number | null, upper: number | null): string {
  if (lower !== null && upper !== null) return `${lower.toFixed(3)} – ${upper.toFixed(3)}`;
  if (lower !== null) return `≥ ${lower.toFixed(3)}`;
  if (upper !== null) return `≤ ${upper.toFixed(3)}`;
  return '–';
}
