/**
 * The production section's rows, taken from monitoring.json: how a chunk's period is named (on the
 * chart axis and in the table) and the chunks as the charts draw them. Pure functions: chunks in
 * (newest first, as stored), chart rows out (oldest first), at most PRODUCTION_CHART_CHUNKS.
 */
import type { MonitoringChunk, MonitoringFile } from '../records/monitoring-file.ts';
import { type ChartChunk, chunkKey } from '../report/charts/chunk-axis.ts';
import { shortTime } from './render-cycles.ts';

/** Most chunks the charts draw (the newest ones): 400 daily chunks are the log's default retention. */
export const PRODUCTION_CHART_CHUNKS = 400;

/** A chunk's period: a short axis label and the text that names it. */
export interface ChunkPeriod {
  axis: string;
  text: string;
}

/** Names a chunk's period as the file's chunking cut it: "week of 2026-03-02", "2026-03", a size chunk's span. */
export function chunkPeriod(chunk: Pick<MonitoringChunk, 'start' | 'end'>, spec: MonitoringFile['chunk']): ChunkPeriod {
  const day = chunk.start.slice(0, 10);
  if (!('period' in spec)) {
    const start = shortTime(chunk.start).slice(0, 16);
    return { axis: start.slice(5), text: `${start} → ${shortTime(chunk.end).slice(0, 16)}` };
  }
  if (spec.period === 'month') return { axis: day.slice(0, 7), text: day.slice(0, 7) };
  return { axis: day, text: spec.period === 'week' ? `week of ${day}` : day };
}

/** The newest PRODUCTION_CHART_CHUNKS chunks of `file` as the charts draw them, oldest first. */
export function productionChartChunks(file: MonitoringFile): ChartChunk[] {
  const chunks = file.chunks.slice(0, PRODUCTION_CHART_CHUNKS).reverse();
  return chunks.map((c, i) => {
    const period = chunkPeriod(c, file.chunk);
    const f1 = c.estimated?.f1 ?? null;
    return {
      key: chunkKey(period.axis, i),
      period: period.text,
      model_id: c.model_id,
      partial: c.partial,
      rows: c.rows,
      estimate: c.estimated && f1 !== null ? { f1, lower: c.estimated.f1_lower, upper: c.estimated.f1_upper } : null,
      thresholds: c.thresholds ? { lower: c.thresholds.f1_lower, upper: c.thresholds.f1_upper } : null,
      alert: c.alert,
      drift: c.drift ? { share_drifted: c.drift.share_drifted, dataset_drift: c.drift.dataset_drift } : null,
      realized: c.realized.f1 === null ? null : { f1: c.realized.f1, alert: c.realized_alert },
      coverage: c.realized.coverage,
    };
  });
}
