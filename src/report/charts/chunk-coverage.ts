/**
 * The share of each production chunk's rows that a delayed label covers (mark group
 * `chunk_coverage`): one bar per chunk, the partial chunk lighter. Chunks without labels draw at 0.
 * Data in, SVG out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatCount, formatPercent } from '../format.ts';
import { type ChartChunk, chunkAxisEncoding } from './chunk-axis.ts';
import { type ChartSize, cycleChartFrame } from './cycle-axis.ts';
import { vegaLiteToSvg } from './vega-svg.ts';

const COVERAGE_COLOR = '#0f766e';

/** Renders the labelled share of rows per chunk (oldest left). */
export function chunkCoverageSvg(chunks: readonly ChartChunk[], size: ChartSize): Promise<string> {
  const values = chunks.map((c) => ({
    key: c.key,
    coverage: c.coverage,
    partial: c.partial,
    label: `chunk ${c.period}, model ${c.model_id}: ${formatPercent(c.coverage)} of ${formatCount(c.rows)} rows labelled${c.partial ? ', partial' : ''}`,
  }));
  const spec: TopLevelSpec = {
    ...cycleChartFrame(size),
    data: { values },
    layer: [
      {
        name: 'chunk_coverage',
        mark: { type: 'bar', color: COVERAGE_COLOR },
        encoding: {
          x: chunkAxisEncoding(chunks),
          y: {
            field: 'coverage',
            type: 'quantitative',
            title: 'rows labelled',
            scale: { domain: [0, 1] },
            axis: { format: '.0%', tickCount: 5 },
          },
          opacity: { condition: { test: 'datum.partial', value: 0.4 }, value: 1 },
          description: { field: 'label', type: 'nominal' },
        },
      },
    ],
  };
  return vegaLiteToSvg(spec, `Share of labelled rows in ${values.length} production chunks`);
}
