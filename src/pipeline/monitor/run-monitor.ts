/**
 * One production-monitoring pass (`npm run monitor`, and every cycle): under the monitor lock, compact
 * the prediction log's closed segments, remove days past the retention, compute every chunk against its
 * serving version's reference (with the calibrators kept from the last pass) and join the stored labels
 * to the served rows (realized metrics), and write monitoring.json and the calibrators atomically.
 */
import { mkdir } from 'node:fs/promises';
import type { Config } from '../../config.ts';
import { writeJsonAtomic } from '../../data/atomic-write.ts';
import { acquireLock } from '../../data/file-lock.ts';
import { readVersionReference } from '../../deployment/version-reference.ts';
import { AppError } from '../../errors.ts';
import { log } from '../../log.ts';
import type { LabelledReference } from '../../monitoring/estimator.ts';
import { FileLabelStore } from '../../labels/file-label-store.ts';
import { DAY_MS } from '../../prediction-log/day.ts';
import { FilePredictionLogStore } from '../../prediction-log/file-store.ts';
import { CalibrationCache } from '../../records/calibration-cache.ts';
import type { MonitoringFile } from '../../records/monitoring-file.ts';
import { outputFolderLayout } from '../../records/output-layout.ts';
import { computeMonitoring } from './compute-monitoring.ts';

/** What one pass did. */
export interface MonitorOutcome {
  result: MonitoringFile;
  compacted: { segments: number; rows: number; skipped: number };
  expiredDays: string[];
}

/**
 * The reference published with version `modelId`, or null: none was published (a version deployed
 * before references were kept), the id names no version, or the file is unusable (logged: its chunks
 * are then reported without a reference rather than failing the whole pass).
 */
async function versionReference(prodPath: string, modelId: string): Promise<LabelledReference | null> {
  const logger = log.child({ step: 'monitor', model_id: modelId });
  try {
    const reference = await readVersionReference(prodPath, modelId);
    if (!reference) logger.info(`version ${modelId} has no monitoring reference`);
    return reference;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    logger.warn(`version ${modelId}: no usable monitoring reference (${error.message})`);
    return null;
  }
}

/** Runs one monitoring pass over `config`'s prediction log; LockedError when another pass is running. */
export async function runMonitor(config: Config, now = Date.now()): Promise<MonitorOutcome> {
  const layout = outputFolderLayout(config.output_folder_path);
  await mkdir(layout.folder, { recursive: true });
  const lock = await acquireLock(layout.monitorLock);
  const store = new FilePredictionLogStore(layout.predictionLog);
  try {
    const compacted = await store.compact(now);
    const { removedDays } = await store.expire(now, config.prediction_log.retention_days);
    const calibrators = await CalibrationCache.read(layout.monitoringCalibration);
    const labels = new FileLabelStore(layout.labels);
    const stored = await labels.read().finally(() => labels.close());
    const result = await computeMonitoring(store, {
      chunk: config.monitoring.chunk,
      drift: config.drift,
      now,
      reference: (modelId) => versionReference(config.prod_deployment_path, modelId),
      calibrators,
      labels: { stored, horizonMs: config.labels.horizon_days * DAY_MS, minRows: config.labels.min_rows },
    });
    await writeJsonAtomic(layout.monitoring, result);
    await calibrators.write(layout.monitoringCalibration);
    return { result, compacted, expiredDays: removedDays };
  } finally {
    await store.close();
    await lock.release();
  }
}
