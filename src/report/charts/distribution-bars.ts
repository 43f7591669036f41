/**
 * Grouped bar chart of one column's reference and current shares over shared bins: data in, SVG out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ColumnDistribution } from '../../drift/types.ts';
import { textWidth } from './text-metrics.ts';
import { CHART_CONFIG, PALETTE } from './theme.ts';
import { vegaLiteToSvg } from './vega-svg.ts';

/** Options for {@link distributionBarsSvg}. */
export interface DistributionBarsOptions {
  /** Accessible name of the chart (title element and aria-label). */
  label: string;
  /** Outer size in pixels, axes and legend included (default 400 × 250). */
  width?: number;
  height?: number;
}

const SAMPLES = ['reference', 'current'] as const;
const LABEL_SIZE = 11;
/** Room the y axis and padding take from the outer width, roughly. */
const AXIS_ALLOWANCE = 70;

/** Renders reference vs current shares per bin as grouped bars (reference left, current right). */
export function distributionBarsSvg(
  distribution: ColumnDistribution,
  options: DistributionBarsOptions,
): Promise<string> {
  const { bins } = distribution;
  const values = bins.flatMap((bin, i) =>
    SAMPLES.map((sample) => ({ bin, sample, share: distribution[sample][i] ?? 0 })),
  );
  const width = options.width ?? 400;
  // Rotate the bin labels when the widest one would not fit under its pair of bars.
  const band = (width - AXIS_ALLOWANCE) / Math.max(1, bins.length);
  const longLabels = bins.some((b) => textWidth(b, LABEL_SIZE, false) > band * 0.85);
  const spec: TopLevelSpec = {
    width,
    height: options.height ?? 250,
    autosize: { type: 'fit', contains: 'padding' },
    config: CHART_CONFIG,
    data: { values },
    mark: { type: 'bar', cornerRadiusTopLeft: 2, cornerRadiusTopRight: 2 },
    encoding: {
      x: {
        field: 'bin',
        type: 'nominal',
        sort: bins,
        title: null,
        axis: {
          labelAngle: longLabels ? -40 : 0,
          labelAlign: longLabels ? 'right' : 'center',
          labelFontSize: LABEL_SIZE,
          labelLimit: 120,
          ticks: false,
        },
        scale: { paddingInner: 0.25 },
      },
      xOffset: { field: 'sample', type: 'nominal', sort: [...SAMPLES] },
      y: { field: 'share', type: 'quantitative', title: 'share of rows', axis: { format: '.0%', tickCount: 5 } },
      color: {
        field: 'sample',
        type: 'nominal',
        scale: { domain: [...SAMPLES], range: [PALETTE.reference, PALETTE.current] },
        legend: { orient: 'top', direction: 'horizontal' },
      },
    },
  };
  return vegaLiteToSvg(spec, options.label);
}
