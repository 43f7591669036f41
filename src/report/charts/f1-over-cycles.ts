/**
 * The live model's F1 on each new batch over monitoring cycles, with the recorded score it was compared
 * against and a rule where a cycle retrained and deployed (green) or refused the challenger (red).
 * One point per cycle, in the mark group named `cycle_f1`. Data in, SVG out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { cycleChartFrame, CYCLE_COLORS, cycleAxisEncoding, type ChartSize } from './cycle-axis.ts';
import { PALETTE } from './theme.ts';
import { vegaLiteToSvg } from './vega-svg.ts';

/** One cycle that scored the live model on new data. */
export interface F1Cycle {
  run_id: string;
  /** The live model's F1 on the new batch. */
  f1_new: number;
  /** The score it was compared against. */
  f1_recorded: number;
  /** What the cycle did with a challenger, if it trained one. */
  event: 'deployed' | 'refused' | null;
}

const SERIES = {
  f1: 'F1 on the new batch',
  recorded: 'recorded F1',
  deployed: 'retrained, deployed',
  refused: 'challenger refused',
} as const;

/** Renders F1 per cycle (oldest left) as a line with points, the recorded score dashed, events as rules. */
export function f1OverCyclesSvg(cycles: readonly F1Cycle[], size: ChartSize): Promise<string> {
  const x = cycleAxisEncoding(cycles.map((c) => c.run_id));
  const values = cycles.map((c) => ({ ...c }));
  const events = cycles.flatMap((c) => (c.event ? [{ run_id: c.run_id, event: SERIES[c.event] }] : []));
  const color = {
    type: 'nominal' as const,
    scale: {
      domain: Object.values(SERIES),
      range: [PALETTE.current, PALETTE.muted, CYCLE_COLORS.deployed, CYCLE_COLORS.refused],
    },
    legend: {
      orient: 'top' as const,
      direction: 'horizontal' as const,
      symbolType: 'stroke',
      columns: size.width < 700 ? 2 : 4,
    },
  };
  const y = {
    type: 'quantitative' as const,
    title: 'F1',
    scale: { zero: false, nice: true, padding: 8 },
    axis: { tickCount: 5, format: '.2f' },
  };
  const spec: TopLevelSpec = {
    ...cycleChartFrame(size),
    layer: [
      {
        data: { values: events },
        mark: { type: 'rule', strokeWidth: 2, opacity: 0.75 },
        encoding: { x, color: { ...color, field: 'event' } },
      },
      {
        data: { values },
        mark: { type: 'line', interpolate: 'step-after', strokeDash: [5, 4], strokeWidth: 1.5 },
        encoding: { x, y: { ...y, field: 'f1_recorded' }, color: { ...color, datum: SERIES.recorded } },
      },
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: { x, y: { ...y, field: 'f1_new' }, color: { ...color, datum: SERIES.f1 } },
      },
      {
        name: 'cycle_f1',
        data: { values },
        mark: { type: 'point', filled: true, size: 45, opacity: 1 },
        encoding: {
          x,
          y: { ...y, field: 'f1_new' },
          color: { ...color, datum: SERIES.f1 },
          description: { field: 'label', type: 'nominal' },
        },
        transform: [
          {
            calculate:
              "'cycle ' + datum.run_id + ': F1 ' + format(datum.f1_new, '.4f') + ' (recorded ' + format(datum.f1_recorded, '.4f') + ')'",
            as: 'label',
          },
        ],
      },
    ],
  };
  return vegaLiteToSvg(spec, `F1 of the live model on each new batch over ${cycles.length} cycles`);
}
