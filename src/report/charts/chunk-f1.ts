/**
 * The estimated F1 of each production chunk (CBPE, label-free): a line with one point per chunk (mark
 * group `chunk_f1`), red where the chunk's alert is raised and hollow for the partial chunk, over the
 * estimate's sampling-error band (a light bar per chunk) and the version's thresholds (dashed, one
 * segment per chunk, so a version's single chunk still shows them); and, once delayed labels arrived,
 * the realized F1 of the chunks with enough labelled rows (mark group `chunk_realized_f1`, squares,
 * red where it left the thresholds). The line breaks where a chunk has no estimate or the model
 * version changes. Only the points are labelled for assistive tech (each label names the band and
 * thresholds too). Data in, SVG out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { type ChartChunk, chunkAxisEncoding, chunkPointSize, formatBounds } from './chunk-axis.ts';
import { type ChartSize, CYCLE_COLORS, cycleChartFrame } from './cycle-axis.ts';
import { PALETTE } from './theme.ts';
import { vegaLiteToSvg } from './vega-svg.ts';

const SERIES = {
  f1: 'estimated F1',
  alert: 'alert',
  band: '±3 standard errors',
  thresholds: 'thresholds',
  realized: 'realized F1',
} as const;

const REALIZED_COLOR = '#0f766e';

const BAND_COLOR = '#bfdbfe';
const ALERT_COLOR = CYCLE_COLORS.refused;

const f3 = (x: number | null) => (x === null ? '–' : x.toFixed(3));

/** The accessible label of a chunk's point. */
function pointLabel(c: ChartChunk, f1: number): string {
  const band = c.estimate && c.estimate.lower !== null ? ` [${f3(c.estimate.lower)}, ${f3(c.estimate.upper)}]` : '';
  const limits = c.thresholds ? `, thresholds ${formatBounds(c.thresholds.lower, c.thresholds.upper)}` : '';
  const state = `${c.alert ? ', ALERT' : ''}${c.partial ? ', partial' : ''}`;
  return `chunk ${c.period}, model ${c.model_id}: estimated F1 ${f3(f1)}${band}${limits}${state}`;
}

/** The points and band of the chunks with an estimate; `segment` groups consecutive ones of one version. */
function estimateRows(chunks: readonly ChartChunk[]) {
  let segment = 0;
  let previous: ChartChunk | undefined;
  const rows = [];
  for (const c of chunks) {
    if (!c.estimate || previous?.model_id !== c.model_id || !previous.estimate) segment++;
    previous = c;
    if (!c.estimate) continue;
    rows.push({
      key: c.key,
      segment,
      f1: c.estimate.f1,
      lower: c.estimate.lower,
      upper: c.estimate.upper,
      status: c.alert ? SERIES.alert : SERIES.f1,
      fill: c.partial ? 'white' : c.alert ? ALERT_COLOR : PALETTE.current,
      label: pointLabel(c, c.estimate.f1),
    });
  }
  return rows;
}

/** The chunks with a realized F1, as squares. */
function realizedRows(chunks: readonly ChartChunk[]) {
  return chunks.flatMap((c) =>
    c.realized
      ? [
          {
            key: c.key,
            f1: c.realized.f1,
            fill: c.realized.alert ? ALERT_COLOR : REALIZED_COLOR,
            label: `chunk ${c.period}, model ${c.model_id}: realized F1 ${f3(c.realized.f1)} on labelled rows (${Math.round(c.coverage * 100)} % covered)${c.realized.alert ? ', outside the thresholds' : ''}`,
          },
        ]
      : [],
  );
}

/** One row per chunk and threshold that is defined. */
function thresholdRows(chunks: readonly ChartChunk[]) {
  return chunks.flatMap((c) =>
    c.thresholds
      ? [c.thresholds.lower, c.thresholds.upper].flatMap((y) => (y === null ? [] : [{ key: c.key, y }]))
      : [],
  );
}

/** Renders the estimated F1 per chunk (oldest left); every chunk gets a position, drawn or not. */
export function chunkF1Svg(chunks: readonly ChartChunk[], size: ChartSize): Promise<string> {
  const x = chunkAxisEncoding(chunks);
  const estimates = estimateRows(chunks);
  const realized = realizedRows(chunks);
  const color = {
    type: 'nominal' as const,
    scale: {
      domain: Object.values(SERIES),
      range: [PALETTE.current, ALERT_COLOR, BAND_COLOR, PALETTE.muted, REALIZED_COLOR],
    },
    legend: { orient: 'top' as const, direction: 'horizontal' as const, columns: size.width < 700 ? 2 : 5 },
  };
  const y = {
    type: 'quantitative' as const,
    title: 'F1',
    scale: { zero: false, nice: true, padding: 8 },
    axis: { tickCount: 5, format: '.2f' },
  };
  const spec: TopLevelSpec = {
    ...cycleChartFrame(size),
    encoding: { x },
    layer: [
      {
        data: { values: estimates.filter((e) => e.lower !== null && e.upper !== null) },
        mark: { type: 'bar', opacity: 0.8, aria: false },
        encoding: {
          y: { ...y, field: 'lower' },
          y2: { field: 'upper' },
          color: { ...color, datum: SERIES.band },
        },
      },
      {
        data: { values: thresholdRows(chunks) },
        mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.25, aria: false },
        encoding: {
          x: { ...x, bandPosition: 0 },
          x2: { field: 'key', bandPosition: 1 },
          y: { ...y, field: 'y' },
          color: { ...color, datum: SERIES.thresholds },
        },
      },
      {
        data: { values: estimates },
        mark: { type: 'line', strokeWidth: 1.5, aria: false },
        encoding: {
          y: { ...y, field: 'f1' },
          detail: { field: 'segment', type: 'nominal' },
          color: { ...color, datum: SERIES.f1 },
        },
      },
      {
        name: 'chunk_f1',
        data: { values: estimates },
        mark: {
          type: 'point',
          filled: false,
          opacity: 1,
          strokeWidth: 1.5,
          size: chunkPointSize(chunks.length, size.width - 60),
        },
        encoding: {
          y: { ...y, field: 'f1' },
          color: { ...color, field: 'status' },
          fill: { field: 'fill', type: 'nominal', scale: null },
          description: { field: 'label', type: 'nominal' },
        },
      },
      {
        name: 'chunk_realized_f1',
        data: { values: realized },
        mark: { type: 'square', opacity: 1, size: chunkPointSize(chunks.length, size.width - 60) },
        encoding: {
          y: { ...y, field: 'f1' },
          fill: { field: 'fill', type: 'nominal', scale: null },
          description: { field: 'label', type: 'nominal' },
        },
      },
    ],
  };
  const title = `Estimated F1 of ${estimates.length} production chunks${realized.length ? `, realized F1 of ${realized.length}` : ''}`;
  return vegaLiteToSvg(spec, title);
}
