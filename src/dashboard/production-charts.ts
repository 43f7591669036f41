/**
 * The Production section's charts over the chunks of monitoring.json (estimated and realized F1, rows
 * served, drifted share of features, share of rows labelled), each rendered wide and narrow like the cycle charts; a chart no chunk
 * has numbers for is null.
 */
import type { ChartChunk } from '../report/charts/chunk-axis.ts';
import { chunkCoverageSvg } from '../report/charts/chunk-coverage.ts';
import { chunkDriftShareSvg } from '../report/charts/chunk-drift-share.ts';
import { chunkF1Svg } from '../report/charts/chunk-f1.ts';
import { chunkRowsSvg } from '../report/charts/chunk-rows.ts';
import { type ChartPair, chartPair, FULL_WIDTH, NARROW_WIDTH } from './dashboard-charts.ts';

/** The rendered charts of the Production section. */
export interface ProductionCharts {
  f1: ChartPair | null;
  rows: ChartPair | null;
  driftShare: ChartPair | null;
  coverage: ChartPair | null;
}

const height = (width: number) => (width > NARROW_WIDTH ? 260 : 220);

/** Renders the charts of `chunks` (oldest first). */
export async function renderProductionCharts(chunks: readonly ChartChunk[]): Promise<ProductionCharts> {
  const [f1, rows, driftShare, coverage] = await Promise.all([
    chartPair(
      chunks.filter((c) => c.estimate).length,
      (width) => chunkF1Svg(chunks, { width, height: height(width) + 20 }),
      FULL_WIDTH,
    ),
    chartPair(chunks.length, (width) => chunkRowsSvg(chunks, { width, height: height(width) })),
    chartPair(chunks.filter((c) => c.drift).length, (width) =>
      chunkDriftShareSvg(chunks, { width, height: height(width) }),
    ),
    chartPair(chunks.filter((c) => c.coverage > 0).length, (width) =>
      chunkCoverageSvg(chunks, { width, height: height(width) }),
    ),
  ]);
  return { f1, rows, driftShare, coverage };
}
