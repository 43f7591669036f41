/**
 * The share of drifted columns over monitoring cycles: one bar per cycle (mark group `cycle_drift_share`),
 * red where the data set counted as drifted, with the dataset-drift threshold as a dashed rule.
 * Data in, SVG out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { cycleChartFrame, cycleAxisEncoding, type ChartSize } from './cycle-axis.ts';
import { driftShareYEncoding, driftVerdict, driftVerdictColorEncoding } from './drift-share-encoding.ts';
import { PALETTE } from './theme.ts';
import { vegaLiteToSvg } from './vega-svg.ts';

/** One cycle that compared new data with the previous data. */
export interface DriftShareCycle {
  run_id: string;
  /** Share of columns that drifted, in [0, 1]. */
  share_drifted: number;
  /** The share from which the data set counts as drifted. */
  drift_share: number;
  dataset_drift: boolean;
}

/** Renders the drifted share per cycle (oldest left) as bars, coloured by the dataset verdict. */
export function driftShareOverCyclesSvg(cycles: readonly DriftShareCycle[], size: ChartSize): Promise<string> {
  const x = cycleAxisEncoding(cycles.map((c) => c.run_id));
  const values = cycles.map((c) => ({ ...c, verdict: driftVerdict(c.dataset_drift) }));
  const thresholds = [...new Set(cycles.map((c) => c.drift_share))].map((share) => ({ share }));
  const spec: TopLevelSpec = {
    ...cycleChartFrame(size),
    layer: [
      {
        name: 'cycle_drift_share',
        data: { values },
        mark: { type: 'bar' },
        encoding: {
          x,
          y: driftShareYEncoding('columns drifted'),
          color: driftVerdictColorEncoding(),
          description: { field: 'label', type: 'nominal' },
        },
        transform: [
          {
            calculate:
              "'cycle ' + datum.run_id + ': ' + format(datum.share_drifted, '.0%') + ' of columns drifted (' + datum.verdict + ')'",
            as: 'label',
          },
        ],
      },
      {
        data: { values: thresholds },
        mark: { type: 'rule', strokeDash: [5, 4], color: PALETTE.text, strokeWidth: 1 },
        encoding: { y: { field: 'share', type: 'quantitative' } },
      },
    ],
  };
  return vegaLiteToSvg(spec, `Share of drifted columns over ${cycles.length} cycles`);
}
