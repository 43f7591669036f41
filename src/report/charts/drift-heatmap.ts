/**
 * Columns × cycles heatmap of drift test results: one cell per column and cycle (mark group
 * `cycle_drift_cells`), red with a ▲ where the column drifted, grey where it did not. Each cell's
 * accessible label carries the test, score and threshold. Data in, SVG out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { cycleChartFrame, CYCLE_COLORS, cycleAxisEncoding, type ChartSize } from './cycle-axis.ts';
import { vegaLiteToSvg } from './vega-svg.ts';

/** One column's test result in one cycle. */
export interface DriftCell {
  run_id: string;
  column: string;
  test: string;
  score: number;
  threshold: number;
  drifted: boolean;
}

const STATES = ['drifted', 'not drifted'] as const;

/** Renders one row per column and one column per cycle (oldest left); `width` is the outer width. */
export function driftHeatmapSvg(
  cells: readonly DriftCell[],
  options: { width: number; rowHeight?: number },
): Promise<string> {
  const runIds = [...new Set(cells.map((c) => c.run_id))];
  const columns = [...new Set(cells.map((c) => c.column))];
  const values = cells.map((c) => ({ ...c, state: c.drifted ? STATES[0] : STATES[1] }));
  const x = { ...cycleAxisEncoding(runIds), scale: { paddingInner: 0.08 } };
  const y = {
    field: 'column',
    type: 'nominal' as const,
    sort: columns,
    title: null,
    axis: { ticks: false, domain: false, labelFontSize: 11 },
  };
  const size: ChartSize = { width: options.width, height: columns.length * (options.rowHeight ?? 28) };
  const spec: TopLevelSpec = {
    ...cycleChartFrame(size),
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values },
    encoding: { x, y },
    layer: [
      {
        name: 'cycle_drift_cells',
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'state',
            type: 'nominal',
            scale: { domain: [...STATES], range: [CYCLE_COLORS.drifted, CYCLE_COLORS.steady] },
            legend: { orient: 'top', direction: 'horizontal' },
          },
          description: { field: 'label', type: 'nominal' },
        },
        transform: [
          {
            calculate:
              "'cycle ' + datum.run_id + ', ' + datum.column + ': ' + datum.test + ' ' + format(datum.score, '.3g') + ' vs threshold ' + format(datum.threshold, '.3g') + ' (' + datum.state + ')'",
            as: 'label',
          },
        ],
      },
      {
        mark: { type: 'text', text: '▲', fontSize: 9, color: 'white', baseline: 'middle', aria: false },
        transform: [{ filter: 'datum.drifted' }],
      },
    ],
  };
  return vegaLiteToSvg(spec, `Drift per column over ${runIds.length} cycles`);
}
