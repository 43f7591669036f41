/**
 * 2×2 confusion-matrix heatmap: counts in the cells, "actual" rows and "predicted" columns labelled
 * 0/1, each cell named (true negative, ...). Data in, SVG out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, PALETTE } from './theme.ts';
import { vegaLiteToSvg } from './vega-svg.ts';

/** Counts as `[[tn, fp], [fn, tp]]`: rows are the actual class, columns the predicted class. */
export type ConfusionCounts = readonly [readonly [number, number], readonly [number, number]];

/** Options for {@link confusionHeatmapSvg}. */
export interface ConfusionHeatmapOptions {
  title: string;
  subtitle?: string;
  /** Outer size of the SVG in pixels, title and axes included. */
  width: number;
  height: number;
}

const CELL_NAMES = [
  ['true negative', 'false positive'],
  ['false negative', 'true positive'],
] as const;

/** Renders the matrix as a heatmap; text turns white on cells darker than half the largest count. */
export function confusionHeatmapSvg(counts: ConfusionCounts, options: ConfusionHeatmapOptions): Promise<string> {
  const values = counts.flatMap((row, actual) =>
    row.map((count, predicted) => ({
      actual: String(actual),
      predicted: String(predicted),
      count,
      name: CELL_NAMES[actual]?.[predicted] ?? '',
    })),
  );
  const max = Math.max(1, ...values.map((v) => v.count));
  const textColor = { condition: { test: `datum.count > ${max / 2}`, value: 'white' }, value: PALETTE.text };
  const axis = {
    labelAngle: 0,
    labelFontSize: 13,
    titleFontSize: 13,
    titleFontWeight: 'bold' as const,
    ticks: false,
    domain: false,
  };
  const spec: TopLevelSpec = {
    width: options.width,
    height: options.height,
    autosize: { type: 'fit', contains: 'padding' },
    config: { ...CHART_CONFIG, padding: 16, title: { ...CHART_CONFIG.title, offset: 14 } },
    title: options.subtitle === undefined ? options.title : { text: options.title, subtitle: options.subtitle },
    data: { values },
    encoding: {
      x: {
        field: 'predicted',
        type: 'ordinal',
        sort: ['0', '1'],
        title: 'predicted',
        axis: { ...axis, orient: 'top' },
      },
      y: { field: 'actual', type: 'ordinal', sort: ['0', '1'], title: 'actual', axis },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 3 },
        encoding: {
          color: {
            field: 'count',
            type: 'quantitative',
            scale: { domain: [0, max], range: [PALETTE.heatLow, PALETTE.heatHigh] },
            legend: null,
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 28, fontWeight: 'bold', baseline: 'middle', dy: -8 },
        encoding: { text: { field: 'count', type: 'quantitative', format: ',d' }, color: textColor },
      },
      {
        mark: { type: 'text', fontSize: 12, baseline: 'middle', dy: 18 },
        encoding: { text: { field: 'name', type: 'nominal' }, color: textColor },
      },
    ],
  };
  return vegaLiteToSvg(spec, `${options.title}: ${values.map((v) => `${v.name} ${v.count}`).join(', ')}`);
}
