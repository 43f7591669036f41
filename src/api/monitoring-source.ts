/**
 * What GET /monitoring answers: the chunks of the latest monitoring pass (monitoring.json, written by
 * `npm run monitor` and every cycle; parsed once per version of the file), narrowed to a time range
 * and a count. The server never computes monitoring itself: a pass over a large log takes seconds of
 * CPU that would stall every other request.
 */
import type { Config } from '../config.ts';
import { fileKey } from '../data/file-key.ts';
import { KeyedCache } from '../data/keyed-cache.ts';
import { readJsonFile } from '../data/read-json-file.ts';
import { AppError } from '../errors.ts';
import { type MonitoringFile, monitoringFileSchema } from '../records/monitoring-file.ts';
import { MONITORING_JSON, outputFolderLayout } from '../records/output-layout.ts';

/** Which chunks to answer: those overlapping [from, to), newest first, at most `limit`. */
export interface MonitoringQuery {
  from?: string;
  to?: string;
  limit: number;
}

/** The answer: the pass's facts with the chosen chunks; computed_at null before the first pass. */
export type MonitoringAnswer = Omit<MonitoringFile, 'computed_at'> & { computed_at: string | null };

/** Reads monitoring.json for GET /monitoring. */
export class MonitoringSource {
  private readonly cache = new KeyedCache<MonitoringFile | null>();
  private readonly path: string;

  constructor(private readonly config: Config) {
    this.path = outputFolderLayout(config.output_folder_path).monitoring;
  }

  /** The latest pass, or null before the first; a 503 without the file's path when it is unusable. */
  private async latest(): Promise<MonitoringFile | null> {
    const key = await fileKey(this.path);
    if (key === '') return null;
    return this.cache.get(key, async () => {
      try {
        return await readJsonFile(this.path, monitoringFileSchema, 'monitoring result');
      } catch (error) {
        throw new AppError(503, `${MONITORING_JSON} cannot be read; run \`npm run monitor\` to write it again`, {
          cause: error,
        });
      }
    });
  }

  /** The chunks `query` asks for. */
  async answer(query: MonitoringQuery): Promise<MonitoringAnswer> {
    const latest = await this.latest();
    if (!latest) {
      return {
        computed_at: null,
        chunk: this.config.monitoring.chunk,
        log: { rows: 0, skipped: 0 },
        labels: { stored: 0, unmatched: 0, skipped: 0 },
        chunks: [],
      };
    }
    const from = query.from ? Date.parse(query.from) : -Infinity;
    const to = query.to ? Date.parse(query.to) : Infinity;
    const chunks = latest.chunks
      .filter((chunk) => Date.parse(chunk.end) > from && Date.parse(chunk.start) < to)
      .slice(0, query.limit);
    return { ...latest, chunks };
  }
}
