/**
 * The rows served in each production chunk: one bar per chunk (mark group `chunk_rows`), coloured by
 * the model version that served them, the partial chunk lighter. Data in, SVG out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { type ChartChunk, chunkAxisEncoding } from './chunk-axis.ts';
import { type ChartSize, cycleChartFrame } from './cycle-axis.ts';
import { vegaLiteToSvg } from './vega-svg.ts';

/** Versions named in the legend; more are still coloured, and named in each bar's label. */
const LEGEND_VERSIONS = 8;

/** Renders rows per chunk (oldest left) as bars coloured by model version. */
export function chunkRowsSvg(chunks: readonly ChartChunk[], size: ChartSize): Promise<string> {
  const versions = [...new Set(chunks.map((c) => c.model_id))];
  const values = chunks.map((c) => ({
    key: c.key,
    rows: c.rows,
    model_id: c.model_id,
    partial: c.partial,
    label: `chunk ${c.period}, model ${c.model_id}: ${c.rows.toLocaleString('en-US')} rows${c.partial ? ' (partial)' : ''}`,
  }));
  const spec: TopLevelSpec = {
    ...cycleChartFrame(size),
    data: { values },
    layer: [
      {
        name: 'chunk_rows',
        mark: { type: 'bar' },
        encoding: {
          x: chunkAxisEncoding(chunks),
          y: { field: 'rows', type: 'quantitative', title: 'rows served', axis: { tickCount: 4 } },
          color: {
            field: 'model_id',
            type: 'nominal',
            scale: { domain: versions, scheme: 'tableau10' },
            legend: {
              orient: 'top',
              direction: 'horizontal',
              columns: size.width < 700 ? 2 : 4,
              labelLimit: 160,
              symbolLimit: LEGEND_VERSIONS,
            },
          },
          opacity: { condition: { test: 'datum.partial', value: 0.4 }, value: 1 },
          description: { field: 'label', type: 'nominal' },
        },
      },
    ],
  };
  return vegaLiteToSvg(spec, `Rows served in ${chunks.length} production chunks, by model version`);
}
