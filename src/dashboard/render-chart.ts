/**
 * One chart of the dashboard as a figure card: its title, a note saying what it draws and how much,
 * the wide and the narrow rendering (the page's CSS shows one), or a message when there is nothing to
 * draw. Titles, notes and messages are markup written by the callers; the SVGs are vega's.
 */
import type { ChartPair } from './dashboard-charts.ts';

/** What {@link chartFigure} shows. */
export interface ChartFigure {
  id: string;
  title: string;
  /** The caption's note for `count` cycles or chunks drawn. */
  note: (count: number) => string;
  pair: ChartPair | null;
  /** Shown instead of the chart when `pair` is null. */
  empty: string;
  /** Spans the whole chart grid. */
  full?: boolean;
}

/** The figure of one chart; `data-count` holds the number of cycles or chunks drawn. */
export function chartFigure({ id, title, note, pair, empty, full = false }: ChartFigure): string {
  const open = `<figure class="card chart${full ? ' chart--full' : ''}" id="${id}" data-count="${pair?.count ?? 0}">`;
  if (!pair)
    return `${open}<figcaption><span class="chart-title">${title}</span></figcaption><p class="empty">${empty}</p></figure>`;
  return `${open}
<figcaption><span class="chart-title">${title}</span><span class="chart-meta">${note(pair.count)}</span></figcaption>
<div class="chart-wide">${pair.wide}</div>
<div class="chart-narrow">${pair.narrow}</div>
</figure>`;
}
