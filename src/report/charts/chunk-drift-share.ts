/**
 * The share of drifted served features in each production chunk: one bar per chunk that has a drift
 * result (mark group `chunk_drift_share`), red where the chunk counted as dataset drift, the partial
 * chunk lighter. Data in, SVG out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { type ChartChunk, chunkAxisEncoding } from './chunk-axis.ts';
import { type ChartSize, cycleChartFrame } from './cycle-axis.ts';
import { driftShareYEncoding, driftVerdict, driftVerdictColorEncoding } from './drift-share-encoding.ts';
import { formatPercent } from '../format.ts';
import { vegaLiteToSvg } from './vega-svg.ts';

/** Renders the drifted share of features per chunk (oldest left); chunks without drift leave a gap. */
export function chunkDriftShareSvg(chunks: readonly ChartChunk[], size: ChartSize): Promise<string> {
  const values = chunks.flatMap((c) => {
    if (!c.drift) return [];
    const verdict = driftVerdict(c.drift.dataset_drift);
    return [
      {
        key: c.key,
        share_drifted: c.drift.share_drifted,
        verdict,
        partial: c.partial,
        label: `chunk ${c.period}, model ${c.model_id}: ${formatPercent(c.drift.share_drifted)} of features drifted (${verdict})${c.partial ? ', partial' : ''}`,
      },
    ];
  });
  const spec: TopLevelSpec = {
    ...cycleChartFrame(size),
    data: { values },
    layer: [
      {
        name: 'chunk_drift_share',
        mark: { type: 'bar' },
        encoding: {
          x: chunkAxisEncoding(chunks),
          y: driftShareYEncoding('features drifted'),
          color: driftVerdictColorEncoding(),
          opacity: { condition: { test: 'datum.partial', value: 0.4 }, value: 1 },
          description: { field: 'label', type: 'nominal' },
        },
      },
    ],
  };
  return vegaLiteToSvg(spec, `Share of drifted features in ${values.length} production chunks`);
}
