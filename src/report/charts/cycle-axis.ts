/**
 * What the charts over monitoring cycles share: their size option and frame, the x encoding of a cycle
 * (its run id, labelled with the UTC time the id starts with) and the colours of cycle outcomes.
 */
import { CHART_CONFIG } from './theme.ts';

/** Outer size of a chart in pixels, axes and legend included. */
export interface ChartSize {
  width: number;
  height: number;
}

/** Colours of cycle events, readable for colour-blind readers next to the palette's blue and grey. */
export const CYCLE_COLORS = {
  deployed: '#15803d',
  refused: '#b91c1c',
  drifted: '#dc2626',
  steady: '#cbd5e1',
} as const;

/** Chart padding with room on the right for half of the newest cycle's label, centred on its position. */
const CYCLE_CHART_PADDING = { left: 8, top: 8, bottom: 8, right: 36 };

/** The top-level frame every chart over cycles shares: its size, fitted with padding, and the theme. */
export function cycleChartFrame(size: ChartSize) {
  return {
    width: size.width,
    height: size.height,
    autosize: { type: 'fit' as const, contains: 'padding' as const },
    config: { ...CHART_CONFIG, padding: CYCLE_CHART_PADDING },
  };
}

/** Vega expression turning a run id (`20261126T053549Z-3b5ea6`) into "11-26 05:35:49". */
const LABEL_EXPR =
  "substring(datum.value, 4, 6) + '-' + substring(datum.value, 6, 8) + ' ' + substring(datum.value, 9, 11) + ':' + substring(datum.value, 11, 13) + ':' + substring(datum.value, 13, 15)";

/** The x encoding of a chart with one position per cycle, oldest left; labels that would overlap are dropped. */
export function cycleAxisEncoding(runIds: readonly string[]) {
  return {
    field: 'run_id',
    type: 'ordinal' as const,
    sort: [...runIds],
    title: 'cycle (UTC)',
    axis: {
      labelExpr: LABEL_EXPR,
      labelAngle: 0,
      labelOverlap: 'greedy' as const,
      labelSeparation: 8,
      labelFontSize: 10,
      ticks: false,
      titleFontSize: 11,
    },
  };
}
