/**
 * What the dashboard's Production section shows, read from monitoring.json (written by
 * `npm run monitor` and every cycle) and cached with its charts until the file changes: nothing yet,
 * why the file cannot be read, or the latest pass with its newest chunks and the rendered charts.
 */
import { fileKey } from '../data/file-key.ts';
import { KeyedCache } from '../data/keyed-cache.ts';
import { readJsonFile } from '../data/read-json-file.ts';
import { describeError } from '../errors.ts';
import { type MonitoringChunk, type MonitoringFile, monitoringFileSchema } from '../records/monitoring-file.ts';
import { MONITORING_JSON } from '../records/output-layout.ts';
import { type ProductionCharts, renderProductionCharts } from './production-charts.ts';
import { productionChartChunks } from './production-series.ts';

/** Chunks listed in the section's table (the newest). */
export const PRODUCTION_TABLE_CHUNKS = 10;

/** The Production section's data. */
export type ProductionView =
  /** No monitoring.json yet, or a pass that found no logged prediction. */
  | { state: 'empty' }
  /** monitoring.json exists but is not a monitoring result. */
  | { state: 'unreadable'; error: string }
  | {
      state: 'ready';
      computed_at: string;
      chunk: MonitoringFile['chunk'];
      log: MonitoringFile['log'];
      /** Chunks in the file. */
      chunks: number;
      /** The newest PRODUCTION_TABLE_CHUNKS chunks, newest first. */
      latest: MonitoringChunk[];
      charts: ProductionCharts;
    };

const EMPTY: ProductionView = { state: 'empty' };

/** Reads monitoring.json at `path`; renders the charts once per version of the file. */
export class ProductionCache {
  private readonly cache = new KeyedCache<ProductionView>();

  constructor(private readonly path: string) {}

  /** The section's data for the file as it is now. */
  async get(): Promise<ProductionView> {
    const key = await fileKey(this.path);
    if (key === '') return EMPTY;
    return this.cache.get(key, () => this.read());
  }

  private async read(): Promise<ProductionView> {
    let file: MonitoringFile | null;
    try {
      file = await readJsonFile(this.path, monitoringFileSchema, 'monitoring result');
    } catch (error) {
      // The message names the file by its path; the page names it by its name.
      return { state: 'unreadable', error: describeError(error).replaceAll(this.path, MONITORING_JSON) };
    }
    if (!file || file.chunks.length === 0) return EMPTY;
    return {
      state: 'ready',
      computed_at: file.computed_at,
      chunk: file.chunk,
      log: file.log,
      chunks: file.chunks.length,
      latest: file.chunks.slice(0, PRODUCTION_TABLE_CHUNKS),
      charts: await renderProductionCharts(productionChartChunks(file)),
    };
  }
}
