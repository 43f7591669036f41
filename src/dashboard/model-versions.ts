/**
 * The model versions of a production folder and when each was live: the deployment history gives the
 * periods (each switch ends the previous period), versions/ the stored folders, `current` the live one,
 * and each version's latestscore.json its F1 on the test data. Cached until the history file or the
 * live version changes.
 */
import { join } from 'node:path';
import { fileKey } from '../data/file-key.ts';
import { KeyedCache } from '../data/keyed-cache.ts';
import { readHistory, type HistoryEntry } from '../deployment/history.ts';
import { deploymentLayout } from '../deployment/layout.ts';
import { liveModelId } from '../deployment/live-deployment.ts';
import { listVersions } from '../deployment/publish.ts';
import { readScoreRecord } from '../records/score-file.ts';
import type { ModelsResponse, ModelVersion } from './api-schemas.ts';
import { LATEST_SCORE_JSON } from '../records/output-layout.ts';

/** Live periods per model id from the history (entries in time order). */
export function livePeriods(entries: readonly HistoryEntry[]): Map<string, ModelVersion['live_periods']> {
  const periods = new Map<string, ModelVersion['live_periods']>();
  entries.forEach((entry, i) => {
    const list = periods.get(entry.model_id) ?? [];
    list.push({ from: entry.at, to: entries[i + 1]?.at ?? null, action: entry.action });
    periods.set(entry.model_id, list);
  });
  return periods;
}

async function testF1(prodPath: string, modelId: string): Promise<number | null> {
  return readScoreRecord(join(deploymentLayout(prodPath).version(modelId), LATEST_SCORE_JSON)).then(
    (s) => s.f1,
    () => null,
  );
}

/** Reads the versions of `prodPath`, most recently live first. */
export async function readModelVersions(prodPath: string): Promise<ModelsResponse> {
  const [entries, stored, live] = await Promise.all([
    readHistory(deploymentLayout(prodPath).history),
    listVersions(prodPath),
    liveModelId(prodPath),
  ]);
  const periods = livePeriods(entries);
  const storedSet = new Set(stored);
  const lastLive = (id: string) => periods.get(id)?.at(-1)?.from ?? '';
  const ids = [...new Set([...periods.keys(), ...stored])].sort(
    (a, b) => lastLive(b).localeCompare(lastLive(a)) || b.localeCompare(a),
  );
  const versions = await Promise.all(
    ids.map(async (id) => ({
      model_id: id,
      live: id === live,
      stored: storedSet.has(id),
      test_f1: storedSet.has(id) ? await testF1(prodPath, id) : null,
      live_periods: periods.get(id) ?? [],
    })),
  );
  return { live_model_id: live, versions };
}

/** {@link readModelVersions} behind a cache keyed by the history file and the live version. */
export class ModelVersionsCache {
  private readonly cache = new KeyedCache<ModelsResponse>();

  constructor(private readonly prodPath: string) {}

  /** The versions, recomputed only after a deploy or rollback. */
  async get(): Promise<ModelsResponse> {
    const key = `${await fileKey(deploymentLayout(this.prodPath).history)}|${await liveModelId(this.prodPath)}`;
    return this.cache.get(key, () => readModelVersions(this.prodPath));
  }
}
