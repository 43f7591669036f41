/**
 * The dashboard's three charts, each rendered twice (a wide SVG for laptops, a narrow one for phones;
 * the page's CSS shows one), cached until runs.jsonl changes: rendering through vega takes tens of
 * milliseconds per chart, reading the file's size and time a fraction of one. `chartPair` and the
 * widths are shared with the Production section's charts.
 */
import { KeyedCache } from '../data/keyed-cache.ts';
import type { RunRecord } from '../records/run-record.ts';
import { driftHeatmapSvg } from '../report/charts/drift-heatmap.ts';
import { driftShareOverCyclesSvg } from '../report/charts/drift-share-over-cycles.ts';
import { f1OverCyclesSvg } from '../report/charts/f1-over-cycles.ts';
import { driftCellSeries, driftShareSeries, f1Series } from './cycle-series.ts';

/** One chart at two widths, or null when nothing has its numbers yet. */
export interface ChartPair {
  wide: string;
  narrow: string;
  /** Cycles or chunks drawn. */
  count: number;
}

/** The rendered charts. */
export interface DashboardCharts {
  f1: ChartPair | null;
  driftShare: ChartPair | null;
  driftHeatmap: ChartPair | null;
}

/** Outer chart widths in pixels: half the page on a laptop, the whole page, the screen on a phone. */
export const WIDE_WIDTH = 540;
export const FULL_WIDTH = 1100;
export const NARROW_WIDTH = 340;

/** Renders a chart wide (`wide`, the laptop width) and narrow; null when there is nothing to draw (`count` 0). */
export async function chartPair(
  count: number,
  render: (width: number) => Promise<string>,
  wide = WIDE_WIDTH,
): Promise<ChartPair | null> {
  if (count === 0) return null;
  const [w, n] = await Promise.all([render(wide), render(NARROW_WIDTH)]);
  return { wide: w, narrow: n, count };
}

/** Renders the charts of the runs (newest first). */
export async function renderDashboardCharts(runs: readonly RunRecord[]): Promise<DashboardCharts> {
  const f1 = f1Series(runs);
  const share = driftShareSeries(runs);
  const cells = driftCellSeries(runs);
  const heatmapCycles = new Set(cells.map((c) => c.run_id)).size;
  return {
    f1: await chartPair(f1.length, (width) => f1OverCyclesSvg(f1, { width, height: width > NARROW_WIDTH ? 260 : 240 })),
    driftShare: await chartPair(share.length, (width) =>
      driftShareOverCyclesSvg(share, { width, height: width > NARROW_WIDTH ? 260 : 220 }),
    ),
    driftHeatmap: await chartPair(
      heatmapCycles,
      (width) => driftHeatmapSvg(cells, { width, rowHeight: width > NARROW_WIDTH ? 30 : 26 }),
      FULL_WIDTH,
    ),
  };
}

/** The charts of the latest runs, re-rendered only when `key` (the history file's identity) changes. */
export class DashboardChartsCache {
  private readonly cache = new KeyedCache<DashboardCharts>();

  /** The charts for `runs`, which must be what the history held when `key` was taken. */
  get(key: string, runs: readonly RunRecord[]): Promise<DashboardCharts> {
    return this.cache.get(key, () => renderDashboardCharts(runs));
  }
}
